package io.partnerflow.customerpages;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.config.FullStopMessageSource;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.Relationship;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words the customer page uses for stored codes and for what the registry knows, without a context. */
class CustomerDetailViewBuilderTest {

  private final CustomerDetailViewBuilder builder = new CustomerDetailViewBuilder(null, null, null, null,
      FullStopMessageSource.of("i18n/messages"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "customer.relationship.   | RESELLER              | Reseller relationship",
      "customer.relationship.   | NONE                  | No relationship",
      "customer.source.         | ONBOARDING            | Onboarded: we created the tenant",
      "customer.source.         | EXISTING_TENANT       | Listed as an existing tenant",
      "customer.subscription.   | ACTIVE                | Active",
      "customer.process.        | EXTERNALLY_TERMINATED | Cancelled",
      // A code nobody named yet still reads as words
      "customer.subscription.   | PENDING_CANCELLATION  | Pending cancellation"})
  void storedCodesReadAsWords(String prefix, String code, String words) {
    assertThat(builder.word(prefix, code)).isEqualTo(words);
  }

  @Test
  void countriesAndLanguagesReadAsNamesWithTheirCodes() {
    assertThat(CustomerDetailViewBuilder.country("ES")).isEqualTo("Spain (ES)");
    assertThat(CustomerDetailViewBuilder.country("us")).isEqualTo("United States (us)");
    assertThat(CustomerDetailViewBuilder.country(null)).isNull();
    assertThat(CustomerDetailViewBuilder.country("XX")).isEqualTo("XX");
    assertThat(CustomerDetailViewBuilder.country("not a code")).isEqualTo("not a code");
    assertThat(CustomerDetailViewBuilder.localization(customer("pt-BR", "pt", null, null)))
        .isEqualTo("Portuguese (Brazil)");
    assertThat(CustomerDetailViewBuilder.localization(customer(null, "ru", null, null))).isEqualTo("Russian");
    assertThat(CustomerDetailViewBuilder.localization(customer(null, null, null, null))).isNull();
  }

  @Test
  void anAddressIsItsLinesOrNothing() {
    assertThat(CustomerDetailViewBuilder.address(customer("en-US", "en", "1 Main Street", "Buffalo")))
        .containsExactly("1 Main Street", "98052 Buffalo NY");
    assertThat(CustomerDetailViewBuilder.address(customer("en-US", "en", null, null))).isEmpty();
  }

  private static CustomerRecord customer(String culture, String language, String addressLine1, String city) {
    return new CustomerRecord("c-1", "Contoso", "contoso", addressLine1, null, city, city == null ? null : "NY",
        city == null ? null : "98052", null, culture, language, null, Relationship.NONE, null, null, null, "seed",
        Instant.parse("2025-03-14T09:30:00Z"), 0);
  }
}
