package io.partnerflow.api;

import static io.partnerflow.api.ApiTestClient.contentType;
import static io.partnerflow.api.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.invitation.AcceptedInvitations;
import io.partnerflow.invitation.InvitationRegistry;
import io.partnerflow.invitation.NewInvitation;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** GET /api/customers and POST/GET /api/invitations over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerAndInvitationApiTest {

  static final String FABRIKAM_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired InvitationRegistry invitations;
  @Autowired AcceptedInvitations acceptedInvitations;
  @Autowired PlatformTransactionManager transactionManager;

  ApiTestClient operator;

  @BeforeEach
  void client() {
    operator = ApiTestClient.as(port, "operator", "operator");
  }

  static List<String> errorPairs(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText() + "/" + e.path("rule").asText()).toList();
  }

  // --- customers

  @Test
  void searchFindsTheSeededFabrikamByTheStartOfItsName() {
    HttpResponse<String> response = operator.get("/api/customers?q=fab");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).startsWith("application/json");
    JsonNode page = json(response);
    assertThat(page.path("page").asInt()).isZero();
    assertThat(page.path("size").asInt()).isEqualTo(25);
    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode fabrikam = page.path("items").get(0);
    assertThat(fabrikam.path("id").asText()).isEqualTo(FABRIKAM_ID);
    assertThat(fabrikam.path("companyName").asText()).isEqualTo("Fabrikam, Inc.");
    assertThat(fabrikam.path("primaryDomain").asText()).isEqualTo("fabrikam.onmicrosoft.com");
    assertThat(fabrikam.path("relationship").asText()).isEqualTo("NONE");

    assertThat(json(operator.get("/api/customers?q=fab&relationship=RESELLER")).path("total").asLong()).isZero();
    assertThat(json(operator.get("/api/customers?q=zzz-nobody")).path("items")).isEmpty();
    assertThat(json(operator.get("/api/customers?sort=created&desc=true&page=0&size=5")).path("size").asInt())
        .isEqualTo(5);
  }

  @Test
  void badSearchParametersAreNamed() {
    HttpResponse<String> relationship = operator.get("/api/customers?relationship=FRIEND");
    assertThat(relationship.statusCode()).isEqualTo(400);
    assertThat(contentType(relationship)).startsWith("application/problem+json");
    assertThat(errorPairs(json(relationship))).containsExactly("relationship/type");

    HttpResponse<String> paging = operator.get("/api/customers?size=0&sort=colour");
    assertThat(paging.statusCode()).isEqualTo(422);
    assertThat(errorPairs(json(paging))).contains("size/range", "sort/sort-unknown");

    assertThat(errorPairs(json(operator.get("/api/customers?page=first")))).containsExactly("page/type");
  }

  @Test
  void oneCustomerWithAddressAndContact() {
    HttpResponse<String> response = operator.get("/api/customers/" + FABRIKAM_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode customer = json(response);
    assertThat(customer.path("companyName").asText()).isEqualTo("Fabrikam, Inc.");
    assertThat(customer.path("address").path("city").asText()).isEqualTo("Buffalo");
    assertThat(customer.path("address").path("country").asText()).isEqualTo("US");
    assertThat(customer.path("primaryContact").path("email").asText()).isEqualTo("dana.birkby@fabrikam.example");
    assertThat(customer.path("delegatedAdmin").asBoolean()).isFalse();

    HttpResponse<String> unknown = operator.get("/api/customers/no-such-customer");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(contentType(unknown)).startsWith("application/problem+json");
  }

  @Test
  void aCustomerFromAnInvitationHasTheAdminWhoAcceptedAsContactAndMachineValues() {
    String prefix = "nw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Invitation invitation = invitations.create(new NewInvitation("Northwind Traders", prefix, null,
        "kim@northwind.example", "Kim", "Abercrombie", "en-US", "en", true, null, null, "operator"));
    invitations.claimAnswer(invitation.id(),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Kim Abercrombie", "kim@northwind.example", null, null));
    String id = new TransactionTemplate(transactionManager).execute(status -> acceptedInvitations.establishReseller(
        invitations.find(invitation.id()).orElseThrow(), "kim@northwind.example", null));

    JsonNode customer = json(operator.get("/api/customers/" + id));

    // The API keeps its machine values; the contact is the admin who accepted, the unknown address is absent
    assertThat(customer.path("relationship").asText()).isEqualTo("RESELLER");
    assertThat(customer.path("delegatedAdmin").asBoolean()).isTrue();
    assertThat(customer.path("primaryContact").path("firstName").asText()).isEqualTo("Kim");
    assertThat(customer.path("primaryContact").path("lastName").asText()).isEqualTo("Abercrombie");
    assertThat(customer.path("primaryContact").path("email").asText()).isEqualTo("kim@northwind.example");
    assertThat(customer.path("address").path("city").isMissingNode()).isTrue();
  }

  // --- invitations

  static ObjectNode invitation(String domainPrefix) {
    return ApiTestClient.JSON.createObjectNode()
        .put("companyName", "Tailspin Toys")
        .put("domainPrefix", domainPrefix)
        .put("adminEmail", "it-admin@tailspin.example")
        .put("adminFirstName", "Kim")
        .put("adminLastName", "Abercrombie")
        .put("culture", "en-US")
        .put("language", "en")
        .put("includeDelegatedAdmin", true)
        .put("personalMessage", "Hello Kim, as discussed.");
  }

  @Test
  void invitationStartsAndWaitsForTheMailJob() {
    String prefix = "tail" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    HttpResponse<String> response = operator.post("/api/invitations", "inv-" + prefix, invitation(prefix).toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode status = json(response);
    String id = status.path("processInstanceId").asText();
    assertThat(response.headers().firstValue("Location")).hasValue("/api/invitations/" + id);
    assertThat(status.path("processDefinitionKey").asText()).isEqualTo(InvitationProcess.PROCESS_KEY);
    assertThat(runtimeService.getVariable(id, InvitationProcess.INCLUDE_DELEGATED_ADMIN.name())).isEqualTo(true);
    assertThat(runtimeService.getVariable(id, InvitationProcess.INITIATOR.name())).isEqualTo("operator");

    JsonNode step = json(operator.get("/api/invitations/" + id)).path("currentSteps").get(0);
    assertThat(step.path("activityId").asText()).isEqualTo(InvitationProcess.Ids.SEND_INVITATION);
    assertThat(step.path("waitingFor").path("kind").asText()).isEqualTo("job");
    assertThat(step.path("waitingFor").path("who").asText()).isEqualTo("system (async step)");
    assertThat(step.path("waitingFor").path("retries").asInt()).isPositive();

    HttpResponse<String> again = operator.post("/api/invitations", "inv-" + prefix, invitation(prefix).toString());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("processInstanceId").asText()).isEqualTo(id);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(InvitationProcess.PROCESS_KEY)
        .variableValueEquals(InvitationProcess.DOMAIN_PREFIX.name(), prefix).count()).isEqualTo(1);
  }

  @Test
  void invalidInvitationIsOneProblem() {
    ObjectNode body = invitation("tailspin").put("adminEmail", "kim at tailspin").put("language", "de");
    HttpResponse<String> response = operator.post("/api/invitations", "inv-" + UUID.randomUUID(), body.toString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(errorPairs(json(response))).contains("adminEmail/email-format", "language/language-not-supported");

    HttpResponse<String> wrongType = operator.post("/api/invitations", "inv-" + UUID.randomUUID(),
        invitation("tailspin").put("includeDelegatedAdmin", "perhaps").toString());
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(errorPairs(json(wrongType))).containsExactly("includeDelegatedAdmin/type");
  }

  @Test
  void keyOfAnOnboardingCannotStartAnInvitation() {
    String prefix = "wing" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    ObjectNode onboarding = OnboardingApiTest.validBody(prefix);
    assertThat(operator.post("/api/onboardings", "shared-" + prefix, onboarding.toString()).statusCode())
        .isEqualTo(201);

    HttpResponse<String> response = operator.post("/api/invitations", "shared-" + prefix,
        invitation(prefix).toString());

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(json(response).path("type").asText()).isEqualTo("https://partnerflow.io/problems/idempotency-conflict");
    assertThat(json(response).path("detail").asText()).contains("start-onboarding");
  }

  @Test
  void unknownInvitationIsNotFound() {
    assertThat(operator.get("/api/invitations/nothing-here").statusCode()).isEqualTo(404);
  }
}
