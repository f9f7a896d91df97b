package io.partnerflow.reseller;

public enum ResellerStatus {
  ACTIVE,
  INACTIVE,
  SUSPENDED
}
