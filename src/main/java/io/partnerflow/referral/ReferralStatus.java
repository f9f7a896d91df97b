package io.partnerflow.referral;

/**
 * Where a referral stands: {@code NEW} until decided; accepted → {@code ACTIVE} → {@code WON} or
 * {@code LOST}; or {@code DECLINED}; or {@code EXPIRED} after 14 days without a decision.
 */
public enum ReferralStatus {
  NEW,
  ACTIVE,
  DECLINED,
  EXPIRED,
  WON,
  LOST
}
