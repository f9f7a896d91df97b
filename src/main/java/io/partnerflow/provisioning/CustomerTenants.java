package io.partnerflow.provisioning;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each customer's tenant in Partner Center, and the admin credentials Partner Center returned for a
 * tenant we created. Written in transactions of their own, right after Partner Center answered: if
 * the job fails later (the agreement, an order), we still know the tenant exists, and the credentials
 * that only that answer carried are not lost with the rollback.
 */
@Repository
public class CustomerTenants {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public CustomerTenants(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Optional<String> tenantOf(String customerId) {
    return jdbc.sql("select tenant_id from partner_center_customer where customer_id = ?").param(customerId)
        .query(String.class).optional();
  }

  public boolean agreementAccepted(String customerId) {
    return jdbc.sql("select count(*) from partner_center_customer where customer_id = ? and agreement_accepted_on is not null")
        .param(customerId).query(Integer.class).single() > 0;
  }

  /** Records the tenant (and the credentials that came with its creation, if any), committed now. */
  public void record(String customerId, CustomerTenant tenant) {
    ownTransaction.executeWithoutResult(status -> {
      if (tenantOf(customerId).isEmpty()) {
        jdbc.sql("insert into partner_center_customer (customer_id, tenant_id, commerce_id, created_at) values (?, ?, ?, ?)")
            .params(customerId, tenant.tenantId(), tenant.commerceId(), Timestamp.from(clock.instant())).update();
      }
      if (tenant.adminPassword() != null) {
        jdbc.sql("delete from partner_center_admin_credentials where customer_id = ?").param(customerId).update();
        jdbc.sql("""
            insert into partner_center_admin_credentials (customer_id, user_name, password, created_at)
            values (?, ?, ?, ?)""")
            .params(customerId, tenant.adminUserName(), tenant.adminPassword(), Timestamp.from(clock.instant()))
            .update();
      }
    });
  }

  /** Records, committed now, that Partner Center has the customer's agreement acceptance. */
  public void recordAgreementAccepted(String customerId, LocalDate dateAgreed) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql(
            "update partner_center_customer set agreement_accepted_on = ? where customer_id = ?")
        .params(Date.valueOf(dateAgreed), customerId).update());
  }

  /** The admin credentials Partner Center returned for the customer's tenant, while they are kept. */
  public Optional<AdminCredentials> adminCredentials(String customerId) {
    return jdbc.sql("select user_name, password from partner_center_admin_credentials where customer_id = ?")
        .param(customerId).query((rs, n) -> new AdminCredentials(rs.getString(1), rs.getString(2))).optional();
  }

  /** Forgets the admin credentials (in the caller's transaction: the hand-over's end). */
  public void discardAdminCredentials(String customerId) {
    jdbc.sql("delete from partner_center_admin_credentials where customer_id = ?").param(customerId).update();
  }

  /** A user name and password for the customer's first sign-in. */
  public record AdminCredentials(String userName, String password) {
    @Override
    public String toString() {
      return "AdminCredentials[userName=" + userName + ", password=(hidden)]";
    }
  }
}
