package io.partnerflow.dashboard;

import io.partnerflow.testsupport.EnabledWhenPostgresAvailable;
import io.partnerflow.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The same dashboard on PostgreSQL (postgres profile): its SQL must mean the same there. */
@EnabledWhenPostgresAvailable
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "partnerflow.dashboard.task-targets[Task_Review]=PT0S",
    "partnerflow.dashboard.incident-target=PT0S",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.admin-user.password=ci-admin-5Lx!",
    "partnerflow.security.operator-password=" + PostgresDashboardPageTest.OPERATOR_PASSWORD,
    "partnerflow.security.manager-password=" + PostgresDashboardPageTest.MANAGER_PASSWORD,
    "partnerflow.security.monitor-password=" + PostgresDashboardPageTest.MONITOR_PASSWORD})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresDashboardPageTest extends DashboardPageTest {

  static final String OPERATOR_PASSWORD = "ci-operator-9Qw!";
  static final String MANAGER_PASSWORD = "ci-manager-3Rt!";
  static final String MONITOR_PASSWORD = "ci-monitor-7Zp!";

  @BeforeAll
  static void startFromAnEmptyDatabase() throws Exception {
    PostgresTestDatabase.startEmpty();
  }

  @Override
  protected String password(String user) {
    return switch (user) {
      case "operator" -> OPERATOR_PASSWORD;
      case "manager" -> MANAGER_PASSWORD;
      case "monitor" -> MONITOR_PASSWORD;
      default -> user;
    };
  }
}
