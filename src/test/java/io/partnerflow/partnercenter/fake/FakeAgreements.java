package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

/**
 * The Microsoft Customer Agreement: its template ({@code GET /v1/agreements?agreementType=}) and
 * customers' acceptances ({@code POST /v1/customers/{id}/agreements}), checked as Microsoft checks them.
 */
final class FakeAgreements implements FakeArea {

  static final String MCA_TEMPLATE_ID = "117a1c5a-7b4d-4d1a-9f1c-2f2c8b5a7e10";

  /** Acceptances by tenant id, as posted. */
  final Map<String, List<JsonNode>> accepted = new ConcurrentHashMap<>();

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("pc")) {
      return Optional.empty();
    }
    if (r.match("GET", "/v1/agreements") != null) {
      ObjectNode page = ms.json.createObjectNode();
      page.put("totalCount", 1);
      ObjectNode template = page.putArray("items").addObject();
      template.put("templateId", MCA_TEMPLATE_ID);
      template.put("agreementType", "MicrosoftCustomerAgreement");
      template.put("agreementLink", "https://aka.ms/customeragreement");
      template.put("versionRank", 0);
      page.putObject("attributes").put("objectType", "Collection");
      if (!"MicrosoftCustomerAgreement".equals(r.query().get("agreementType"))) {
        page.put("totalCount", 0);
        page.putArray("items");
      }
      return Optional.of(FakeResponse.of(200, page));
    }
    Matcher m = r.match("POST", "/v1/customers/([^/]+)/agreements");
    if (m == null) {
      return Optional.empty();
    }
    if (!ms.customers.containsKey(m.group(1))) {
      return Optional.of(ms.error(404, "600039", "Customer not found"));
    }
    JsonNode body = r.body();
    JsonNode contact = body == null ? null : body.path("primaryContact");
    if (body == null || !MCA_TEMPLATE_ID.equals(body.path("templateId").asText())
        || !"MicrosoftCustomerAgreement".equals(body.path("type").asText())
        || body.path("dateAgreed").asText("").isBlank()
        || contact.path("firstName").asText("").isBlank() || contact.path("lastName").asText("").isBlank()
        || contact.path("email").asText("").isBlank()) {
      return Optional.of(ms.error(400, "600074", "The agreement needs templateId, type MicrosoftCustomerAgreement,"
          + " dateAgreed and a primaryContact with firstName, lastName and email"));
    }
    accepted.computeIfAbsent(m.group(1), k -> new CopyOnWriteArrayList<>()).add(body);
    ObjectNode created = ((ObjectNode) body).deepCopy();
    created.putObject("attributes").put("objectType", "Agreement");
    return Optional.of(FakeResponse.of(201, created));
  }

  @Override
  public void reset() {
    accepted.clear();
  }
}
