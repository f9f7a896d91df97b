package io.partnerflow.invitation;

public enum InvitationStatus {
  /** Sent, waiting for the customer's answer; its tokens work. */
  PENDING,
  ACCEPTED,
  DECLINED,
  EXPIRED,
  CLOSED
}
