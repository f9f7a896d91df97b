package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingDriver.*;
import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A direct partner (not an indirect provider) onboards customers without naming a reseller.
 *
 * <p>Its own context (another partner configuration), closed after the class: see
 * {@link CustomerOnboardingProcessTest} for why.
 */
@SpringBootTest(properties = "partnerflow.partner.indirect-provider=false")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class DirectPartnerOnboardingProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired CustomerRegistry customers;
  @Autowired ProvisioningService provisioning;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired JdbcClient jdbc;

  OnboardingDriver driver;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void directPartnerSkipsTheResellerAndOnboardsTheCustomerWithoutOne() throws Exception {
    String prefix = uniqueDomainPrefix("contoso");
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    assertThat(INDIRECT_PROVIDER.from(vars(pi))).isFalse();

    driver.confirmAgreement(pi, TODAY);

    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS).hasPassed(Ids.GATEWAY_IS_INDIRECT_PROVIDER)
        .hasNotPassed(Ids.SELECT_RESELLER, Ids.ASSIGN_RESELLER);
    assertThat(RESELLER_OPTIONS.from(vars(pi))).isNull();

    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = CUSTOMER_ID.from(vars(pi));
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);
    driver.handOverCredentials(pi);

    assertThat(pi).isEnded().hasPassed(Ids.END_CUSTOMER_ONBOARDED).hasNotPassed(Ids.SELECT_RESELLER);
    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(customer.resellerId()).isNull();
    assertThat(customer.domainPrefix()).isEqualTo(prefix);
    assertThat(customers.orderLines(customerId))
        .containsExactly(new OrderLine(0, "O365-E3", 25), new OrderLine(1, "TEAMS-PHONE-STANDARD", 10));
    assertThat(jdbc.sql("select reseller_partner_id from order_line where customer_id = ? order by line_number")
        .param(customerId).query(String.class).list()).containsExactly(null, null);
    assertThat(customers.orderResellerPartnerId(customerId)).isEmpty();
    assertThat(provisioning.subscriptions(customerId))
        .extracting(SubscriptionRecord::offerId, SubscriptionRecord::status, SubscriptionRecord::resellerPartnerId)
        .containsExactly(tuple("O365-E3", SubscriptionRecord.ACTIVE, null),
            tuple("TEAMS-PHONE-STANDARD", SubscriptionRecord.ACTIVE, null));
    assertThat(mailsTo(mailServer, "lucia.garcia@" + prefix + ".example")).hasSize(1);
  }

  private Map<String, Object> vars(ProcessInstance pi) {
    return runtimeService.getVariables(pi.getId());
  }
}
