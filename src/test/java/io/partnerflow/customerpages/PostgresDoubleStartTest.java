package io.partnerflow.customerpages;

import io.partnerflow.testsupport.EnabledWhenPostgresAvailable;
import io.partnerflow.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The same double starts on PostgreSQL (postgres profile): the customer row lock must hold there
 * too, where two transactions really run side by side.
 */
@EnabledWhenPostgresAvailable
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000",
    "camunda.bpm.admin-user.password=ci-admin-5Lx!",
    "partnerflow.security.operator-password=" + PostgresDoubleStartTest.OPERATOR_PASSWORD,
    "partnerflow.security.manager-password=ci-manager-3Rt!",
    "partnerflow.security.monitor-password=ci-monitor-7Zp!"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresDoubleStartTest extends DoubleStartTest {

  static final String OPERATOR_PASSWORD = "ci-operator-9Qw!";

  @BeforeAll
  static void startFromAnEmptyDatabase() throws Exception {
    PostgresTestDatabase.startEmpty();
  }

  @Override
  protected String operatorPassword() {
    return OPERATOR_PASSWORD;
  }
}
