package io.partnerflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryRulesTest {

  private final CountryRules rules = new CountryRules();

  @ParameterizedTest
  @ValueSource(strings = {"ES", "es", " US ", "BR", "RU", "IT", "IS"})
  void acceptsIsoAlpha2CountryCodesCaseInsensitively(String country) {
    assertThat(rules.isKnownCountry(country)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"XX", "ESP", "E", "UK", "EU", "724"})
  void rejectsWhatIsNotAnIsoAlpha2CountryCode(String country) {
    assertThat(rules.isKnownCountry(country)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA",
      "BR", "IN", "ZA", "PL", "AE", "SA", "TR", "TH", "VN"})
  void registrationNumberAndPhoneAreRequiredInTheRegistrationCountries(String country) {
    assertThat(rules.requiresRegistrationNumber(country)).isTrue();
    assertThat(rules.requiresPhone(country)).isTrue();
    assertThat(rules.registrationNumberFormat(country)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES", "US", "DE", "FR", "IT", "GB", "CA", "IS"})
  void registrationNumberAndPhoneAreNotRequiredElsewhere(String country) {
    assertThat(rules.requiresRegistrationNumber(country)).isFalse();
    assertThat(rules.requiresPhone(country)).isFalse();
    assertThat(rules.registrationNumberFormat(country)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"US,true", "CA,true", "BR,true", "AU,true", "IN,true", "MX,true", "ES,false", "DE,false", "GB,false"})
  void knowsWhereStateIsRequired(String country, boolean required) {
    assertThat(rules.requiresState(country)).isEqualTo(required);
  }

  @Test
  void spainOffersSpanishAndCatalan() {
    CountryRules.Localization es = rules.localization("ES").orElseThrow();
    assertThat(es.cultures()).containsExactly("es-ES", "ca-ES");
    assertThat(es.languages()).containsExactly("es", "ca");
  }

  @Test
  void canadaOffersEnglishAndFrench() {
    CountryRules.Localization ca = rules.localization("CA").orElseThrow();
    assertThat(ca.cultures()).containsExactly("en-CA", "fr-CA");
    assertThat(ca.languages()).containsExactly("en", "fr");
  }

  @ParameterizedTest
  @CsvSource({"ES,es-ES", "ES,ca-es", "US,en-US", "BR,pt-BR", "RU,ru-RU", "IT,it-IT", "CA,fr-CA",
      "IS,is-IS", "IS,en-IS", "VN,vi-VN"})
  void supportsTheCountrysCultures(String country, String culture) {
    assertThat(rules.isSupportedCulture(country, culture)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"ES,fr-FR", "ES,en-US", "US,es-MX", "BR,pt-PT", "IS,is-DK", "IS,xx-IS", "XX,en-XX", "ES,es"})
  void rejectsCulturesOfOtherCountriesOrUnknownLanguages(String country, String culture) {
    assertThat(rules.isSupportedCulture(country, culture)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"ES,es,true", "ES,ca,true", "ES,fr,false", "CA,fr,true", "IS,is,true", "IS,xx,false", "XX,en,false"})
  void supportsTheCountrysLanguages(String country, String language, boolean supported) {
    assertThat(rules.isSupportedLanguage(country, language)).isEqualTo(supported);
  }

  @ParameterizedTest
  @CsvSource({"es-ES,es-ES", "ES-es,es-ES", "es_ES,es-ES", "' es-es ',es-ES"})
  void canonicalisesWellFormedCultures(String input, String canonical) {
    assertThat(CountryRules.canonicalCulture(input)).contains(canonical);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"es", "spanish", "e-ES", "es-ESP", "es-E1", "-ES"})
  void rejectsMalformedCultures(String input) {
    assertThat(CountryRules.canonicalCulture(input)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AB123", "02512345", "12-345/67.89", "ABCDEFGHIJ0123456789"})
  void genericRegistrationNumberAcceptsFiveToTwentyLettersOrDigits(String number) {
    assertThat(CountryRules.GENERIC_REGISTRATION_NUMBER.matches(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AB12", "ABCDEFGHIJ01234567890", "12--345", "-12345", "123!45", "12 34"})
  void genericRegistrationNumberRejectsTooShortTooLongOrPunctuated(String number) {
    assertThat(CountryRules.GENERIC_REGISTRATION_NUMBER.matches(number)).isFalse();
  }
}
