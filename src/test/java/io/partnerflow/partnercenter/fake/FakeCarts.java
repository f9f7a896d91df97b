package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * New-commerce carts ({@code POST /v1/customers/{id}/carts}) and their checkout
 * ({@code POST .../carts/{cart}/checkout}): a checkout creates one order and one active subscription
 * per line item; a cart checks out once (a second checkout with a new request id is refused).
 * Catalog items in {@code FakeMicrosoft.unavailableCatalogItems} are refused at checkout in {@code orderErrors}.
 */
final class FakeCarts implements FakeArea {

  final Map<String, ObjectNode> carts = new ConcurrentHashMap<>();

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("pc")) {
      return Optional.empty();
    }
    Matcher m;
    if ((m = r.match("POST", "/v1/customers/([^/]+)/carts")) != null) {
      if (!ms.customers.containsKey(m.group(1))) {
        return Optional.of(ms.error(404, "600039", "Customer not found"));
      }
      JsonNode items = r.body() == null ? null : r.body().path("lineItems");
      if (items == null || !items.isArray() || items.isEmpty()) {
        return Optional.of(ms.error(400, "800001", "A cart needs lineItems"));
      }
      for (JsonNode item : items) {
        if (item.path("catalogItemId").asText("").split(":").length != 3 || item.path("quantity").asInt(0) < 1
            || item.path("termDuration").asText("").isBlank() || item.path("billingCycle").asText("").isBlank()) {
          return Optional.of(ms.error(400, "800002", "Each line item needs catalogItemId (product:sku:availability),"
              + " quantity, termDuration and billingCycle"));
        }
        for (JsonNode p : item.path("participants")) {
          if (!"transaction_reseller".equals(p.path("key").asText())) {
            return Optional.of(ms.error(400, "800003", "Unknown participant key " + p.path("key").asText()));
          }
        }
      }
      String cartId = FakeMicrosoft.newGuid();
      ObjectNode cart = ms.json.createObjectNode();
      cart.put("id", cartId);
      cart.put("creationTimestamp", Instant.now().toString());
      cart.put("lastModifiedTimestamp", Instant.now().toString());
      cart.put("expirationTimestamp", Instant.now().plusSeconds(7 * 86400).toString());
      cart.set("lineItems", items.deepCopy());
      cart.put("status", "Active");
      cart.putObject("attributes").put("objectType", "Cart");
      cart.put("_tenantId", m.group(1));
      carts.put(cartId, cart);
      return Optional.of(FakeResponse.of(201, visible(cart)));
    }
    if ((m = r.match("POST", "/v1/customers/([^/]+)/carts/([^/]+)/checkout")) != null) {
      ObjectNode cart = carts.get(m.group(2));
      if (cart == null || !cart.path("_tenantId").asText().equals(m.group(1))) {
        return Optional.of(ms.error(404, "800004", "Cart not found"));
      }
      if (!"Active".equals(cart.path("status").asText())) {
        return Optional.of(ms.error(400, "800005", "The cart has already been checked out"));
      }
      ObjectNode result = ms.json.createObjectNode();
      ArrayNode orders = result.putArray("orders");
      ArrayNode errors = result.putArray("orderErrors");
      ObjectNode order = ms.json.createObjectNode();
      order.put("id", FakeMicrosoft.newGuid());
      order.put("referenceCustomerId", m.group(1));
      order.put("status", "completed");
      order.put("creationDate", Instant.now().toString());
      ArrayNode lines = order.putArray("lineItems");
      for (JsonNode item : cart.path("lineItems")) {
        if (ms.unavailableCatalogItems.contains(item.path("catalogItemId").asText())) {
          errors.addObject().put("orderGroupId", "0").put("code", 800038)
              .put("description", "Offer " + item.path("catalogItemId").asText() + " is not available to this customer");
          continue;
        }
        String subscriptionId = FakeMicrosoft.newGuid();
        ObjectNode subscription = ms.json.createObjectNode();
        subscription.put("id", subscriptionId);
        subscription.put("offerId", item.path("catalogItemId").asText());
        subscription.put("quantity", item.path("quantity").asInt());
        subscription.put("status", "active");
        subscription.put("termDuration", item.path("termDuration").asText());
        subscription.put("billingCycle", item.path("billingCycle").asText());
        subscription.put("orderId", order.path("id").asText());
        subscription.set("participants", item.path("participants").deepCopy());
        subscription.putObject("attributes").put("objectType", "Subscription");
        subscription.put("_tenantId", m.group(1));
        subscription.put("_etag", FakeMicrosoft.newGuid());
        ms.subscriptions.put(subscriptionId, subscription);
        lines.addObject().put("lineItemNumber", item.path("id").asInt()).put("offerId", item.path("catalogItemId").asText())
            .put("subscriptionId", subscriptionId).put("quantity", item.path("quantity").asInt())
            .put("termDuration", item.path("termDuration").asText()).put("transactionType", "New");
      }
      if (!lines.isEmpty()) {
        orders.add(order);
      }
      cart.put("status", "Ordered");
      return Optional.of(FakeResponse.of(201, result));
    }
    return Optional.empty();
  }

  /** The cart as Microsoft shows it (without the fake's own fields). */
  static ObjectNode visible(ObjectNode node) {
    ObjectNode copy = node.deepCopy();
    copy.remove("_tenantId");
    copy.remove("_etag");
    return copy;
  }

  @Override
  public void reset() {
    carts.clear();
  }
}
