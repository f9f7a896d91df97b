package io.partnerflow.trust;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The running product on a real port, its users signed in at both doors of the engine REST API,
 * an honest operator to walk an onboarding to where an attack starts, and a second operator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class TrustBoundaryHttpTest {

  static final String OTHER_OPERATOR = "operator2";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;

  EngineDoor.Clients clients;
  OnboardingAtDoor onboarding;

  @BeforeEach
  void signIn() {
    OnboardingAtDoor.ensureOperator(identityService, OTHER_OPERATOR);
    clients = new EngineDoor.Clients(port);
    onboarding = new OnboardingAtDoor(clients.as(EngineDoor.ENGINE_REST, "operator"), taskService, managementService);
  }
}
