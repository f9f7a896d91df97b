package io.partnerflow.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.MicrosoftCheck;
import io.partnerflow.invitation.MicrosoftRelationships;
import io.partnerflow.invitation.MicrosoftRequest;
import io.partnerflow.invitation.MicrosoftRequests;
import io.partnerflow.invitation.MicrosoftRequests.AdminRelationship;
import io.partnerflow.partnercenter.PartnerCenterHttp.Answer;
import io.partnerflow.partnercenter.PartnerCenterHttp.Request;
import io.partnerflow.provisioning.CustomerTenant;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;

/**
 * {@link MicrosoftRelationships} on Partner Center REST v1 and Microsoft Graph (api mode).
 *
 * <ul>
 *   <li>The reseller relationship: {@code GET /v1/customers/relationshiprequests} gives the link the
 *       customer's global admin accepts in the Microsoft 365 admin center; the relationship stands once
 *       {@code GET /v1/customers?filter=} lists the customer's domain with {@code relationshipToPartner}
 *       {@code reseller}.
 *   <li>Delegated admin, when asked: {@code POST /v1.0/tenantRelationships/delegatedAdminRelationships}
 *       (recorded at once, and found again by its unique display name after a timed-out create), then
 *       {@code POST .../{id}/requests} {@code lockForApproval}; once the customer approved it (status
 *       {@code active}), {@code POST .../{id}/accessAssignments} for each configured security group
 *       that has none yet.
 * </ul>
 * All calls of one instance share its {@code MS-CorrelationId}; each logical call has its own
 * {@code MS-RequestId}, the same on every retry of the job.
 */
public class MicrosoftRelationshipsApi implements MicrosoftRelationships {

  private static final Logger LOG = LoggerFactory.getLogger(MicrosoftRelationshipsApi.class);

  static final String RELATIONSHIP_REQUESTS = "/v1/customers/relationshiprequests";
  static final String ADMIN_RELATIONSHIPS = "/v1.0/tenantRelationships/delegatedAdminRelationships";
  /** Statuses of an admin relationship that can still become (or are) active. */
  private static final Set<String> LIVE = Set.of("created", "approvalPending", "approved", "activating", "active");

  private final PartnerCenterHttp http;
  private final GdapProperties gdap;
  private final MicrosoftRequests requests;
  private final CustomerTenants tenants;

  public MicrosoftRelationshipsApi(PartnerCenterHttp http, GdapProperties gdap, MicrosoftRequests requests,
      CustomerTenants tenants) {
    this.http = http;
    this.gdap = gdap;
    this.requests = requests;
    this.tenants = tenants;
  }

  @Override
  public boolean acceptanceFromMicrosoft() {
    return true;
  }

  @Override
  public MicrosoftRequest request(Invitation invitation, String correlationKey) {
    PartnerCenterCall call = new PartnerCenterCall("relationship-request:" + invitation.id() + ":"
        + invitation.sendCount(), correlationKey);
    JsonNode answer = http.exchange(call, Request.partnerCenter(HttpMethod.GET, RELATIONSHIP_REQUESTS)).body();
    String link = answer.path("url").asText("");
    if (link.isBlank()) {
      throw new IllegalStateException("Partner Center's relationship request has no url");
    }
    requests.recordResellerLink(invitation.id(), link);
    if (!invitation.includeDelegatedAdmin()) {
      return new MicrosoftRequest(link, null, null);
    }
    String relationshipId = adminRelationship(invitation, call.then("admin"));
    return new MicrosoftRequest(link, relationshipId, MicrosoftRequest.approvalLink(relationshipId));
  }

  @Override
  public MicrosoftCheck check(Invitation invitation, String correlationKey, long checkNumber) {
    PartnerCenterCall call = new PartnerCenterCall("relationship-check:" + invitation.id() + ":"
        + invitation.sendCount() + ":" + checkNumber, correlationKey);
    Optional<String> tenantId = resellerTenant(call, invitation.primaryDomain());
    if (tenantId.isEmpty()) {
      return MicrosoftCheck.waitingFor("the reseller relationship in Partner Center");
    }
    if (!invitation.includeDelegatedAdmin()) {
      return MicrosoftCheck.established(tenantId.get());
    }
    AdminRelationship recorded = requests.adminRelationship(invitation.id()).orElseThrow(() ->
        new IllegalStateException("Invitation " + invitation.id() + " asks for delegated admin but no admin"
            + " relationship is recorded for it"));
    JsonNode relationship = http.exchange(call.then("admin"),
        Request.graph(HttpMethod.GET, ADMIN_RELATIONSHIPS + "/" + encode(recorded.id()))).body();
    String status = relationship.path("status").asText("unknown");
    if (!"active".equals(status)) {
      return MicrosoftCheck.waitingFor("the delegated admin relationship's approval (status " + status + ")");
    }
    // A relationship created without the tenant is approved by whoever opens its link: it must be the customer
    String approvedBy = relationship.path("customer").path("tenantId").asText("");
    if (!approvedBy.equalsIgnoreCase(tenantId.get())) {
      LOG.warn("Invitation {}: delegated admin relationship {} is active for tenant {}, not for the customer's tenant {}:"
          + " no access is assigned", invitation.id(), recorded.id(), approvedBy, tenantId.get());
      return MicrosoftCheck.waitingFor("the delegated admin relationship's approval by the customer's tenant (it is"
          + " active for tenant " + approvedBy + ")");
    }
    assignAccess(call.then("access"), recorded.id());
    return MicrosoftCheck.established(tenantId.get());
  }

  @Override
  public void recordTenant(String customerId, String tenantId) {
    tenants.record(customerId, new CustomerTenant(tenantId, null, null, null));
  }

  /** The recorded relationship while it can still be approved; else a new one (a first send, or one that ended). */
  private String adminRelationship(Invitation invitation, PartnerCenterCall call) {
    Optional<AdminRelationship> recorded = requests.adminRelationship(invitation.id());
    JsonNode relationship = null;
    if (recorded.isPresent()) {
      Answer read = http.exchange(call.then("read"), Request.graph(HttpMethod.GET,
          ADMIN_RELATIONSHIPS + "/" + encode(recorded.get().id())).acceptingNotFound());
      if (read.status() != 404 && LIVE.contains(read.body().path("status").asText())) {
        relationship = read.body();
      }
    }
    if (relationship == null) {
      String name = displayName(invitation);
      relationship = findByName(call.then("find"), name).orElseGet(() -> create(call.then("create"), invitation, name));
      requests.recordAdminRelationship(invitation.id(), new AdminRelationship(text(relationship, "id"), name));
    }
    String id = text(relationship, "id");
    if ("created".equals(relationship.path("status").asText())) {
      http.exchange(call.then("lock:" + id), Request.graph(HttpMethod.POST, ADMIN_RELATIONSHIPS + "/" + encode(id)
          + "/requests").body(Map.of("action", "lockForApproval")));
    }
    return id;
  }

  /** Unique per partner (Graph refuses a second one), at most 50 characters. */
  String displayName(Invitation invitation) {
    return gdap.displayNamePrefix() + "-" + invitation.replyReference() + "-" + invitation.sendCount();
  }

  private Optional<JsonNode> findByName(PartnerCenterCall call, String name) {
    String filter = "displayName eq '" + name.replace("'", "''") + "'";
    JsonNode page = http.exchange(call, Request.graph(HttpMethod.GET,
        ADMIN_RELATIONSHIPS + "?$filter=" + encode(filter))).body();
    for (JsonNode relationship : page.path("value")) {
      if (name.equals(relationship.path("displayName").asText()) && LIVE.contains(relationship.path("status").asText())) {
        return Optional.of(relationship);
      }
    }
    return Optional.empty();
  }

  private JsonNode create(PartnerCenterCall call, Invitation invitation, String name) {
    Map<String, Object> customer = new LinkedHashMap<>();
    knownTenant(invitation).ifPresent(tenantId -> customer.put("tenantId", tenantId));
    customer.put("displayName", invitation.companyName());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("displayName", name);
    body.put("duration", gdap.duration());
    body.put("customer", customer);
    body.put("accessDetails", Map.of("unifiedRoles", unifiedRoles()));
    body.put("autoExtendDuration", gdap.autoExtendDuration());
    return http.exchange(call, Request.graph(HttpMethod.POST, ADMIN_RELATIONSHIPS).body(body)).body();
  }

  /** One access assignment per configured security group that has none (a retry finds the earlier ones). */
  private void assignAccess(PartnerCenterCall call, String relationshipId) {
    String path = ADMIN_RELATIONSHIPS + "/" + encode(relationshipId) + "/accessAssignments";
    JsonNode existing = http.exchange(call.then("list"), Request.graph(HttpMethod.GET, path)).body();
    Set<String> assigned = new HashSet<>();
    for (JsonNode assignment : existing.path("value")) {
      if (!assignment.path("status").asText().startsWith("delet")) {
        assigned.add(assignment.path("accessContainer").path("accessContainerId").asText());
      }
    }
    for (String group : gdap.securityGroups()) {
      if (assigned.contains(group)) {
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("accessContainer", Map.of("accessContainerId", group, "accessContainerType", "securityGroup"));
      body.put("accessDetails", Map.of("unifiedRoles", unifiedRoles()));
      http.exchange(call.then("assign:" + group), Request.graph(HttpMethod.POST, path).body(body));
    }
  }

  private List<Map<String, String>> unifiedRoles() {
    return gdap.roles().stream().map(role -> Map.of("roleDefinitionId", role)).toList();
  }

  /** The tenant we know for the invited customer, if any (e.g. a customer onboarded earlier). */
  private Optional<String> knownTenant(Invitation invitation) {
    return invitation.customerId() == null ? Optional.empty() : tenants.tenantOf(invitation.customerId());
  }

  /** {@code GET /v1/customers?filter=}: the tenant of the customer with this domain, if it is our reseller customer. */
  private Optional<String> resellerTenant(PartnerCenterCall call, String domain) {
    return PartnerCenterApiClient.customerByDomain(http, call, domain)
        .filter(customer -> "reseller".equalsIgnoreCase(customer.path("relationshipToPartner").asText()))
        .map(PartnerCenterApiClient::tenantIdOf).filter(tenantId -> !tenantId.isBlank());
  }

  private static String text(JsonNode node, String field) {
    String value = node.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalStateException("Microsoft Graph's admin relationship answer has no " + field);
    }
    return value;
  }

  private static String encode(String value) {
    return PartnerCenterApiClient.encode(value);
  }
}
