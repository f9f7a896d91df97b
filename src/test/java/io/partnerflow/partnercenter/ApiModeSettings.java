package io.partnerflow.partnercenter;

import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The product in api mode against the fake: its addresses and credentials, and the demo catalog mapped. */
public final class ApiModeSettings {

  /** Our demo offers as Partner Center new-commerce catalog items (product:sku:availability). */
  public static final Map<String, String> CATALOG = Map.of(
      "O365-E3", "CFQ7TTC0LF8Q:0001:CFQ7TTC0LFK5",
      "TEAMS-PHONE-STANDARD", "CFQ7TTC0J1FV:0001:CFQ7TTC0J1G0",
      "M365-BUSINESS-PREMIUM", "CFQ7TTC0LCHC:0002:CFQ7TTC0LCJ5",
      "M365-E5", "CFQ7TTC0LFLZ:0002:CFQ7TTC0LFM1",
      "EXCHANGE-ONLINE-P1", "CFQ7TTC0LH16:0001:CFQ7TTC0LH1B");

  private ApiModeSettings() {}

  public static Map<String, String> properties(FakeMicrosoft fake) {
    Map<String, String> p = new LinkedHashMap<>(fake.properties());
    CATALOG.forEach((offer, item) -> {
      String prefix = "partnerflow.partner-center.api.catalog.[" + offer + "].";
      p.put(prefix + "catalog-item-id", item);
      p.put(prefix + "term-duration", "P1M");
      p.put(prefix + "billing-cycle", "monthly");
    });
    return p;
  }

  public static void register(DynamicPropertyRegistry registry, FakeMicrosoft fake) {
    properties(fake).forEach((key, value) -> registry.add(key, () -> value));
  }
}
