package io.partnerflow.onboarding;

import io.partnerflow.customer.AdminPasswordGenerator;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The temporary admin password of one hand-over task, kept outside the engine (no variable, no
 * history). With Partner Center ({@code partnerflow.partner-center.mode=api}) it is the password
 * Partner Center returned when it created the tenant ({@link CustomerTenants}); with the ledger it is
 * created the first time the task's assignee opens it. The same on every later view by that
 * assignee, and deleted when the task ends.
 */
@Component
public class AdminPasswordHandOver {

  /**
   * Shown instead of a password when Partner Center's answer with it was lost (the tenant was found
   * again after a timeout): only a reset in Partner Center gives the admin a password then.
   */
  public static final String NO_PARTNER_CENTER_PASSWORD = "(none: Partner Center's answer with the password was"
      + " lost; reset the admin's password in Partner Center)";

  private final JdbcClient jdbc;
  private final AdminPasswordGenerator generator;
  private final Clock clock;
  private final CustomerTenants tenants;
  private final CustomerRegistry customers;
  private final boolean partnerCenterPasswords;

  public AdminPasswordHandOver(JdbcClient jdbc, AdminPasswordGenerator generator, Clock clock, CustomerTenants tenants,
      CustomerRegistry customers, PartnerCenterClient partnerCenter) {
    this.jdbc = jdbc;
    this.generator = generator;
    this.clock = clock;
    this.tenants = tenants;
    this.customers = customers;
    this.partnerCenterPasswords = partnerCenter.createsAdminPassword();
  }

  /**
   * The task's password: Partner Center's for the customer its onboarding created, or (ledger) created
   * now if this is its first showing.
   */
  public String passwordFor(String taskId, String processInstanceId) {
    if (partnerCenterPasswords) {
      return customers.findIdByOnboardingProcessInstance(processInstanceId).flatMap(tenants::adminCredentials)
          .map(CustomerTenants.AdminCredentials::password).orElse(NO_PARTNER_CENTER_PASSWORD);
    }
    Optional<String> existing = find(taskId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      String password = generator.generate();
      jdbc.sql("INSERT INTO admin_password_handover (task_id, password, created_at) VALUES (?, ?, ?)")
          .params(taskId, password, Timestamp.from(clock.instant()))
          .update();
      return password;
    } catch (DuplicateKeyException concurrentFirstShowing) {
      return find(taskId).orElseThrow();
    }
  }

  /** Whether a password was created for the task (and not yet discarded). */
  public boolean exists(String taskId) {
    return find(taskId).isPresent();
  }

  /** Forgets the task's password, and the credentials Partner Center returned for its customer. */
  public void discard(String taskId, String processInstanceId) {
    jdbc.sql("DELETE FROM admin_password_handover WHERE task_id = ?").param(taskId).update();
    customers.findIdByOnboardingProcessInstance(processInstanceId).ifPresent(tenants::discardAdminCredentials);
  }


  private Optional<String> find(String taskId) {
    return jdbc.sql("SELECT password FROM admin_password_handover WHERE task_id = ?").param(taskId)
        .query(String.class).optional();
  }
}
