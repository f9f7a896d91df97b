package io.partnerflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.process.ProcessVariable;
import io.partnerflow.referral.ReferralProcess.Decisions;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The referral forms speak the process contract, and the decline notice has a text in every bundle. */
class ReferralFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decideFormSubmitsTheContractsVariablesAndDecisions() throws Exception {
    JsonNode form = form("forms/decide-referral.form");

    assertThat(form.get("id").asText()).isEqualTo("form-decide-referral");
    assertHeader(form);
    assertThat(keys(form)).isSubsetOf(variableNames()).contains("referralDecision", "estimatedDealValue",
        "estimatedCloseDate", "declineReason");
    assertThat(radioValues(form, "referralDecision")).containsExactly(Decisions.ACCEPT, Decisions.DECLINE);
    assertThat(form.toString()).contains("{{referralErrors}}", "24 hours", "14 days");
  }

  @Test
  void outcomeFormSubmitsWonOrLost() throws Exception {
    JsonNode form = form("forms/referral-outcome.form");

    assertThat(form.get("id").asText()).isEqualTo("form-referral-outcome");
    assertHeader(form);
    assertThat(keys(form)).isSubsetOf(variableNames()).contains("referralOutcome", "estimatedDealValue",
        "estimatedCloseDate");
    assertThat(radioValues(form, "referralOutcome")).containsExactly(Decisions.WON, Decisions.LOST);
  }

  @Test
  void everyBundleHasTheDeclineNotice() throws Exception {
    Set<String> english = referralKeys("i18n/mail.properties");
    assertThat(english).hasSize(9);
    for (String locale : List.of("es", "pt_BR", "ru", "it")) {
      assertThat(referralKeys("i18n/mail_" + locale + ".properties")).as(locale).isEqualTo(english);
    }
  }

  private static void assertHeader(JsonNode form) {
    assertThat(form.get("schemaVersion").asInt()).isEqualTo(16);
    assertThat(form.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
    List<String> ids = new ArrayList<>();
    collect(form.get("components"), "id", ids);
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("(Text|Field|Group)_\\w+"));
  }

  private static JsonNode form(String path) throws Exception {
    try (InputStream in = ReferralFormsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static List<String> keys(JsonNode form) {
    List<String> keys = new ArrayList<>();
    collect(form.get("components"), "key", keys);
    return keys;
  }

  private static void collect(JsonNode components, String property, List<String> out) {
    for (JsonNode component : components) {
      if (component.has(property)) {
        out.add(component.get(property).asText());
      }
      if (component.has("components")) {
        collect(component.get("components"), property, out);
      }
    }
  }

  private static List<String> radioValues(JsonNode form, String key) {
    JsonNode radio = StreamSupport.stream(form.get("components").spliterator(), false)
        .filter(c -> key.equals(c.path("key").asText())).findFirst().orElseThrow();
    return StreamSupport.stream(radio.get("values").spliterator(), false).map(v -> v.get("value").asText()).toList();
  }

  private static Set<String> variableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : ReferralProcess.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
        names.add(((ProcessVariable<?>) field.get(null)).name());
      }
    }
    return names;
  }

  private static Set<String> referralKeys(String path) throws Exception {
    Properties properties = new Properties();
    try (InputStream in = ReferralFormsTest.class.getClassLoader().getResourceAsStream(path)) {
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Set<String> keys = new HashSet<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("mail.referralDeclined.")) {
        assertThat(properties.getProperty(name)).as(path + " " + name).isNotBlank();
        keys.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }
}
