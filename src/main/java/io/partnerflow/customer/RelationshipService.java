package io.partnerflow.customer;

import io.partnerflow.consent.AgreementAttestation;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Our relationship with customers' tenants and its history. Writes join the caller's transaction
 * (inside a delegate the engine's), so relationship and process state commit together.
 */
@Service
public class RelationshipService {

  private static final Logger log = LoggerFactory.getLogger(RelationshipService.class);
  /** {@code SubscriptionRecord.ACTIVE}; not imported, so the registry does not depend on provisioning. */
  private static final String SUBSCRIPTION_ACTIVE = "ACTIVE";

  /** How a relationship changed ({@code relationship_event.source}); the customer page names each in words. */
  public static final String SOURCE_ONBOARDING = "ONBOARDING";
  public static final String SOURCE_INVITATION = "INVITATION";
  public static final String SOURCE_END_RELATIONSHIP = "END_RELATIONSHIP";
  /** A tenant listed as it was, neither onboarded nor invited (older databases and the demo's Fabrikam; V6). */
  public static final String SOURCE_EXISTING_TENANT = "EXISTING_TENANT";
  /** Who an event names when nobody is known (the column is mandatory; a job must not fail for it). */
  static final String UNKNOWN_ACTOR = "system";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final CustomerRegistry customers;

  public RelationshipService(JdbcClient jdbc, Clock clock, CustomerRegistry customers) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.customers = customers;
  }

  /**
   * Records that the customer came in by onboarding: its first event, with the relationship and
   * delegated admin it was created with ({@link CustomerRegistry#create}), when it was created.
   *
   * @param actor who onboarded it (the onboarding's initiator)
   */
  @Transactional
  public void recordOnboarding(String customerId, String actor) {
    jdbc.sql("""
        insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source)
        select id, relationship, delegated_admin, created_at, ?, ? from customer where id = ?""")
        .params(actorOrUnknown(actor), SOURCE_ONBOARDING, customerId)
        .update();
  }

  /**
   * Records that the customer accepted the invitation: the customer (created if unknown) becomes
   * RESELLER, gains delegated admin if the invitation asked for it, and gets an event and, when none
   * is current, the given attestation. The global admin who accepted becomes the primary contact of a
   * customer that has none (one we did not know, above all). Idempotent per invitation: a retried job
   * adds nothing and returns the customer it recorded. Linking the invitation to the customer is the
   * invitation side's ({@code AcceptedInvitations}).
   *
   * @param actor who caused the change (the accepting admin, or the operator who read a reply)
   * @param attestationOrNull the agreement accepted with the invitation, if any
   * @return the customer's id
   */
  @Transactional
  public String establishReseller(AcceptedInvitation invitation, String actor,
      AgreementAttestation attestationOrNull) {
    Optional<String> alreadyDone = jdbc.sql(
            "select customer_id from relationship_event where invitation_id = ? order by id")
        .param(invitation.invitationId()).query(String.class).list().stream().findFirst();
    if (alreadyDone.isPresent()) {
      return alreadyDone.get();
    }
    String who = actorOrFallback(actor, invitation);
    Timestamp now = Timestamp.from(clock.instant());
    String customerId = Optional.ofNullable(invitation.customerId()).flatMap(customers::find).map(CustomerRecord::id)
        .or(() -> customers.findIdByDomainPrefix(invitation.domainPrefix()))
        .orElse(null);
    if (customerId == null) {
      customerId = createMinimalCustomer(invitation, who, now);
    } else {
      // Never revoke an existing delegated-admin grant: an invitation can only add one
      jdbc.sql("""
          update customer set relationship = ?, delegated_admin = (delegated_admin or ?), version = version + 1
          where id = ?""")
          .params(Relationship.RESELLER.name(), invitation.includeDelegatedAdmin(), customerId).update();
    }
    jdbc.sql("""
        insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source,
          invitation_id)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(customerId, Relationship.RESELLER.name(), hasDelegatedAdmin(customerId), now, who,
            SOURCE_INVITATION, invitation.invitationId())
        .update();
    if (attestationOrNull != null && !hasCurrentAttestationById(customerId)) {
      insertAttestation(customerId, attestationOrNull, who);
    }
    customers.addPrimaryContactIfNone(customerId, invitation.acceptingAdmin());
    return customerId;
  }

  /**
   * Ends our reseller relationship with the customer: relationship NONE, delegated admin revoked,
   * and an event. One conditional update, so it can never end a relationship while a subscription
   * is active, even if one was ordered a moment ago (the customer row is locked first, which
   * serializes it with {@code ProvisioningService.provision}). Calling it again once ended changes
   * nothing.
   *
   * @param actor who ended it (the operator who asked)
   * @param reason why; logged with the change (the event table has no column for it)
   * @return true if the relationship ended now, false if there was none (unknown customer, or NONE
   *     already)
   * @throws ActiveSubscriptionsException if the customer is our reseller customer but a subscription
   *     is still ACTIVE; nothing is changed, and the caller's transaction is not marked for rollback
   */
  // The refusal is a business outcome (a BPMN error), so it must not doom the engine's transaction
  @Transactional(noRollbackFor = ActiveSubscriptionsException.class)
  public boolean removeRelationship(String customerId, String actor, String reason) {
    // Lock the customer row first, as ProvisioningService does before it orders: an order that
    // committed while we waited is then seen by the update below (a statement of its own, so with
    // a fresh snapshot under READ COMMITTED), and an order that waits for us sees NONE.
    boolean reseller = jdbc.sql("select relationship from customer where id = ? for update").param(customerId)
        .query(String.class).optional().map(Relationship.RESELLER.name()::equals).orElse(false);
    if (!reseller) {
      return false;
    }
    int removed = jdbc.sql("""
        update customer set relationship = ?, delegated_admin = false, version = version + 1
        where id = ? and relationship = ?
          and not exists (select 1 from subscription s where s.customer_id = customer.id and s.status = ?)""")
        .params(Relationship.NONE.name(), customerId, Relationship.RESELLER.name(), SUBSCRIPTION_ACTIVE)
        .update();
    if (removed == 0) {
      throw new ActiveSubscriptionsException(customerId);
    }
    String who = actorOrUnknown(actor);
    jdbc.sql("""
        insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source)
        values (?, ?, false, ?, ?, ?)""")
        .params(customerId, Relationship.NONE.name(), Timestamp.from(clock.instant()), who, SOURCE_END_RELATIONSHIP)
        .update();
    log.info("Reseller relationship with customer {} ended by {}: {}", customerId, who, reason);
    return true;
  }

  /** Whether the customer with this domain prefix has a current agreement attestation. */
  public boolean hasCurrentAttestation(String domainPrefix) {
    if (domainPrefix == null || domainPrefix.isBlank()) {
      return false;
    }
    return jdbc.sql("""
        select count(*) from agreement_attestation a join customer c on c.id = a.customer_id
        where c.domain_prefix = ? and a.is_current = true""")
        .param(CustomerRegistry.normalizeDomainPrefix(domainPrefix)).query(Long.class).single() > 0;
  }

  public boolean hasDelegatedAdmin(String customerId) {
    return jdbc.sql("select delegated_admin from customer where id = ?").param(customerId)
        .query(Boolean.class).optional().orElse(false);
  }

  /** The customer's relationship changes, oldest first. */
  public List<RelationshipEvent> history(String customerId) {
    return jdbc.sql("""
        select relationship, delegated_admin, occurred_at, actor, source, invitation_id from relationship_event
        where customer_id = ? order by occurred_at, id""")
        .param(customerId)
        .query((rs, n) -> new RelationshipEvent(rs.getString("relationship"), rs.getBoolean("delegated_admin"),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("source"),
            rs.getString("invitation_id")))
        .list();
  }

  private String createMinimalCustomer(AcceptedInvitation invitation, String actor, Timestamp now) {
    String id = UUID.randomUUID().toString();
    String prefix = CustomerRegistry.normalizeDomainPrefix(invitation.domainPrefix());
    // An invited tenant is known by little more than its domain: address and country stay empty, and
    // its admin user is not ours to know (we did not create the tenant)
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, culture, language, relationship,
          delegated_admin, created_by, created_at, version)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
        .params(id, invitation.companyName().trim(), CustomerRegistry.companyNameKey(invitation.companyName()), prefix, invitation.culture(), invitation.language(),
            Relationship.RESELLER.name(), invitation.includeDelegatedAdmin(), actor, now)
        .update();
    return id;
  }

  private boolean hasCurrentAttestationById(String customerId) {
    return jdbc.sql("select count(*) from agreement_attestation where customer_id = ? and is_current = true")
        .param(customerId).query(Long.class).single() > 0;
  }

  private void insertAttestation(String customerId, AgreementAttestation attestation, String actor) {
    Instant attestedAt = attestation.attestedAt() != null ? attestation.attestedAt() : clock.instant();
    String attestedBy = attestation.attestedBy() != null && !attestation.attestedBy().isBlank()
        ? attestation.attestedBy() : actor;
    jdbc.sql("""
        insert into agreement_attestation (customer_id, agreement_type, template_id, date_accepted, signer_first_name,
          signer_last_name, signer_email, signer_phone, attested_by, attested_at, is_current)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
        .params(customerId, attestation.agreementType(), attestation.templateId(),
            Date.valueOf(attestation.dateAccepted()), trim(attestation.signerFirstName()),
            trim(attestation.signerLastName()), trim(attestation.signerEmail()), blankToNull(attestation.signerPhone()),
            attestedBy, Timestamp.from(attestedAt))
        .update();
  }

  // The event's actor column is mandatory; a missing actor must not fail the engine's job
  private static String actorOrFallback(String actor, AcceptedInvitation invitation) {
    if (actor != null && !actor.isBlank()) {
      return actor.trim();
    }
    if (invitation.answeredByEmail() != null && !invitation.answeredByEmail().isBlank()) {
      return invitation.answeredByEmail().trim();
    }
    return UNKNOWN_ACTOR;
  }

  private static String actorOrUnknown(String actor) {
    return actor == null || actor.isBlank() ? UNKNOWN_ACTOR : actor.trim();
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
