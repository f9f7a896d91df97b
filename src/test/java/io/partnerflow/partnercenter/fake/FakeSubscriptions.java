package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A customer's subscription ({@code GET /v1/customers/{id}/subscriptions/{sub}}, with its ETag) and its
 * suspension ({@code PATCH} with {@code status: suspended}), which requires the current ETag in
 * {@code If-Match}: a stale or missing one is refused with 412, as Microsoft does for concurrent changes.
 */
final class FakeSubscriptions implements FakeArea {

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("pc")) {
      return Optional.empty();
    }
    Matcher m = r.match("GET", "/v1/customers/([^/]+)/subscriptions/([^/]+)");
    boolean patch = false;
    if (m == null) {
      m = r.match("PATCH", "/v1/customers/([^/]+)/subscriptions/([^/]+)");
      patch = true;
    }
    if (m == null) {
      return Optional.empty();
    }
    ObjectNode subscription = ms.subscriptions.get(m.group(2));
    if (subscription == null || !subscription.path("_tenantId").asText().equals(m.group(1))) {
      return Optional.of(ms.error(404, "800006", "Subscription not found"));
    }
    if (patch) {
      String etag = subscription.path("_etag").asText();
      String ifMatch = r.header("If-Match");
      if (ifMatch == null || !ifMatch.replace("\"", "").equals(etag)) {
        return Optional.of(ms.error(412, "412", "If-Match must carry the subscription's current ETag"));
      }
      JsonNode body = r.body();
      String status = body == null ? "" : body.path("status").asText("");
      if (!status.equals("suspended") && !status.equals("active")) {
        return Optional.of(ms.error(400, "400", "status must be suspended or active"));
      }
      subscription.put("status", status);
      subscription.put("_etag", FakeMicrosoft.newGuid());
    }
    ObjectNode visible = FakeCarts.visible(subscription);
    visible.with("attributes").put("etag", subscription.path("_etag").asText());
    return Optional.of(FakeResponse.of(200, visible).header("ETag", "\"" + subscription.path("_etag").asText() + "\""));
  }

  @Override
  public void reset() {
  }
}
