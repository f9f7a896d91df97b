package io.partnerflow.customer;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.provisioning.AgreementAcceptance;
import io.partnerflow.provisioning.CustomerOrders;
import io.partnerflow.provisioning.TenantRequest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers, their contacts, agreement attestations and orders. Writes join the caller's
 * transaction, which inside a delegate is the engine's: registry and process state commit together.
 */
@Repository
public class CustomerRegistry implements CustomerOrders {

  public static final String PRIMARY_CONTACT = "PRIMARY";
  /**
   * A tenant we create (onboarding) is ours to administer from the start: we create its admin user and
   * hand over its first password, and Partner Center grants the partner that creates a tenant delegated
   * admin. Ending the relationship revokes it, as it does any grant.
   */
  static final boolean DELEGATED_ADMIN_FOR_CREATED_TENANTS = true;

  private static final RowMapper<CustomerRecord> CUSTOMER = (rs, n) -> new CustomerRecord(
      rs.getString("id"), rs.getString("company_name"), rs.getString("domain_prefix"),
      rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"), rs.getString("state"),
      rs.getString("postal_code"), rs.getString("country"), rs.getString("culture"), rs.getString("language"),
      rs.getString("registration_number"), Relationship.valueOf(rs.getString("relationship")),
      rs.getString("reseller_id"), rs.getString("admin_user_name"), rs.getString("onboarding_process_instance_id"),
      rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));

  private static final RowMapper<ContactRecord> CONTACT = (rs, n) -> new ContactRecord(
      rs.getString("role"), rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
      rs.getString("phone"));

  private static final RowMapper<OrderLine> ORDER_LINE = (rs, n) -> new OrderLine(
      rs.getInt("line_number"), rs.getString("offer_id"), rs.getInt("quantity"));

  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static String normalizeDomainPrefix(String domainPrefix) {
    return domainPrefix == null ? null : domainPrefix.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The value of {@code customer.company_name_key}, which every write of a company name must set: the
   * stored (trimmed) name lower-cased, so the case-insensitive search and sort can use an index.
   */
  public static String companyNameKey(String companyName) {
    return companyName == null ? null : companyName.trim().toLowerCase(Locale.ROOT);
  }

  public Optional<String> findIdByDomainPrefix(String domainPrefix) {
    if (domainPrefix == null || domainPrefix.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql("select id from customer where domain_prefix = ?")
        .param(normalizeDomainPrefix(domainPrefix)).query(String.class).optional();
  }

  public Optional<CustomerRecord> findByDomainPrefix(String domainPrefix) {
    if (domainPrefix == null || domainPrefix.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql("select * from customer where domain_prefix = ?")
        .param(normalizeDomainPrefix(domainPrefix)).query(CUSTOMER).optional();
  }

  /** The customer that the onboarding process instance created, if it did. */
  public Optional<String> findIdByOnboardingProcessInstance(String processInstanceId) {
    return jdbc.sql("select id from customer where onboarding_process_instance_id = ?")
        .param(processInstanceId).query(String.class).optional();
  }

  public Optional<CustomerRecord> find(String customerId) {
    return jdbc.sql("select * from customer where id = ?").param(customerId).query(CUSTOMER).optional();
  }

  /**
   * The customer, its row locked until the caller's transaction ends: what starts a process for a
   * customer takes this first, so concurrent starts for one customer run one after the other.
   */
  public Optional<CustomerRecord> lockForUpdate(String customerId) {
    return jdbc.sql("select * from customer where id = ? for update").param(customerId).query(CUSTOMER).optional();
  }

  public Optional<ContactRecord> primaryContact(String customerId) {
    return jdbc.sql("select * from contact where customer_id = ? and role = ? order by id")
        // list(), not stream(): an unclosed stream keeps its connection when no transaction is open
        .param(customerId).param(PRIMARY_CONTACT).query(CONTACT).list().stream().findFirst();
  }

  @Override
  public List<OrderLine> orderLines(String customerId) {
    return jdbc.sql("select * from order_line where customer_id = ? order by line_number")
        .param(customerId).query(ORDER_LINE).list();
  }

  @Override
  public Optional<String> orderResellerPartnerId(String customerId) {
    return jdbc.sql("select max(reseller_partner_id) from order_line where customer_id = ?")
        .param(customerId).query(String.class).optional();
  }

  @Override
  public TenantRequest tenantRequest(String customerId) {
    CustomerRecord customer = find(customerId).orElseThrow(() -> new IllegalStateException(
        "Customer " + customerId + " is not in the registry: no tenant to create"));
    // Every onboarded customer has one; without it Partner Center refuses the billing profile and says why
    ContactRecord contact = primaryContact(customerId).orElse(new ContactRecord(PRIMARY_CONTACT, null, null, null, null));
    return new TenantRequest(customerId, customer.primaryDomain(), customer.companyName(), customer.culture(),
        customer.language(), contact.email(), contact.firstName(), contact.lastName(), contact.phone(),
        customer.addressLine1(), customer.addressLine2(), customer.city(), customer.state(), customer.postalCode(),
        customer.country(), customer.registrationNumber(), orderResellerPartnerId(customerId).orElse(null));
  }

  @Override
  public Optional<AgreementAcceptance> agreementAcceptance(String customerId) {
    return attestations(customerId).stream().findFirst().map(a -> new AgreementAcceptance(a.signerFirstName(),
        a.signerLastName(), a.signerEmail(), a.signerPhone(), a.dateAccepted()));
  }

  // Locks the customer row until the order commits, as RelationshipService.removeRelationship does:
  // a relationship cannot end between this check and the new subscriptions, nor an order slip in
  // between the removal's check and its update.
  @Override
  public void lockForNewOrders(String customerId) {
    Relationship relationship = jdbc.sql("select relationship from customer where id = ? for update")
        .param(customerId).query(String.class).optional().map(Relationship::valueOf)
        .orElseThrow(() -> new IllegalStateException(
            "Cannot order subscriptions for customer " + customerId + ": it is not in the registry"));
    if (relationship != Relationship.RESELLER) {
      throw new IllegalStateException("Cannot order subscriptions for customer " + customerId
          + ": we are not its reseller (relationship " + relationship + "); re-establish the relationship first");
    }
  }

  public List<AgreementAttestation> attestations(String customerId) {
    return jdbc.sql("select * from agreement_attestation where customer_id = ? order by attested_at desc, id desc")
        .param(customerId)
        .query((rs, n) -> new AgreementAttestation(rs.getString("agreement_type"), rs.getString("template_id"),
            rs.getDate("date_accepted").toLocalDate(), rs.getString("signer_first_name"),
            rs.getString("signer_last_name"), rs.getString("signer_email"), rs.getString("signer_phone"),
            rs.getString("attested_by"), rs.getTimestamp("attested_at").toInstant()))
        .list();
  }

  /**
   * Creates the customer with its primary contact, attestation and order.
   *
   * @throws DomainAlreadyTakenException when the domain prefix belongs to a customer already; checked
   *     before writing, because on PostgreSQL a failed insert would poison the engine's transaction
   */
  // The refusal is a business outcome (a BPMN error), so it must not doom the engine's transaction
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = DomainAlreadyTakenException.class)
  public String create(NewCustomer customer) {
    AccountInfo account = customer.accountInfo();
    String prefix = normalizeDomainPrefix(account.domainPrefix());
    findIdByDomainPrefix(prefix).ifPresent(existing -> {
      throw new DomainAlreadyTakenException(prefix, existing);
    });
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, address_line2, city,
          state, postal_code, country, culture, language, registration_number, relationship, delegated_admin,
          reseller_id, admin_user_name, onboarding_process_instance_id, created_by, created_at, version)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
        .params(id, trim(account.companyName()), companyNameKey(account.companyName()), prefix, trim(account.addressLine1()), blankToNull(account.addressLine2()),
            trim(account.city()), blankToNull(account.state()), blankToNull(account.postalCode()),
            upper(account.country()), trim(account.culture()), trim(account.language()),
            blankToNull(account.registrationNumber()), Relationship.RESELLER.name(), DELEGATED_ADMIN_FOR_CREATED_TENANTS,
            blankToNull(customer.resellerId()), customer.adminUserName(), customer.onboardingProcessInstanceId(),
            customer.createdBy(), now)
        .update();
    PrimaryContact contact = account.primaryContact();
    jdbc.sql("insert into contact (customer_id, role, first_name, last_name, email, phone) values (?, ?, ?, ?, ?, ?)")
        .params(id, PRIMARY_CONTACT, trim(contact.firstName()), trim(contact.lastName()), trim(contact.email()),
            blankToNull(contact.phone()))
        .update();
    AgreementAttestation attestation = customer.attestation();
    jdbc.sql("""
        insert into agreement_attestation (customer_id, agreement_type, template_id, date_accepted, signer_first_name,
          signer_last_name, signer_email, signer_phone, attested_by, attested_at, is_current)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
        .params(id, attestation.agreementType(), attestation.templateId(), Date.valueOf(attestation.dateAccepted()),
            trim(attestation.signerFirstName()), trim(attestation.signerLastName()), trim(attestation.signerEmail()),
            blankToNull(attestation.signerPhone()), attestation.attestedBy(), Timestamp.from(attestation.attestedAt()))
        .update();
    for (OrderLine line : customer.orderLines()) {
      jdbc.sql("insert into order_line (customer_id, line_number, offer_id, quantity, reseller_partner_id) values (?, ?, ?, ?, ?)")
          .params(id, line.lineNumber(), line.offerId(), line.quantity(), blankToNull(customer.resellerPartnerId()))
          .update();
    }
    return id;
  }

  /**
   * Records this person as the customer's primary contact unless it has one.
   *
   * @return whether it was recorded
   */
  @Transactional
  public boolean addPrimaryContactIfNone(String customerId, PrimaryContact contact) {
    if (primaryContact(customerId).isPresent()) {
      return false;
    }
    jdbc.sql("insert into contact (customer_id, role, first_name, last_name, email, phone) values (?, ?, ?, ?, ?, ?)")
        .params(customerId, PRIMARY_CONTACT, trim(contact.firstName()), trim(contact.lastName()), trim(contact.email()),
            blankToNull(contact.phone()))
        .update();
    return true;
  }

  /**
   * Replaces the account info (company details and primary contact) if the customer is still at
   * {@code expectedVersion}, and increments the version. The domain prefix never changes: the one in
   * {@code info} is ignored.
   *
   * @return the new version
   * @throws ConcurrentUpdateException when the customer is unknown or no longer at that version;
   *     nothing is written then
   */
  @Transactional
  public int updateAccountInfo(String id, int expectedVersion, AccountInfo info) {
    int updated = jdbc.sql("""
        update customer set company_name = ?, company_name_key = ?, address_line1 = ?, address_line2 = ?, city = ?,
          state = ?, postal_code = ?, country = ?, culture = ?, language = ?, registration_number = ?,
          version = version + 1
        where id = ? and version = ?""")
        .params(trim(info.companyName()), companyNameKey(info.companyName()), blankToNull(info.addressLine1()), blankToNull(info.addressLine2()),
            blankToNull(info.city()), blankToNull(info.state()), blankToNull(info.postalCode()), upper(info.country()),
            blankToNull(info.culture()), blankToNull(info.language()), blankToNull(info.registrationNumber()),
            id, expectedVersion)
        .update();
    if (updated == 0) {
      throw new ConcurrentUpdateException(id, expectedVersion);
    }
    PrimaryContact contact = info.primaryContact() != null ? info.primaryContact()
        : new PrimaryContact(null, null, null, null);
    Optional<Long> contactId = jdbc.sql("select id from contact where customer_id = ? and role = ? order by id")
        .params(id, PRIMARY_CONTACT).query(Long.class).list().stream().findFirst();
    if (contactId.isPresent()) {
      jdbc.sql("update contact set first_name = ?, last_name = ?, email = ?, phone = ? where id = ?")
          .params(trim(contact.firstName()), trim(contact.lastName()), trim(contact.email()),
              blankToNull(contact.phone()), contactId.get())
          .update();
    } else {
      jdbc.sql("insert into contact (customer_id, role, first_name, last_name, email, phone) values (?, ?, ?, ?, ?, ?)")
          .params(id, PRIMARY_CONTACT, trim(contact.firstName()), trim(contact.lastName()), trim(contact.email()),
              blankToNull(contact.phone()))
          .update();
    }
    return expectedVersion + 1;
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }

  private static String upper(String value) {
    return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
