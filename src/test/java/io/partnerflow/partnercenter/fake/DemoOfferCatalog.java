package io.partnerflow.partnercenter.fake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalog mapping api mode requires ({@code partnerflow.partner-center.api.catalog.*}) for every
 * demo offer (db/demo/V1_1__demo_directory_and_catalog.sql), as Spring properties to add beside
 * {@link FakeMicrosoft#properties()}. The catalog item ids have Partner Center's shape
 * ({@code product:sku:availability}); they are made up, and the fake accepts any of that shape.
 */
public final class DemoOfferCatalog {

  private DemoOfferCatalog() {}

  /** Offer id to {@code catalogItemId, termDuration, billingCycle}. */
  public static final Map<String, String[]> ITEMS = items();

  private static Map<String, String[]> items() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("M365-BUSINESS-BASIC", new String[] {"CFQ7TTC0LH18:0001:CFQ7TTC0LH1A", "P1Y", "monthly"});
    m.put("M365-BUSINESS-STANDARD", new String[] {"CFQ7TTC0LDPB:0001:CFQ7TTC0LDPC", "P1Y", "monthly"});
    m.put("M365-BUSINESS-PREMIUM", new String[] {"CFQ7TTC0LCHC:0002:CFQ7TTC0LCHD", "P1Y", "monthly"});
    m.put("O365-E3", new String[] {"CFQ7TTC0LF8Q:0001:CFQ7TTC0LFK5", "P1Y", "annual"});
    m.put("M365-E5", new String[] {"CFQ7TTC0LFLZ:0002:CFQ7TTC0LFM0", "P1Y", "annual"});
    m.put("EXCHANGE-ONLINE-P1", new String[] {"CFQ7TTC0LH16:0001:CFQ7TTC0LH17", "P1M", "monthly"});
    m.put("POWER-BI-PRO", new String[] {"CFQ7TTC0L3PB:0001:CFQ7TTC0L3PC", "P1M", "monthly"});
    m.put("TEAMS-PHONE-STANDARD", new String[] {"CFQ7TTC0LH2H:0001:CFQ7TTC0LH2J", "P1Y", "annual"});
    m.put("DEFENDER-O365-P2", new String[] {"CFQ7TTC0LHSF:0001:CFQ7TTC0LHSG", "P1Y", "monthly"});
    m.put("AZURE-PLAN", new String[] {"DZH318Z0BPS6:0001:DZH318Z0BPS7", "P1M", "monthly"});
    m.put("DYNAMICS-365-SALES-ENT", new String[] {"CFQ7TTC0LH3T:0001:CFQ7TTC0LH3V", "P1Y", "monthly"});
    m.put("VISIO-PLAN2-LEGACY", new String[] {"CFQ7TTC0HD33:0002:CFQ7TTC0HD34", "P1M", "monthly"});
    return Map.copyOf(m);
  }

  /** The catalog item the offer is mapped to. */
  public static String catalogItemId(String offerId) {
    return ITEMS.get(offerId)[0];
  }

  /** {@code partnerflow.partner-center.api.catalog.[OFFER-ID].catalog-item-id / term-duration / billing-cycle}. */
  public static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    ITEMS.forEach((offer, item) -> {
      String prefix = "partnerflow.partner-center.api.catalog.[" + offer + "].";
      p.put(prefix + "catalog-item-id", item[0]);
      p.put(prefix + "term-duration", item[1]);
      p.put(prefix + "billing-cycle", item[2]);
    });
    return p;
  }
}
