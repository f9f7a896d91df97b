package io.partnerflow.relationship;

import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.invitation.InvitationStatus;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.mail.TemplatedMail;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.partner.PartnerProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the customer, in its language, that we are no longer its reseller: which subscriptions are
 * suspended, that our delegated admin rights are gone, and that a new relationship can be requested
 * at any time. At most once per request to end the relationship, however often the job runs.
 */
@Component
public class RelationshipEndedMailer {

  static final String TEMPLATE = "relationship-ended";
  static final String SUBJECT_KEY = "mail.relationshipEnded.subject";

  private final CustomerRegistry customers;
  private final CustomerSubscriptions subscriptions;
  private final TemplatedMailService mailService;
  private final PartnerProfile partner;
  private final JdbcClient jdbc;

  public RelationshipEndedMailer(CustomerRegistry customers, CustomerSubscriptions subscriptions,
      TemplatedMailService mailService, PartnerProfile partner, JdbcClient jdbc) {
    this.customers = customers;
    this.subscriptions = subscriptions;
    this.mailService = mailService;
    this.partner = partner;
    this.jdbc = jdbc;
  }

  /** The idempotency key (and Message-ID local part) of the notice of one request. */
  public static String idempotencyKey(String customerId, String processInstanceId) {
    return "relationship-ended-" + customerId + "-" + processInstanceId;
  }

  /**
   * Sends the notice to the customer's primary contact (a customer that joined by invitation has
   * none: then the admin who accepted the invitation).
   *
   * @return true if sent now, false if it had been sent before
   * @throws IllegalStateException if the customer is unknown or we know nobody to write to
   */
  public boolean send(String customerId, String processInstanceId) {
    CustomerRecord customer = customers.find(customerId)
        .orElseThrow(() -> new IllegalStateException("Customer " + customerId + " is not in the registry"));
    Recipient recipient = customers.primaryContact(customerId).map(Recipient::of)
        .or(() -> invitationAdmin(customerId))
        .orElseThrow(() -> new IllegalStateException("Customer " + customerId
            + " has neither a primary contact nor an accepted invitation: nobody to tell that the relationship ended"));
    List<Line> suspended = subscriptions.suspended(customerId).stream()
        .map(s -> new Line(s.offerName(), s.quantity(), s.subscriptionId()))
        .toList();

    Map<String, Object> model = new HashMap<>();
    model.put("recipientName", recipient.name());
    model.put("companyName", customer.companyName());
    model.put("primaryDomain", customer.primaryDomain());
    model.put("partnerName", partner.name());
    model.put("subscriptions", suspended);
    return mailService.send(new TemplatedMail(
        idempotencyKey(customerId, processInstanceId),
        recipient.email(),
        recipient.name(),
        MailLocales.resolve(customer.culture(), customer.language()),
        TEMPLATE,
        model,
        SUBJECT_KEY,
        new Object[] {partner.name(), customer.companyName()}));
  }

  private Optional<Recipient> invitationAdmin(String customerId) {
    return jdbc.sql("""
            select coalesce(answered_by_email, admin_email) as email,
              coalesce(answered_by_name, trim(concat(coalesce(admin_first_name, ''), ' ', coalesce(admin_last_name, ''))))
                as name
            from invitation where customer_id = ? and status = ?
            order by answered_at desc nulls last, created_at desc""")
        .params(customerId, InvitationStatus.ACCEPTED.name())
        .query((rs, n) -> new Recipient(rs.getString("email"), blankToNull(rs.getString("name"))))
        .list().stream().findFirst();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** One suspended subscription as the mail lists it. */
  public record Line(String offerName, int quantity, String subscriptionId) {}

  private record Recipient(String email, String name) {
    static Recipient of(ContactRecord contact) {
      return new Recipient(contact.email(), (contact.firstName() + " " + contact.lastName()).trim());
    }
  }
}
