package io.partnerflow.partnercenter.fake;

import java.util.LinkedHashMap;
import java.util.Map;

/** Partner Center catalog items for demo offers: api mode refuses to start without a catalog mapping. */
public final class FakeCatalog {

  private FakeCatalog() {}

  /** {@code partnerflow.partner-center.api.catalog.*} for Office 365 E3 and Microsoft 365 Business Basic. */
  public static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    item(p, "O365-E3", "CFQ7TTC0LF8Q:0001:CFQ7TTC0LFK5");
    item(p, "M365-BUSINESS-BASIC", "CFQ7TTC0LH18:0001:CFQ7TTC0LHSF");
    return p;
  }

  private static void item(Map<String, String> p, String offer, String catalogItemId) {
    String prefix = "partnerflow.partner-center.api.catalog.[" + offer + "].";
    p.put(prefix + "catalog-item-id", catalogItemId);
    p.put(prefix + "term-duration", "P1M");
    p.put(prefix + "billing-cycle", "monthly");
  }
}
