package io.partnerflow.customer;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An onboarding's record after Partner Center refused part of it. Refused before its tenant existed
 * (the customer itself), the record is withdrawn ({@link #withdraw}). Refused once its tenant existed
 * (the agreement, or an offer), the next submit brings the record up to date instead of a second one
 * ({@link #update}). The domain cannot change (the tenant exists); subscriptions already bought stay, and an
 * offer already bought is not ordered again; lines not yet bought are replaced by what was submitted.
 */
@Repository
public class OnboardingResubmission {

  private final JdbcClient jdbc;
  private final CustomerRegistry customers;

  public OnboardingResubmission(JdbcClient jdbc, CustomerRegistry customers) {
    this.jdbc = jdbc;
    this.customers = customers;
  }

  /**
   * Brings the earlier record up to date with the submitted onboarding.
   *
   * @throws DomainAlreadyTakenException when the submitted domain differs from the earlier record's
   *     (its tenant exists at Microsoft under that domain)
   */
  public void update(String customerId, NewCustomer customer) {
    CustomerRecord earlier = customers.lockForUpdate(customerId).orElseThrow(() -> new IllegalStateException(
        "Customer " + customerId + " to resubmit is not in the registry"));
    AccountInfo account = customer.accountInfo();
    if (!earlier.domainPrefix().equals(CustomerRegistry.normalizeDomainPrefix(account.domainPrefix()))) {
      throw new IllegalArgumentException("The tenant " + earlier.primaryDomain() + " already exists at Microsoft"
          + " for this onboarding: its domain cannot change now");
    }
    customers.updateAccountInfo(customerId, earlier.version(), account);
    jdbc.sql("update customer set reseller_id = ? where id = ?").params(customer.resellerId(), customerId).update();
    recordAttestationIfNew(customerId, customer.attestation());
    replaceOpenLines(customerId, customer);
  }

  private void recordAttestationIfNew(String customerId, AgreementAttestation attestation) {
    boolean same = customers.attestations(customerId).stream().findFirst()
        .filter(current -> current.dateAccepted().equals(attestation.dateAccepted())
            && current.signerEmail().equalsIgnoreCase(attestation.signerEmail().trim()))
        .isPresent();
    if (same) {
      return;
    }
    jdbc.sql("update agreement_attestation set is_current = false where customer_id = ?").param(customerId).update();
    jdbc.sql("""
        insert into agreement_attestation (customer_id, agreement_type, template_id, date_accepted, signer_first_name,
          signer_last_name, signer_email, signer_phone, attested_by, attested_at, is_current)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
        .params(customerId, attestation.agreementType(), attestation.templateId(), Date.valueOf(attestation.dateAccepted()),
            attestation.signerFirstName().trim(), attestation.signerLastName().trim(), attestation.signerEmail().trim(),
            attestation.signerPhone() == null || attestation.signerPhone().isBlank() ? null : attestation.signerPhone().trim(),
            attestation.attestedBy(), Timestamp.from(attestation.attestedAt()))
        .update();
  }

  private void replaceOpenLines(String customerId, NewCustomer customer) {
    // Numbered after every line so far, replaced ones included: a line's number is in its Partner Center
    // request key, and a new line must never repeat the key of one that was refused
    int next = jdbc.sql("select coalesce(max(line_number), -1) + 1 from order_line where customer_id = ?")
        .param(customerId).query(Integer.class).single();
    jdbc.sql("""
        delete from order_line where customer_id = ?
          and line_number not in (select line_number from subscription where customer_id = ?)""")
        .params(customerId, customerId).update();
    Set<String> bought = customers.orderLines(customerId).stream().map(OrderLine::offerId).collect(Collectors.toSet());
    List<OrderLine> open = customer.orderLines().stream().filter(line -> !bought.contains(line.offerId())).toList();
    for (OrderLine line : open) {
      jdbc.sql("insert into order_line (customer_id, line_number, offer_id, quantity, reseller_partner_id) values (?, ?, ?, ?, ?)")
          .params(customerId, next++, line.offerId(), line.quantity(), customer.resellerPartnerId()).update();
    }
  }

  /**
   * Takes back the record an onboarding created when Partner Center refused to create its tenant:
   * nothing exists at Microsoft and nothing was ordered, so the corrected account info is recorded
   * afresh on the next submit. Refuses (throws) once the customer has a subscription or an invitation.
   */
  public void withdraw(String customerId) {
    int subscriptions = jdbc.sql("select count(*) from subscription where customer_id = ?").param(customerId)
        .query(Integer.class).single();
    int invitations = jdbc.sql("select count(*) from invitation where customer_id = ?").param(customerId)
        .query(Integer.class).single();
    if (subscriptions + invitations > 0) {
      throw new IllegalStateException("Customer " + customerId + " has subscriptions or invitations: it cannot be"
          + " withdrawn after Partner Center refused it");
    }
    for (String table : List.of("relationship_event", "order_line", "agreement_attestation", "contact")) {
      jdbc.sql("delete from " + table + " where customer_id = ?").param(customerId).update();
    }
    jdbc.sql("delete from customer where id = ?").param(customerId).update();
  }
}
