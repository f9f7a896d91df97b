package io.partnerflow.partnercenter;

import io.partnerflow.partnercenter.fake.DemoOfferCatalog;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The product in api mode against the fake: its addresses and credentials, and every demo offer mapped. */
public final class ApiModeSettings {

  private ApiModeSettings() {}

  public static Map<String, String> properties(FakeMicrosoft fake) {
    Map<String, String> p = new LinkedHashMap<>(fake.properties());
    p.putAll(DemoOfferCatalog.properties());
    return p;
  }

  public static void register(DynamicPropertyRegistry registry, FakeMicrosoft fake) {
    properties(fake).forEach((key, value) -> registry.add(key, () -> value));
  }
}
