package io.partnerflow.customer;

/** Our relationship with a customer's tenant. */
public enum Relationship {
  RESELLER,
  NONE
}
