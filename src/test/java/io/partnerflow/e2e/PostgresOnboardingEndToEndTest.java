package io.partnerflow.e2e;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.testsupport.EnabledWhenPostgresAvailable;
import io.partnerflow.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The same whole onboarding on PostgreSQL with the {@code postgres} profile, which refuses demo
 * passwords. Always in CI ({@code -Dpartnerflow.postgres.tests=true}); locally when 127.0.0.1:5432 answers.
 */
@EnabledWhenPostgresAvailable
@ActiveProfiles("postgres")
// Each context registers engine "default" with the process application: one context at a time
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000",
    "camunda.bpm.admin-user.password=" + PostgresOnboardingEndToEndTest.ADMIN_PASSWORD,
    "partnerflow.security.operator-password=" + PostgresOnboardingEndToEndTest.OPERATOR_PASSWORD,
    "partnerflow.security.manager-password=" + PostgresOnboardingEndToEndTest.MANAGER_PASSWORD,
    "partnerflow.security.monitor-password=ci-monitor-7Zp!"})
class PostgresOnboardingEndToEndTest {

  static final String ADMIN_PASSWORD = "ci-admin-5Lx!";
  static final String OPERATOR_PASSWORD = "ci-operator-9Qw!";
  static final String MANAGER_PASSWORD = "ci-manager-3Rt!";

  /** The test database starts empty on every run, as on a fresh CI machine. */
  @BeforeAll
  static void startFromAnEmptyDatabase() throws Exception {
    PostgresTestDatabase.startEmpty();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedMailServer mailServer;

  @Test
  void operatorOnboardsCustomerOnPostgres() throws Exception {
    new OnboardingEndToEndScenario(port, OPERATOR_PASSWORD, jdbc, mailServer).runWholeOnboarding();
  }
}
