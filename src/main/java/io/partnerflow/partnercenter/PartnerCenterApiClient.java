package io.partnerflow.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.partnercenter.PartnerCenterApiProperties.CatalogItem;
import io.partnerflow.partnercenter.PartnerCenterHttp.Answer;
import io.partnerflow.partnercenter.PartnerCenterHttp.Request;
import io.partnerflow.provisioning.AgreementAcceptance;
import io.partnerflow.provisioning.CustomerTenant;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.PartnerCenterRejectedException;
import io.partnerflow.provisioning.TenantRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;

/**
 * {@link PartnerCenterClient} on Microsoft's Partner Center REST API v1, field names as Microsoft's
 * documentation spells them. Each call that changes something is safe to repeat: the same
 * {@code MS-RequestId} on every retry, and where Partner Center cannot tell, a re-read before a
 * re-create (the tenant by its domain; the subscription's state before a suspension).
 */
public class PartnerCenterApiClient implements PartnerCenterClient {

  static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";

  private final PartnerCenterHttp http;
  private final PartnerCenterApiProperties settings;

  public PartnerCenterApiClient(PartnerCenterHttp http, PartnerCenterApiProperties settings) {
    this.http = http;
    this.settings = settings;
  }

  /** Partner Center answers a created customer with its admin's user name and password. */
  @Override
  public boolean createsAdminPassword() {
    return true;
  }

  /** {@code HEAD /v1/domains/{domain}}: 200 taken, 404 free. */
  @Override
  public boolean domainTaken(String domain) {
    PartnerCenterCall call = new PartnerCenterCall("domain:" + domain + ":" + System.nanoTime(), "domain:" + domain);
    return http.exchange(call, Request.partnerCenter(HttpMethod.HEAD, "/v1/domains/" + encode(domain))
        .acceptingNotFound()).status() != 404;
  }

  /**
   * Re-reads the tenant by its domain first (a tenant an earlier, timed-out try created), then
   * {@code POST /v1/customers}. Only the creating answer carries the admin credentials.
   */
  @Override
  public CustomerTenant createCustomer(PartnerCenterCall call, TenantRequest request) {
    Optional<JsonNode> existing = customerByDomain(http, call.then("find"), request.domain());
    if (existing.isPresent()) {
      return tenant(existing.get(), request, null);
    }
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("Country", request.country());
    address.put("City", request.city());
    address.put("State", blankToNull(request.state()));
    address.put("AddressLine1", request.addressLine1());
    address.put("AddressLine2", blankToNull(request.addressLine2()));
    address.put("PostalCode", blankToNull(request.postalCode()));
    address.put("FirstName", request.firstName());
    address.put("LastName", request.lastName());
    address.put("PhoneNumber", blankToNull(request.phoneNumber()));
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("Email", request.email());
    billing.put("Culture", request.culture());
    billing.put("Language", request.language());
    billing.put("CompanyName", request.companyName());
    billing.put("DefaultAddress", address);
    Map<String, Object> company = new LinkedHashMap<>();
    company.put("Domain", request.domain());
    if (request.organizationRegistrationNumber() != null && !request.organizationRegistrationNumber().isBlank()) {
      company.put("OrganizationRegistrationNumber", request.organizationRegistrationNumber());
    }
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("CompanyProfile", company);
    customer.put("BillingProfile", billing);
    if (request.associatedPartnerId() != null) {
      customer.put("AssociatedPartnerId", request.associatedPartnerId());
    }
    Answer created = http.exchange(call, Request.partnerCenter(HttpMethod.POST, "/v1/customers").body(customer));
    JsonNode credentials = created.body().path("userCredentials");
    return tenant(created.body(), request, credentials.path("password").isTextual() ? credentials : null);
  }

  /**
   * The Microsoft Customer Agreement's current template ({@code GET /v1/agreements}), then
   * {@code POST /v1/customers/{tenant}/agreements} with the contact who accepted and the date.
   */
  @Override
  public void acceptAgreement(PartnerCenterCall call, String tenantId, AgreementAcceptance acceptance) {
    JsonNode templates = http.exchange(call.then("template"),
        Request.partnerCenter(HttpMethod.GET, "/v1/agreements?agreementType=" + AGREEMENT_TYPE)).body();
    JsonNode template = templates.path("items").path(0);
    if (!template.path("templateId").isTextual()) {
      throw new IllegalStateException("Partner Center listed no " + AGREEMENT_TYPE + " template");
    }
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", acceptance.firstName());
    contact.put("lastName", acceptance.lastName());
    contact.put("email", acceptance.email());
    contact.put("phoneNumber", blankToNull(acceptance.phoneNumber()));
    Map<String, Object> agreement = new LinkedHashMap<>();
    agreement.put("primaryContact", contact);
    agreement.put("templateId", template.path("templateId").asText());
    agreement.put("dateAgreed", acceptance.dateAgreed().atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    agreement.put("type", AGREEMENT_TYPE);
    if (template.path("agreementLink").isTextual()) {
      agreement.put("agreementLink", template.path("agreementLink").asText());
    }
    http.exchange(call, Request.partnerCenter(HttpMethod.POST, "/v1/customers/" + encode(tenantId) + "/agreements")
        .body(agreement));
  }

  /**
   * A new-commerce cart with the one line ({@code POST /v1/customers/{tenant}/carts}; the indirect
   * reseller as participant {@code transaction_reseller}), then its checkout; the subscription is the
   * checkout's order line. Both carry request ids derived from the line's key.
   */
  @Override
  public String createSubscription(PartnerCenterCall call, String tenantId, String offerId, int quantity,
      String resellerPartnerId) {
    CatalogItem item = settings.catalog().get(offerId);
    if (item == null) {
      throw new PartnerCenterRejectedException(400, "CatalogItemNotMapped", "Offer " + offerId
          + " has no Partner Center catalog item (partnerflow.partner-center.api.catalog." + offerId + ")");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", 0);
    line.put("catalogItemId", item.catalogItemId());
    line.put("quantity", quantity);
    line.put("billingCycle", item.billingCycle());
    line.put("termDuration", item.termDuration());
    if (resellerPartnerId != null) {
      line.put("participants", List.of(Map.of("key", "transaction_reseller", "value", resellerPartnerId)));
    }
    String customerPath = "/v1/customers/" + encode(tenantId);
    JsonNode cart = http.exchange(call.then("cart"), Request.partnerCenter(HttpMethod.POST, customerPath + "/carts")
        .body(Map.of("lineItems", List.of(line)))).body();
    String cartId = text(cart, "id", "cart");
    JsonNode checkout = http.exchange(call.then("checkout"),
        Request.partnerCenter(HttpMethod.POST, customerPath + "/carts/" + encode(cartId) + "/checkout")).body();
    JsonNode error = checkout.path("orderErrors").path(0);
    if (!error.isMissingNode()) {
      throw new PartnerCenterRejectedException(400, error.path("code").asText(null),
          error.path("description").asText("Checkout refused the order"));
    }
    return text(checkout.path("orders").path(0).path("lineItems").path(0), "subscriptionId", "checkout");
  }

  /**
   * Reads the subscription ({@code GET}), then, unless it is suspended already,
   * {@code PATCH /v1/customers/{tenant}/subscriptions/{id}} with status {@code suspended} and the
   * resource's ETag in {@code If-Match}.
   */
  @Override
  public void suspendSubscription(PartnerCenterCall call, String tenantId, String subscriptionId) {
    String path = "/v1/customers/" + encode(requireTenant(tenantId)) + "/subscriptions/" + encode(subscriptionId);
    Answer current = http.exchange(call.then("read"), Request.partnerCenter(HttpMethod.GET, path));
    if ("suspended".equalsIgnoreCase(current.body().path("status").asText())) {
      return;
    }
    String etag = current.etag().orElseGet(() -> current.body().path("attributes").path("etag").asText(null));
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("status", "suspended");
    patch.put("attributes", Map.of("objectType", "Subscription"));
    // The request id names the suspension of this version of the subscription: a retry after a 5xx,
    // 429 or timeout (same version) repeats it; after a 412 (changed meanwhile) the re-read version
    // gets a new one, since Microsoft keeps a request id's answer, failures included
    http.exchange(call.then("etag:" + etag), Request.partnerCenter(HttpMethod.PATCH, path).body(patch).ifMatch(etag));
  }

  /**
   * Reads the customer first ({@code GET /v1/customers/{tenant}}): if the relationship is gone already
   * (a try whose answer or commit was lost; {@code relationshipToPartner} {@code none}, or a 404 since
   * the tenant is no longer our customer) nothing is sent; else {@code PATCH /v1/customers/{tenant}}
   * with {@code relationshipToPartner: none}.
   */
  @Override
  public void removeRelationship(PartnerCenterCall call, String tenantId) {
    String path = "/v1/customers/" + encode(requireTenant(tenantId));
    Answer current = http.exchange(call.then("read"), Request.partnerCenter(HttpMethod.GET, path).acceptingNotFound());
    if (current.status() == 404 || "none".equalsIgnoreCase(current.body().path("relationshipToPartner").asText())) {
      return;
    }
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("relationshipToPartner", "none");
    patch.put("attributes", Map.of("objectType", "Customer"));
    http.exchange(call, Request.partnerCenter(HttpMethod.PATCH, path).body(patch));
  }

  /** {@code GET /v1/customers?size=10&filter=...}: the customer whose domain is this one, if any. */
  static Optional<JsonNode> customerByDomain(PartnerCenterHttp http, PartnerCenterCall call, String domain) {
    String filter = "{\"Field\":\"Domain\",\"Value\":\"" + domain + "\",\"Operator\":\"starts_with\"}";
    JsonNode page = http.exchange(call, Request.partnerCenter(HttpMethod.GET,
        "/v1/customers?size=10&filter=" + encode(filter))).body();
    for (JsonNode customer : page.path("items")) {
      if (domain.equalsIgnoreCase(customer.path("companyProfile").path("domain").asText())) {
        return Optional.of(customer);
      }
    }
    return Optional.empty();
  }

  private static CustomerTenant tenant(JsonNode customer, TenantRequest request, JsonNode credentials) {
    String tenantId = tenantIdOf(customer);
    if (tenantId.isBlank()) {
      throw new IllegalStateException("Partner Center's customer for " + request.domain() + " has no tenant id");
    }
    String userName = credentials == null ? "admin@" + request.domain()
        : qualified(credentials.path("userName").asText("admin"), request.domain());
    return new CustomerTenant(tenantId, customer.path("commerceId").asText(null), userName,
        credentials == null ? null : credentials.path("password").asText());
  }

  /** A Partner Center customer's tenant id (its company profile's, else the customer id); blank if none. */
  static String tenantIdOf(JsonNode customer) {
    return customer.path("companyProfile").path("tenantId").asText(customer.path("id").asText(""));
  }

  /** Partner Center names the admin user without its domain ("admin"): sign-in needs both. */
  private static String qualified(String userName, String domain) {
    return userName.contains("@") ? userName : userName + "@" + domain;
  }

  private static String requireTenant(String tenantId) {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalStateException("No Partner Center tenant is recorded for this customer: it was not created or"
          + " connected through Partner Center (partner_center_customer)");
    }
    return tenantId;
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalStateException("Partner Center's " + what + " answer has no " + field);
    }
    return value.asText();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
