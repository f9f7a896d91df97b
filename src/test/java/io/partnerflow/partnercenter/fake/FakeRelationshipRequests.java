package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Partner Center's reseller relationship request ({@code GET /v1/customers/relationshiprequests}: the
 * link a customer's global admin opens in the Microsoft 365 admin center), and the test's stand-in for
 * that admin accepting it ({@link #customerAccepts}): from then on the customer is listed with
 * {@code relationshipToPartner: reseller}, as Partner Center lists a customer after the acceptance.
 */
public final class FakeRelationshipRequests implements FakeArea {

  static final String PATH = "/v1/customers/relationshiprequests";

  /** The link Partner Center hands out for our partner tenant. */
  public static String link() {
    return "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId="
        + FakeMicrosoft.PARTNER_TENANT + "&msppId=0&DAP=false#/BillingAccounts/partner-invitation";
  }

  @Override
  public Optional<FakeResponse> handle(FakeRequest r, FakeMicrosoft ms) {
    if (!r.api().equals("pc") || r.match("GET", PATH) == null) {
      return Optional.empty();
    }
    ObjectNode body = ms.json.createObjectNode();
    body.put("url", link());
    body.putObject("attributes").put("objectType", "RelationshipRequest");
    return Optional.of(FakeResponse.of(200, body));
  }

  /**
   * The customer's global admin accepted our reseller relationship in the Microsoft 365 admin center:
   * its existing tenant (a domain foreign to us until now) becomes our customer.
   *
   * @return the tenant id
   */
  public static String customerAccepts(FakeMicrosoft ms, String domain, String companyName) {
    String tenantId = FakeMicrosoft.newGuid();
    ObjectNode customer = ms.json.createObjectNode();
    customer.put("id", tenantId);
    customer.put("commerceId", FakeMicrosoft.newGuid());
    ObjectNode profile = customer.putObject("companyProfile");
    profile.put("tenantId", tenantId);
    profile.put("domain", domain.toLowerCase());
    profile.put("companyName", companyName);
    customer.put("relationshipToPartner", "reseller");
    customer.putObject("attributes").put("objectType", "Customer");
    ms.foreignDomains.remove(domain.toLowerCase());
    ms.customers.put(tenantId, customer);
    return tenantId;
  }

  @Override
  public void reset() {
  }
}
