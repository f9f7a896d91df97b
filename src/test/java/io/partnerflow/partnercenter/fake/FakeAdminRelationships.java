package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph's granular delegated admin relationships ({@code /v1.0/tenantRelationships/
 * delegatedAdminRelationships}): create (checked like Graph: unique display name of at most 50
 * characters, duration P1D..P2Y, roles, auto-extension), get, list with {@code $filter=displayName eq},
 * the {@code lockForApproval} request ({@code created} → {@code approvalPending}), the customer's
 * approval on the test's word ({@link #customerApproves}: → {@code active}), and access assignments
 * (only on an active relationship, only roles the relationship has, one per security group).
 *
 * <p>The state belongs to one {@link FakeMicrosoft} ({@link #of}).
 */
public final class FakeAdminRelationships implements FakeArea {

  static final String BASE = "/v1.0/tenantRelationships/delegatedAdminRelationships";
  private static final Map<FakeMicrosoft, FakeAdminRelationships> BY_FAKE = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Pattern FILTER = Pattern.compile("displayName eq '(.*)'");
  private static final Set<String> AUTO_EXTEND = Set.of("PT0S", "P0D", "P180D");

  /** Relationships by id, as Graph returns them. */
  public final Map<String, ObjectNode> relationships = new ConcurrentHashMap<>();
  /** Access assignments by relationship id. */
  public final Map<String, List<ObjectNode>> accessAssignments = new ConcurrentHashMap<>();

  /** The admin relationships of this fake Microsoft. */
  public static FakeAdminRelationships of(FakeMicrosoft ms) {
    return BY_FAKE.computeIfAbsent(ms, key -> new FakeAdminRelationships());
  }

  /** The customer's global admin approved the relationship in the admin center: it is active for that tenant. */
  public void customerApproves(String relationshipId, String customerTenantId) {
    ObjectNode relationship = relationships.get(relationshipId);
    if (relationship == null || !"approvalPending".equals(relationship.path("status").asText())) {
      throw new IllegalStateException("Only a relationship locked for approval can be approved: " + relationship);
    }
    relationship.with("customer").put("tenantId", customerTenantId);
    relationship.put("status", "active");
    relationship.put("activatedDateTime", Instant.now().toString());
  }

  /** The fake this area answers for (known from its first request), so that its reset clears that fake's state. */
  private volatile FakeMicrosoft owner;

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("graph") || !r.path().startsWith(BASE)) {
      return Optional.empty();
    }
    owner = ms;
    return Optional.of(of(ms).answer(r, ms));
  }

  private FakeResponse answer(FakeRequest r, FakeMicrosoft ms) {
    Matcher m;
    if (r.match("POST", BASE) != null) {
      return create(r, ms);
    }
    if (r.match("GET", BASE) != null) {
      String filter = r.query().get("$filter");
      Matcher f = filter == null ? null : FILTER.matcher(filter);
      ObjectNode page = ms.json.createObjectNode();
      ArrayNode value = page.putArray("value");
      relationships.values().stream()
          .filter(rel -> f == null || (f.matches() && rel.path("displayName").asText().equals(f.group(1).replace("''", "'"))))
          .forEach(value::add);
      return FakeResponse.of(200, page);
    }
    if ((m = r.match("GET", BASE + "/([^/]+)")) != null) {
      ObjectNode relationship = relationships.get(m.group(1));
      return relationship == null ? notFound(ms, m.group(1)) : FakeResponse.of(200, relationship);
    }
    if ((m = r.match("POST", BASE + "/([^/]+)/requests")) != null) {
      return request(r, ms, m.group(1));
    }
    if ((m = r.match("GET", BASE + "/([^/]+)/accessAssignments")) != null) {
      if (!relationships.containsKey(m.group(1))) {
        return notFound(ms, m.group(1));
      }
      ObjectNode page = ms.json.createObjectNode();
      ArrayNode value = page.putArray("value");
      accessAssignments.getOrDefault(m.group(1), List.of()).forEach(value::add);
      return FakeResponse.of(200, page);
    }
    if ((m = r.match("POST", BASE + "/([^/]+)/accessAssignments")) != null) {
      return assign(r, ms, m.group(1));
    }
    return ms.graphError(404, "UnknownResource", "No such resource: " + r.method() + " " + r.path());
  }

  private FakeResponse create(FakeRequest r, FakeMicrosoft ms) {
    JsonNode body = r.body();
    if (body == null) {
      return ms.graphError(400, "BadRequest", "The request body is missing");
    }
    String name = body.path("displayName").asText("");
    if (name.isBlank() || name.length() > 50) {
      return ms.graphError(400, "BadRequest", "displayName is required and has at most 50 characters");
    }
    if (relationships.values().stream().anyMatch(rel -> rel.path("displayName").asText().equals(name))) {
      return ms.graphError(409, "Conflict", "A relationship with the display name " + name + " already exists");
    }
    try {
      Period duration = Period.parse(body.path("duration").asText(""));
      long days = duration.getYears() * 365L + duration.getMonths() * 30L + duration.getDays();
      if (days < 1 || days > 730) {
        return ms.graphError(400, "BadRequest", "duration must be between P1D and P2Y");
      }
    } catch (DateTimeParseException e) {
      return ms.graphError(400, "BadRequest", "duration is required (ISO 8601)");
    }
    String autoExtend = body.path("autoExtendDuration").asText("PT0S");
    if (!AUTO_EXTEND.contains(autoExtend)) {
      return ms.graphError(400, "BadRequest", "autoExtendDuration must be PT0S, P0D or P180D");
    }
    JsonNode roles = body.path("accessDetails").path("unifiedRoles");
    if (!roles.isArray() || roles.isEmpty()) {
      return ms.graphError(400, "BadRequest", "accessDetails.unifiedRoles must name at least one role");
    }
    for (JsonNode role : roles) {
      if (role.path("roleDefinitionId").asText("").isBlank()) {
        return ms.graphError(400, "BadRequest", "every unified role needs a roleDefinitionId");
      }
    }
    String id = FakeMicrosoft.newGuid() + "-" + FakeMicrosoft.newGuid();
    ObjectNode relationship = ms.json.createObjectNode();
    relationship.put("@odata.type", "#microsoft.graph.delegatedAdminRelationship");
    relationship.put("@odata.etag", "W/\"" + FakeMicrosoft.newGuid() + "\"");
    relationship.put("id", id);
    relationship.put("displayName", name);
    relationship.put("duration", body.path("duration").asText());
    ObjectNode customer = relationship.putObject("customer");
    customer.put("tenantId", body.path("customer").path("tenantId").asText(null));
    customer.put("displayName", body.path("customer").path("displayName").asText(null));
    relationship.putObject("accessDetails").set("unifiedRoles", roles.deepCopy());
    relationship.put("status", "created");
    relationship.put("autoExtendDuration", autoExtend);
    relationship.put("createdDateTime", Instant.now().toString());
    relationship.putNull("activatedDateTime");
    relationship.putNull("endDateTime");
    relationships.put(id, relationship);
    return FakeResponse.of(201, relationship.deepCopy()).header("Location", ms.url("/graph" + BASE + "/" + id));
  }

  private FakeResponse request(FakeRequest r, FakeMicrosoft ms, String id) {
    ObjectNode relationship = relationships.get(id);
    if (relationship == null) {
      return notFound(ms, id);
    }
    String action = r.body() == null ? "" : r.body().path("action").asText("");
    if (!"lockForApproval".equals(action)) {
      return ms.graphError(400, "BadRequest", "Unsupported action " + action);
    }
    if (!"created".equals(relationship.path("status").asText())) {
      return ms.graphError(400, "BadRequest", "Only a relationship in status created can be locked for approval");
    }
    relationship.put("status", "approvalPending");
    ObjectNode answer = ms.json.createObjectNode();
    answer.put("@odata.type", "#microsoft.graph.delegatedAdminRelationshipRequest");
    answer.put("id", FakeMicrosoft.newGuid());
    answer.put("action", "lockForApproval");
    answer.put("status", "created");
    answer.put("createdDateTime", Instant.now().toString());
    return FakeResponse.of(201, answer);
  }

  private FakeResponse assign(FakeRequest r, FakeMicrosoft ms, String id) {
    ObjectNode relationship = relationships.get(id);
    if (relationship == null) {
      return notFound(ms, id);
    }
    if (!"active".equals(relationship.path("status").asText())) {
      return ms.graphError(400, "BadRequest", "Access can be assigned only on an active relationship");
    }
    JsonNode body = r.body();
    JsonNode container = body == null ? null : body.path("accessContainer");
    if (container == null || !"securityGroup".equals(container.path("accessContainerType").asText())
        || container.path("accessContainerId").asText("").isBlank()) {
      return ms.graphError(400, "BadRequest", "accessContainer needs an accessContainerId of type securityGroup");
    }
    Set<String> granted = new HashSet<>();
    relationship.path("accessDetails").path("unifiedRoles").forEach(role -> granted.add(role.path("roleDefinitionId").asText()));
    JsonNode roles = body.path("accessDetails").path("unifiedRoles");
    if (!roles.isArray() || roles.isEmpty()) {
      return ms.graphError(400, "BadRequest", "accessDetails.unifiedRoles must name at least one role");
    }
    for (JsonNode role : roles) {
      if (!granted.contains(role.path("roleDefinitionId").asText())) {
        return ms.graphError(400, "BadRequest", "Role " + role.path("roleDefinitionId").asText()
            + " is not part of the relationship");
      }
    }
    List<ObjectNode> assignments = accessAssignments.computeIfAbsent(id, key -> Collections.synchronizedList(new ArrayList<>()));
    String groupId = container.path("accessContainerId").asText();
    if (assignments.stream().anyMatch(a -> a.path("accessContainer").path("accessContainerId").asText().equals(groupId))) {
      return ms.graphError(409, "Conflict", "The security group " + groupId + " has an access assignment already");
    }
    ObjectNode assignment = ms.json.createObjectNode();
    assignment.put("@odata.type", "#microsoft.graph.delegatedAdminAccessAssignment");
    assignment.put("@odata.etag", "W/\"" + FakeMicrosoft.newGuid() + "\"");
    assignment.put("id", FakeMicrosoft.newGuid());
    assignment.put("status", "pending");
    assignment.set("accessContainer", container.deepCopy());
    assignment.putObject("accessDetails").set("unifiedRoles", roles.deepCopy());
    assignment.put("createdDateTime", Instant.now().toString());
    assignments.add(assignment);
    return FakeResponse.of(201, assignment.deepCopy());
  }

  private static FakeResponse notFound(FakeMicrosoft ms, String id) {
    return ms.graphError(404, "ResourceNotFound", "No delegated admin relationship " + id);
  }

  @Override
  public void reset() {
    relationships.clear();
    accessAssignments.clear();
    FakeMicrosoft fake = owner;
    if (fake != null && of(fake) != this) {
      of(fake).reset();
    }
  }
}
