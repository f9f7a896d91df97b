package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Domains ({@code HEAD /v1/domains/{domain}}), customers ({@code GET /v1/customers?filter=},
 * {@code POST /v1/customers}, {@code GET/PATCH /v1/customers/{id}}). Creating checks the fields
 * Microsoft requires and answers with the customer, its tenant and the admin's user credentials.
 */
final class FakeCustomers implements FakeArea {

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("pc")) {
      return Optional.empty();
    }
    Matcher m;
    if ((m = r.match("HEAD", "/v1/domains/([^/]+)")) != null) {
      String domain = m.group(1).toLowerCase();
      boolean taken = ms.foreignDomains.contains(domain) || ms.customerByDomain(domain).isPresent();
      return Optional.of(FakeResponse.empty(taken ? 200 : 404));
    }
    if (r.match("GET", "/v1/customers") != null) {
      JsonNode filter = read(ms, r.query().get("filter"));
      ObjectNode page = ms.json.createObjectNode();
      var items = page.putArray("items");
      ms.customers.values().stream()
          .filter(c -> filter == null || !"Domain".equals(filter.path("Field").asText())
              || c.path("companyProfile").path("domain").asText().toLowerCase()
                  .startsWith(filter.path("Value").asText().toLowerCase()))
          .forEach(items::add);
      page.put("totalCount", items.size());
      page.putObject("attributes").put("objectType", "Collection");
      return Optional.of(FakeResponse.of(200, page));
    }
    if (r.match("POST", "/v1/customers") != null) {
      return Optional.of(create(r, ms));
    }
    if ((m = r.match("GET", "/v1/customers/([^/]+)")) != null) {
      ObjectNode customer = ms.customers.get(m.group(1));
      return Optional.of(customer == null ? ms.error(404, "600039", "Customer not found") : FakeResponse.of(200, customer));
    }
    if ((m = r.match("PATCH", "/v1/customers/([^/]+)")) != null) {
      ObjectNode customer = ms.customers.get(m.group(1));
      if (customer == null) {
        return Optional.of(ms.error(404, "600039", "Customer not found"));
      }
      String relationship = r.body() == null ? null : r.body().path("relationshipToPartner").asText(null);
      if (!"none".equals(relationship)) {
        return Optional.of(ms.error(400, "400", "relationshipToPartner must be \"none\""));
      }
      String tenantId = m.group(1);
      boolean activeSubscription = ms.subscriptions.values().stream().anyMatch(s ->
          s.path("_tenantId").asText().equals(tenantId) && "active".equals(s.path("status").asText()));
      if (activeSubscription) {
        return Optional.of(ms.error(400, "800029", "The customer has active subscriptions: suspend them first"));
      }
      customer.put("relationshipToPartner", "none");
      return Optional.of(FakeResponse.of(200, customer));
    }
    return Optional.empty();
  }

  private FakeResponse create(FakeRequest r, FakeMicrosoft ms) {
    JsonNode body = r.body();
    if (body == null) {
      return ms.error(400, "400", "The request body is missing");
    }
    JsonNode company = body.path("CompanyProfile");
    JsonNode billing = body.path("BillingProfile");
    JsonNode address = billing.path("DefaultAddress");
    for (String[] field : List.of(new String[] {"CompanyProfile.Domain", company.path("Domain").asText("")},
        new String[] {"BillingProfile.CompanyName", billing.path("CompanyName").asText("")},
        new String[] {"BillingProfile.Email", billing.path("Email").asText("")},
        new String[] {"BillingProfile.Culture", billing.path("Culture").asText("")},
        new String[] {"BillingProfile.Language", billing.path("Language").asText("")},
        new String[] {"BillingProfile.DefaultAddress.Country", address.path("Country").asText("")},
        new String[] {"BillingProfile.DefaultAddress.AddressLine1", address.path("AddressLine1").asText("")},
        new String[] {"BillingProfile.DefaultAddress.City", address.path("City").asText("")},
        new String[] {"BillingProfile.DefaultAddress.FirstName", address.path("FirstName").asText("")},
        new String[] {"BillingProfile.DefaultAddress.LastName", address.path("LastName").asText("")})) {
      if (field[1].isBlank()) {
        return ms.error(400, "400", field[0] + " is required");
      }
    }
    String domain = company.path("Domain").asText().toLowerCase();
    if (!domain.endsWith(".onmicrosoft.com")) {
      return ms.error(400, "600042", "The domain must end with .onmicrosoft.com");
    }
    if (ms.foreignDomains.contains(domain) || ms.customerByDomain(domain).isPresent()) {
      return ms.error(409, "600041", "Domain " + domain + " is not available");
    }
    String tenantId = FakeMicrosoft.newGuid();
    ObjectNode customer = ms.json.createObjectNode();
    customer.put("id", tenantId);
    customer.put("commerceId", FakeMicrosoft.newGuid());
    ObjectNode profile = customer.putObject("companyProfile");
    profile.put("tenantId", tenantId);
    profile.put("domain", domain);
    profile.put("companyName", billing.path("CompanyName").asText());
    if (company.has("OrganizationRegistrationNumber")) {
      profile.put("organizationRegistrationNumber", company.path("OrganizationRegistrationNumber").asText());
    }
    ObjectNode billingOut = customer.putObject("billingProfile");
    billingOut.put("email", billing.path("Email").asText());
    billingOut.put("culture", billing.path("Culture").asText());
    billingOut.put("language", billing.path("Language").asText());
    billingOut.put("companyName", billing.path("CompanyName").asText());
    billingOut.set("defaultAddress", address);
    customer.put("relationshipToPartner", "reseller");
    if (body.hasNonNull("AssociatedPartnerId")) {
      customer.put("associatedPartnerId", body.path("AssociatedPartnerId").asText());
    }
    customer.putObject("attributes").put("objectType", "Customer");
    ms.customers.put(tenantId, customer);
    ObjectNode created = customer.deepCopy();
    created.putObject("userCredentials").put("userName", "admin").put("password", "Pc!" + tenantId.substring(0, 8))
        .putObject("attributes").put("objectType", "UserCredentials");
    return FakeResponse.of(201, created);
  }

  private static JsonNode read(FakeMicrosoft ms, String text) {
    try {
      return text == null ? null : ms.json.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void reset() {
  }
}
