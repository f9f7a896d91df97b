package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * The guard's logic against the real engine of the shared test context (whose users have the
 * demo passwords); each test builds a guard with its own profiles and configured passwords and
 * restores the stored passwords afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DefaultPasswordGuardTest {

  static final String ADMIN_SECRET = "Adm1n-secret";
  static final String OPERATOR_SECRET = "0perator-secret";
  static final String MANAGER_SECRET = "Manag3r-secret";
  static final String MONITOR_SECRET = "M0nitor-secret";

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  IdentityService identityService;

  @AfterEach
  void restoreDemoPasswords() {
    setStoredPassword("admin", "admin");
    setStoredPassword("operator", "operator");
    setStoredPassword("manager", "manager");
    setStoredPassword("monitor", "monitor");
  }

  @Test
  void profileWithDemoPasswordsRefusesToStart() {
    assertThatThrownBy(() -> guard(profiles("postgres"), "admin", "operator", "manager", "monitor").check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("profile(s) [postgres]")
        .hasMessageContaining("Configured for user(s) [admin, operator, manager, monitor]")
        .hasMessageContaining("Stored in the database for user(s) [admin, operator, manager, monitor]")
        .hasMessageContaining("camunda.bpm.admin-user.password")
        .hasMessageContaining("partnerflow.security.operator-password")
        .hasMessageContaining("partnerflow.security.manager-password")
        .hasMessageContaining("partnerflow.security.monitor-password");
  }

  @Test
  void profileWithChangedPasswordsStarts() {
    storeSecrets();
    guard(profiles("postgres"), ADMIN_SECRET, OPERATOR_SECRET, MANAGER_SECRET, MONITOR_SECRET).check();
  }

  @Test
  void profileWithConfiguredDemoPasswordRefusesToStart() {
    storeSecrets();
    assertThatThrownBy(() -> guard(profiles("postgres"), ADMIN_SECRET, "operator", MANAGER_SECRET, MONITOR_SECRET).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Configured for user(s) [operator]: set partnerflow.security.operator-password")
        .message().doesNotContain("Stored in the database");
  }

  @Test
  void adminPasswordDefaultsToTheIdWhenNotConfigured() {
    storeSecrets();
    assertThatThrownBy(() -> guard(profiles("prod"), null, OPERATOR_SECRET, MANAGER_SECRET, MONITOR_SECRET).check())
        .hasMessageContaining("Configured for user(s) [admin]: set camunda.bpm.admin-user.password");
  }

  @Test
  void profileWithStoredDemoPasswordRefusesToStart() {
    storeSecrets();
    setStoredPassword("manager", "manager"); // the property alone never resets a stored password
    assertThatThrownBy(() -> guard(profiles("postgres"), ADMIN_SECRET, OPERATOR_SECRET, MANAGER_SECRET, MONITOR_SECRET).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Stored in the database for user(s) [manager]")
        .hasMessageContaining("partnerflow.security.manager-password")
        .message().doesNotContain("Configured for user(s)");
  }

  @Test
  void profileWithTheMonitorsDemoPasswordRefusesToStart() {
    storeSecrets();
    assertThatThrownBy(() -> guard(profiles("postgres"), ADMIN_SECRET, OPERATOR_SECRET, MANAGER_SECRET, "monitor").check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Configured for user(s) [monitor]: set partnerflow.security.monitor-password")
        .message().doesNotContain("Stored in the database");
    setStoredPassword("monitor", "monitor"); // the property alone never resets a stored password
    assertThatThrownBy(() -> guard(profiles("postgres"), ADMIN_SECRET, OPERATOR_SECRET, MANAGER_SECRET, MONITOR_SECRET)
        .check())
        .hasMessageContaining("Stored in the database for user(s) [monitor]");
  }

  @Test
  void storedPasswordCheckIsNoFailedLogin() {
    storeSecrets();
    guard(profiles("postgres"), ADMIN_SECRET, OPERATOR_SECRET, MANAGER_SECRET, MONITOR_SECRET).check();
    // IdentityService.checkPassword("operator", "operator") would have counted an attempt and locked the user
    UserEntity operator = (UserEntity) identityService.createUserQuery().userId("operator").singleResult();
    assertThat(operator.getAttempts()).isZero();
    assertThat(operator.getLockExpirationTime()).isNull();
  }

  @Test
  void withoutProfileDemoPasswordsOnlyWarn(CapturedOutput output) {
    guard(profiles(), "admin", "operator", "manager", "monitor").check();
    assertThat(output.getOut()).contains("WARN").contains("Demo passwords in use")
        .contains("[admin, operator, manager, monitor]");
  }

  @Test
  void defaultProfileCountsAsNoProfile() {
    guard(profiles("default"), "admin", "operator", "manager", "monitor").check();
  }

  private DefaultPasswordGuard guard(MockEnvironment environment, String adminPassword, String operatorPassword,
      String managerPassword, String monitorPassword) {
    CamundaBpmProperties camunda = new CamundaBpmProperties();
    AdminUserProperty admin = new AdminUserProperty();
    admin.setId("admin");
    admin.setPassword(adminPassword);
    camunda.setAdminUser(admin);
    return new DefaultPasswordGuard(environment, camunda, new SecurityProperties(operatorPassword, managerPassword, monitorPassword),
        processEngine);
  }

  private static MockEnvironment profiles(String... profiles) {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles(profiles);
    return environment;
  }

  private void storeSecrets() {
    setStoredPassword("admin", ADMIN_SECRET);
    setStoredPassword("operator", OPERATOR_SECRET);
    setStoredPassword("manager", MANAGER_SECRET);
    setStoredPassword("monitor", MONITOR_SECRET);
  }

  private void setStoredPassword(String userId, String password) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identityService.saveUser(user);
  }
}
