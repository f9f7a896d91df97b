package io.partnerflow.partnercenter;

import io.partnerflow.validation.Violation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * How to reach Microsoft in {@code partnerflow.partner-center.mode=api}: the public cloud's addresses
 * by default, the app registration's credentials from the environment (README, "Connect to Partner
 * Center"), and how our offers map to Partner Center's catalog. The product refuses to start in api
 * mode while any required setting is missing ({@link #violations()}).
 *
 * @param baseUrl Partner Center REST ({@code https://api.partnercenter.microsoft.com})
 * @param graphBaseUrl Microsoft Graph, for admin relationships ({@code https://graph.microsoft.com})
 * @param authorityUrl Microsoft Entra ID's sign-in authority ({@code https://login.microsoftonline.com})
 * @param tenantId the partner's own tenant, where the app is registered
 * @param clientId the app registration's application (client) id
 * @param clientSecret the app registration's client secret (never logged)
 * @param refreshToken an App+User refresh token from the consent step (never logged): agreements and
 *     relationship requests require App+User authentication
 * @param contractVersion sent as {@code MS-Contract-Version}
 * @param connectTimeout and {@code readTimeout}: each call's bounds; a job holds its lock while it waits
 * @param catalog our offer id to Partner Center's new-commerce catalog item
 */
@ConfigurationProperties("partnerflow.partner-center.api")
public record PartnerCenterApiProperties(
    @DefaultValue("https://api.partnercenter.microsoft.com") URI baseUrl,
    @DefaultValue("https://graph.microsoft.com") URI graphBaseUrl,
    @DefaultValue("https://login.microsoftonline.com") URI authorityUrl,
    String tenantId,
    String clientId,
    String clientSecret,
    String refreshToken,
    @DefaultValue("v1") String contractVersion,
    @DefaultValue("PT5S") Duration connectTimeout,
    @DefaultValue("PT10S") Duration readTimeout,
    Map<String, CatalogItem> catalog) {

  /** Where each setting comes from in the environment (Spring's relaxed binding of the property). */
  static final String ENV_PREFIX = "PARTNERFLOW_PARTNER_CENTER_API_";

  public PartnerCenterApiProperties {
    catalog = catalog == null ? Map.of() : Map.copyOf(catalog);
  }

  /**
   * A new-commerce product's SKU availability and its terms, as an order's line item names it.
   *
   * @param catalogItemId {@code <productId>:<skuId>:<availabilityId>}, e.g. {@code CFQ7TTC0LF8Q:0001:CFQ7TTC0LFK5}
   * @param termDuration ISO-8601, e.g. {@code P1M}, {@code P1Y}
   * @param billingCycle e.g. {@code monthly}, {@code annual}
   */
  public record CatalogItem(String catalogItemId, String termDuration, String billingCycle) {}

  /** An HTTP client bounded by these timeouts, for every call to Microsoft (tokens included). */
  JdkClientHttpRequestFactory requestFactory() {
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(connectTimeout).build());
    factory.setReadTimeout(readTimeout);
    return factory;
  }

  /** Every missing or unusable setting, named by its environment variable; empty when api mode can start. */
  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    required(violations, "tenantId", "TENANT_ID", tenantId);
    required(violations, "clientId", "CLIENT_ID", clientId);
    required(violations, "clientSecret", "CLIENT_SECRET", clientSecret);
    required(violations, "refreshToken", "REFRESH_TOKEN", refreshToken);
    if (catalog.isEmpty()) {
      violations.add(new Violation("catalog", "required", "partnerflow.partner-center.api.catalog must map every"
          + " offer we sell to a Partner Center catalog item (catalogItemId, termDuration, billingCycle)"));
    }
    catalog.forEach((offer, item) -> {
      if (item == null || blank(item.catalogItemId()) || blank(item.termDuration()) || blank(item.billingCycle())) {
        violations.add(new Violation("catalog." + offer, "required",
            "partnerflow.partner-center.api.catalog." + offer + " needs catalogItemId, termDuration and billingCycle"));
      }
    });
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
      violations.add(new Violation("readTimeout", "min", "connect-timeout and read-timeout must be longer than zero"));
    }
    return violations;
  }

  private static void required(List<Violation> violations, String field, String env, String value) {
    if (blank(value)) {
      violations.add(new Violation(field, "required", ENV_PREFIX + env + " (partnerflow.partner-center.api."
          + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + ") must be set in api mode"));
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    // Never the secrets: this record may be logged or shown in a failure analysis
    return "PartnerCenterApiProperties[baseUrl=" + baseUrl + ", graphBaseUrl=" + graphBaseUrl + ", authorityUrl="
        + authorityUrl + ", tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
        + (blank(clientSecret) ? "unset" : "(hidden)") + ", refreshToken=" + (blank(refreshToken) ? "unset" : "(hidden)")
        + ", contractVersion=" + contractVersion + ", catalog=" + catalog.keySet() + "]";
  }
}
