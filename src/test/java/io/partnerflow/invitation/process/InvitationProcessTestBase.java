package io.partnerflow.invitation.process;

import static io.partnerflow.invitation.process.InvitationDriver.*;

import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.InvitationAnswerService;
import io.partnerflow.invitation.InvitationRegistry;
import io.partnerflow.invitation.ReplyRouter;
import io.partnerflow.mail.EmbeddedMailServer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the invitation process tests share: the beans both use, a driver, and per test a fresh
 * domain prefix and admin address, with the engine clock at {@link InvitationDriver#NOW}.
 */
abstract class InvitationProcessTestBase {

  @Autowired ProcessEngine processEngine;
  @Autowired InvitationRegistry registry;
  @Autowired InvitationAnswerService answers;
  @Autowired ReplyRouter replyRouter;
  @Autowired CustomerRegistry customers;
  @Autowired RelationshipService relationships;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired JdbcClient jdbc;

  InvitationDriver driver;
  String prefix;
  String email;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new InvitationDriver(processEngine, mailServer, jdbc);
    prefix = uniqueDomainPrefix("contosoiberia");
    email = adminEmail(prefix);
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }
}
