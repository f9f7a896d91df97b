package io.partnerflow.testsupport;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh in-memory H2 registry built by our Flyway migrations and demo data, plus customer fixtures. */
public final class RegistryTestDatabase {

  public static final String FABRIKAM_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";
  public static final String ADATUM_RESELLER_ID = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01";
  public static final String TAILSPIN_RESELLER_ID = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f02";

  private RegistryTestDatabase() {}

  public static JdbcClient create() {
    return JdbcClient.create(MigratedDatabase.withDemoData());
  }

  /** Inserts a customer (with a primary contact and the search key the registry writes) and returns its id. */
  public static String insertCustomer(JdbcClient jdbc, String companyName, String domainPrefix, Relationship relationship,
      String resellerId, Instant createdAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, postal_code,
          country, culture, language, relationship, reseller_id, admin_user_name, created_by, created_at, version)
        values (?, ?, ?, ?, '1 Main Street', 'Madrid', '28013', 'ES', 'es-ES', 'es', ?, ?, ?, 'test', ?, 0)""")
        .params(id, companyName, CustomerRegistry.companyNameKey(companyName), domainPrefix, relationship.name(), resellerId,
            "admin@" + domainPrefix + AccountInfo.DOMAIN_SUFFIX, Timestamp.from(createdAt))
        .update();
    jdbc.sql("insert into contact (customer_id, role, first_name, last_name, email) values (?, 'PRIMARY', ?, ?, ?)")
        .params(id, "Ana", "García", "ana@" + domainPrefix + ".example").update();
    return id;
  }
}
