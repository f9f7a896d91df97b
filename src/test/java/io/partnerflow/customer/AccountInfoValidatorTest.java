package io.partnerflow.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.partnerflow.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountInfoValidatorTest {

  private final AccountInfoValidator validator = new AccountInfoValidator(new CountryRules());

  /** Mutable test data; starts as a valid Spanish customer. */
  static final class Account {
    String companyName = "Contoso Iberia S.L.";
    String domainPrefix = "contosoiberia";
    String addressLine1 = "Calle de Alcalá 42";
    String addressLine2 = null;
    String city = "Madrid";
    String state = null;
    String postalCode = "28014";
    String country = "ES";
    String culture = "es-ES";
    String language = "es";
    String registrationNumber = null;
    String firstName = "Lucía";
    String lastName = "García";
    String email = "lucia.garcia@contoso.es";
    String phone = null;

    AccountInfo build() {
      return new AccountInfo(companyName, domainPrefix, addressLine1, addressLine2, city, state, postalCode, country,
          culture, language, registrationNumber, new PrimaryContact(firstName, lastName, email, phone));
    }
  }

  private List<Violation> validate(Account a) {
    return validator.validate(a.build());
  }

  private List<Violation> violationsOf(Account a, String field) {
    return validate(a).stream().filter(v -> v.field().equals(field)).toList();
  }

  private static void assertSingle(List<Violation> violations, String field, String rule) {
    assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple(field, rule));
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  @Test
  void validSpanishCustomerHasNoViolations() {
    assertThat(validate(new Account())).isEmpty();
  }

  @Test
  void inputsAreTrimmedBeforeChecking() {
    Account a = new Account();
    a.companyName = "  Contoso  ";
    a.domainPrefix = " contoso ";
    a.postalCode = " 28014 ";
    a.country = " es ";
    a.culture = " es-ES ";
    a.language = " es ";
    a.email = " lucia@contoso.es ";
    assertThat(validate(a)).isEmpty();
  }

  @Test
  void nullAccountReportsEveryRequiredFieldWithoutThrowing() {
    assertThat(validator.validate(null)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
        tuple("country", "required"),
        tuple("companyName", "required"),
        tuple("domainPrefix", "required"),
        tuple("addressLine1", "required"),
        tuple("city", "required"),
        tuple("culture", "required"),
        tuple("language", "required"),
        tuple("contactFirstName", "required"),
        tuple("contactLastName", "required"),
        tuple("contactEmail", "required"));
  }

  @Test
  void missingPrimaryContactReportsItsRequiredFields() {
    AccountInfo info = new Account().build();
    AccountInfo noContact = new AccountInfo(info.companyName(), info.domainPrefix(), info.addressLine1(), null,
        info.city(), null, info.postalCode(), "RU", "ru-RU", "ru", "7707083893", null);
    assertThat(validator.validate(noContact)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
        tuple("postalCode", "postal-code-format"),
        tuple("contactFirstName", "required"),
        tuple("contactLastName", "required"),
        tuple("contactEmail", "required"),
        tuple("contactPhone", "phone-required"));
  }

  @Test
  void reportsEveryBrokenRuleNotJustTheFirst() {
    Account a = new Account();
    a.companyName = " ";
    a.domainPrefix = "contoso-iberia";
    a.postalCode = "2801";
    a.culture = "fr-FR";
    a.email = "lucia at contoso";
    a.phone = "call me";
    assertThat(validate(a)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
        tuple("companyName", "required"),
        tuple("domainPrefix", "domain-prefix-format"),
        tuple("postalCode", "postal-code-format"),
        tuple("culture", "culture-not-supported"),
        tuple("contactEmail", "email-format"),
        tuple("contactPhone", "phone-format"));
  }

  @Nested
  class TextLengths {

    @Test
    void companyNameIsRequired() {
      Account a = new Account();
      a.companyName = null;
      assertSingle(validate(a), "companyName", "required");
    }

    @Test
    void companyNameMayHave255Characters() {
      Account a = new Account();
      a.companyName = repeat('C', 255);
      assertThat(validate(a)).isEmpty();
    }

    @Test
    void companyNameOf256CharactersIsTooLong() {
      Account a = new Account();
      a.companyName = repeat('C', 256);
      assertSingle(validate(a), "companyName", "max-length");
      assertThat(validate(a).get(0).message()).contains("Company name", "255");
    }

    @Test
    void addressLine1IsRequired() {
      Account a = new Account();
      a.addressLine1 = "";
      assertSingle(validate(a), "addressLine1", "required");
    }

    @Test
    void addressLine1MayHave200CharactersButNot201() {
      Account a = new Account();
      a.addressLine1 = repeat('a', 200);
      assertThat(validate(a)).isEmpty();
      a.addressLine1 = repeat('a', 201);
      assertSingle(validate(a), "addressLine1", "max-length");
    }

    @Test
    void addressLine2IsOptionalButAtMost200Characters() {
      Account a = new Account();
      a.addressLine2 = repeat('b', 200);
      assertThat(validate(a)).isEmpty();
      a.addressLine2 = repeat('b', 201);
      assertSingle(validate(a), "addressLine2", "max-length");
    }

    @Test
    void cityIsRequiredAndAtMost100Characters() {
      Account a = new Account();
      a.city = null;
      assertSingle(validate(a), "city", "required");
      a.city = repeat('m', 100);
      assertThat(validate(a)).isEmpty();
      a.city = repeat('m', 101);
      assertSingle(validate(a), "city", "max-length");
    }

    @Test
    void contactNamesAreRequired() {
      Account a = new Account();
      a.firstName = " ";
      a.lastName = null;
      assertThat(validate(a)).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("contactFirstName", "required"), tuple("contactLastName", "required"));
    }

    @Test
    void contactNamesMayHave50CharactersButNot51() {
      Account a = new Account();
      a.firstName = repeat('f', 50);
      a.lastName = repeat('l', 50);
      assertThat(validate(a)).isEmpty();
      a.firstName = repeat('f', 51);
      a.lastName = repeat('l', 51);
      assertThat(validate(a)).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("contactFirstName", "max-length"), tuple("contactLastName", "max-length"));
    }
  }

  @Nested
  class DomainPrefix {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "contoso", "Contoso2024", "CONTOSO", "abcdefghijklmnopqrstuvwxy12"})
    void lettersAndDigitsOfTwoTo27CharactersAreAccepted(String prefix) {
      Account a = new Account();
      a.domainPrefix = prefix;
      assertThat(validate(a)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void isRequired(String prefix) {
      Account a = new Account();
      a.domainPrefix = prefix;
      assertSingle(validate(a), "domainPrefix", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"contoso-ltd", "contoso.onmicrosoft.com", "con toso", "contoso_es", "contosó"})
    void anythingButLettersAndDigitsIsRejected(String prefix) {
      Account a = new Account();
      a.domainPrefix = prefix;
      List<Violation> v = violationsOf(a, "domainPrefix");
      assertThat(v).extracting(Violation::rule).contains("domain-prefix-format");
      assertThat(v.get(0).message()).contains("letters", "digits", "case-insensitive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abcdefghijklmnopqrstuvwxyz12"})
    void lengthOutsideTwoTo27IsRejected(String prefix) {
      Account a = new Account();
      a.domainPrefix = prefix;
      assertSingle(validate(a), "domainPrefix", "domain-prefix-length");
    }
  }

  @Nested
  class Country {

    @Test
    void isRequired() {
      Account a = new Account();
      a.country = null;
      a.postalCode = null;
      assertSingle(validate(a), "country", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ESP", "Spain", "UK"})
    void mustBeAnIsoAlpha2Code(String country) {
      Account a = new Account();
      a.country = country;
      assertSingle(validate(a), "country", "country-unknown");
    }

    @Test
    void lowerCaseCodeIsAccepted() {
      Account a = new Account();
      a.country = "es";
      assertThat(validate(a)).isEmpty();
    }
  }

  @Nested
  class State {

    @ParameterizedTest
    @CsvSource({"US,en-US,en,98052", "CA,en-CA,en,K1A 0B1", "AU,en-AU,en,2000", "MX,es-MX,es,06600"})
    void isRequiredWhereTheCountryNeedsIt(String country, String culture, String language, String postalCode) {
      Account a = new Account();
      a.country = country;
      a.culture = culture;
      a.language = language;
      a.postalCode = postalCode;
      assertSingle(validate(a), "state", "required");
      a.state = "XX";
      assertThat(validate(a)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BR", "IN"})
    void isRequiredInBrazilAndIndia(String country) {
      Account a = new Account();
      a.country = country;
      assertThat(violationsOf(a, "state")).extracting(Violation::rule).containsExactly("required");
      a.state = "SP";
      assertThat(violationsOf(a, "state")).isEmpty();
    }

    @Test
    void isOptionalInSpain() {
      Account a = new Account();
      a.state = null;
      assertThat(validate(a)).isEmpty();
    }
  }

  @Nested
  class PostalCode {

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource({
        "US,98052", "US,98052-6399",
        "CA,K1A 0B1", "CA,k1a0b1",
        "GB,SW1A 1AA", "GB,M1 1AE", "GB,EC1A1BB",
        "DE,10115",
        "FR,75001",
        "ES,28001", "ES,08001", "ES,52001",
        "IT,00184",
        "BR,01310-100", "BR,01310100",
        "RU,101000",
        "NL,1012 AB", "NL,1012ab",
        "PL,00-950",
        "AU,2000",
        "JP,100-0001", "JP,1000001",
        "IN,110001",
        "MX,06600",
        "PT,1000-001"})
    void acceptsTheCountrysFormat(String country, String postalCode) {
      Account a = new Account();
      a.country = country;
      a.postalCode = postalCode;
      assertThat(violationsOf(a, "postalCode")).isEmpty();
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @CsvSource({
        "US,9805,98052", "US,ABCDE,98052", "US,98052-63,98052",
        "CA,D1A 0B1,K1A 0B1", "CA,123456,K1A 0B1", "CA,K1A-0B1,K1A 0B1",
        "GB,12345,SW1A 1AA", "GB,SW1A 1A,SW1A 1AA",
        "DE,1011,10115", "DE,101155,10115",
        "FR,7500A,75001",
        "ES,53001,28001", "ES,00123,28001", "ES,2800,28001",
        "IT,0018,00184",
        "BR,01310-10,01310-100",
        "RU,10100,101000", "RU,1010000,101000",
        "NL,0123 AB,1012 AB",
        "PL,00950,00-950",
        "AU,200,2000",
        "JP,10-0001,100-0001",
        "IN,011000,110001",
        "MX,6600,06600",
        "PT,1000,1000-001"})
    void rejectsOtherShapesAndShowsAnExample(String country, String postalCode, String example) {
      Account a = new Account();
      a.country = country;
      a.postalCode = postalCode;
      List<Violation> v = violationsOf(a, "postalCode");
      assertSingle(v, "postalCode", "postal-code-format");
      assertThat(v.get(0).message()).contains("'" + postalCode + "'", country, "e.g. " + example);
    }

    @Test
    void isRequiredWhereTheCountryHasAFormat() {
      Account a = new Account();
      a.postalCode = " ";
      List<Violation> v = validate(a);
      assertSingle(v, "postalCode", "required");
      assertThat(v.get(0).message()).contains("ES", "28001");
    }

    @Test
    void isOptionalAndUncheckedWhereWeKnowNoFormat() {
      Account a = new Account();
      a.country = "IE";
      a.culture = "en-IE";
      a.language = "en";
      a.postalCode = null;
      assertThat(validate(a)).isEmpty();
      a.postalCode = "D02 X285";
      assertThat(validate(a)).isEmpty();
    }
  }

  @Nested
  class CultureAndLanguage {

    @ParameterizedTest
    @CsvSource({"ES,es-ES,es", "ES,ca-ES,ca", "ES,ES-es,ES", "CA,fr-CA,fr", "CA,en-CA,en", "US,en-US,en",
        "IT,it-IT,it", "IS,is-IS,is", "IS,en-IS,en"})
    void acceptsTheCountrysCultureWithItsLanguage(String country, String culture, String language) {
      Account a = new Account();
      a.country = country;
      a.culture = culture;
      a.language = language;
      assertThat(violationsOf(a, "culture")).isEmpty();
      assertThat(violationsOf(a, "language")).isEmpty();
    }

    @Test
    void cultureOfAnotherCountryIsNotSupported() {
      Account a = new Account();
      a.culture = "es-MX";
      List<Violation> v = validate(a);
      assertSingle(v, "culture", "culture-not-supported");
      assertThat(v.get(0).message()).contains("es-MX", "ES", "es-ES, ca-ES");
    }

    @Test
    void languageNotSpokenInTheCountryIsNotSupported() {
      Account a = new Account();
      a.language = "fr";
      assertSingle(validate(a), "language", "language-not-supported");
    }

    @Test
    void languageMustMatchTheCulture() {
      Account a = new Account();
      a.culture = "ca-ES";
      a.language = "es";
      List<Violation> v = validate(a);
      assertSingle(v, "language", "language-culture-mismatch");
      assertThat(v.get(0).message()).contains("ca-ES", "expected ca");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spanish", "es", "es-ESP"})
    void malformedCultureIsReported(String culture) {
      Account a = new Account();
      a.culture = culture;
      assertSingle(validate(a), "culture", "culture-format");
    }

    @Test
    void cultureAndLanguageAreRequired() {
      Account a = new Account();
      a.culture = null;
      a.language = "";
      assertThat(validate(a)).extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("culture", "required"), tuple("language", "required"));
    }

    @Test
    void unlistedCountryRejectsCultureOfAnotherCountryAndUnknownLanguage() {
      Account a = new Account();
      a.country = "IS";
      a.postalCode = null;
      a.culture = "is-DK";
      a.language = "xx";
      assertThat(validate(a)).extracting(Violation::field, Violation::rule).containsExactly(
          tuple("culture", "culture-not-supported"), tuple("language", "language-not-supported"));
    }
  }

  @Nested
  class RegistrationNumberAndPhone {

    /** A valid customer in a registration-number country. */
    private Account in(String country, String culture, String state, String postalCode, String registrationNumber) {
      Account a = new Account();
      a.country = country;
      a.culture = culture;
      a.language = culture.substring(0, culture.indexOf('-'));
      a.state = state;
      a.postalCode = postalCode;
      a.registrationNumber = registrationNumber;
      a.phone = "+1 555 010 0100";
      return a;
    }

    @ParameterizedTest(name = "{0}: {5} is valid, {6} is not")
    @CsvSource(nullValues = "-", value = {
        "AM,hy-AM,-,-,02512345,12",
        "AZ,az-AZ,-,-,1234567891,12345",
        "BY,be-BY,-,-,190123456,19012345",
        "HU,hu-HU,-,-,12345678-2-41,1234",
        "KZ,kk-KZ,-,050000,123456789012,12345678901",
        "KG,ky-KG,-,-,01234567891011,AB",
        "MD,ro-MD,-,-,1003600012345,100360001234",
        "RU,ru-RU,-,101000,7707083893,77070838931",
        "TJ,tg-TJ,-,-,020012345,!!!!!",
        "UZ,uz-UZ,-,-,201234567,1234",
        "UA,uk-UA,-,01001,12345678,1234567",
        "BR,pt-BR,SP,01310-100,12.345.678/0001-95,12.345.678/0001",
        "IN,en-IN,KA,560001,U72200KA2009PTC049889,1234567890",
        "ZA,en-ZA,-,-,2001/123456/07,2001-12-07",
        "PL,pl-PL,-,00-950,123-456-78-90,12-345",
        "AE,ar-AE,-,-,100123456700003,10012345670000",
        "SA,ar-SA,-,-,1010123456,101012345",
        "TR,tr-TR,-,-,1234567890,123456789",
        "TH,th-TH,-,-,0105536000001,010553600000",
        "VN,vi-VN,-,-,0101234567-001,010123456"})
    void registrationCountriesRequireAWellFormedNumberAndAPhone(String country, String culture, String state,
        String postalCode, String validNumber, String invalidNumber) {
      Account a = in(country, culture, state, postalCode, validNumber);
      assertThat(validate(a)).as("valid customer in %s", country).isEmpty();

      a.registrationNumber = null;
      assertSingle(validate(a), "registrationNumber", "registration-number-required");
      assertThat(validate(a).get(0).message()).contains(country);

      a.registrationNumber = invalidNumber;
      assertSingle(validate(a), "registrationNumber", "registration-number-format");
      assertThat(validate(a).get(0).message()).contains("'" + invalidNumber + "'", country);

      a.registrationNumber = validNumber;
      a.phone = "  ";
      assertSingle(validate(a), "contactPhone", "phone-required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7707083893", "770708389312", "1027700132195", "304500116000157"})
    void russiaAcceptsInnOgrnAndOgrnip(String number) {
      Account a = in("RU", "ru-RU", null, "101000", number);
      assertThat(validate(a)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678000195", "12.345.678/0001-95"})
    void brazilAcceptsCnpjWithOrWithoutPunctuation(String number) {
      Account a = in("BR", "pt-BR", "SP", "01310-100", number);
      assertThat(validate(a)).isEmpty();
    }

    @Test
    void registrationNumberIsIgnoredWhereNotRequired() {
      Account a = new Account();
      a.registrationNumber = null;
      assertThat(validate(a)).isEmpty();
      a.registrationNumber = "anything at all!";
      assertThat(validate(a)).isEmpty();
    }

    @Test
    void phoneIsOptionalWhereNoRegistrationNumberIsRequired() {
      Account a = new Account();
      a.phone = null;
      assertThat(validate(a)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+34 912 345 678", "+1 (425) 555-0100", "912345678", "+7 495 123-45-67", "123456"})
    void plausiblePhoneNumbersAreAccepted(String phone) {
      Account a = new Account();
      a.phone = phone;
      assertThat(validate(a)).isEmpty();
      assertThat(AccountInfoValidator.isPlausiblePhone(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "12345", "+34 912 345 678 ext 9", "123456789012345678901", "34+912345678",
        "+34.912.345.678", "++34912345678"})
    void implausiblePhoneNumbersAreRejected(String phone) {
      Account a = new Account();
      a.phone = phone;
      assertSingle(validate(a), "contactPhone", "phone-format");
      assertThat(AccountInfoValidator.isPlausiblePhone(phone)).isFalse();
    }
  }

  @Nested
  class Email {

    @ParameterizedTest
    @ValueSource(strings = {"lucia@contoso.es", "lucia.garcia+csp@mail.contoso.com", "o'brien@contoso.ie",
        "a@b.co", "user_1@sub-domain.example.org"})
    void wellFormedAddressesAreAccepted(String email) {
      Account a = new Account();
      a.email = email;
      assertThat(validate(a)).isEmpty();
      assertThat(AccountInfoValidator.isValidEmail(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lucia", "lucia@", "@contoso.es", "lucia@contoso", "lucia garcia@contoso.es",
        "lucia@@contoso.es", "lucia@contoso..es", ".lucia@contoso.es", "lucia.@contoso.es", "lucia@-contoso.es",
        "lucia@contoso.e", "lucia@contoso.123", "lucía@contoso.es"})
    void malformedAddressesAreRejected(String email) {
      Account a = new Account();
      a.email = email;
      assertSingle(validate(a), "contactEmail", "email-format");
      assertThat(AccountInfoValidator.isValidEmail(email)).isFalse();
    }

    @Test
    void addressesLongerThan254CharactersAreRejected() {
      String email = "a@" + (repeat('b', 60) + ".").repeat(4) + "com"; // 2 + 244 + 3 = 249
      assertThat(AccountInfoValidator.isValidEmail(email)).isTrue();
      String tooLong = "abcdefg@" + (repeat('b', 60) + ".").repeat(4) + "com"; // 255
      assertThat(AccountInfoValidator.isValidEmail(tooLong)).isFalse();
    }

    @Test
    void localPartLongerThan64CharactersIsRejected() {
      assertThat(AccountInfoValidator.isValidEmail(repeat('a', 64) + "@contoso.es")).isTrue();
      assertThat(AccountInfoValidator.isValidEmail(repeat('a', 65) + "@contoso.es")).isFalse();
    }

    @Test
    void emailIsRequired() {
      Account a = new Account();
      a.email = null;
      assertSingle(validate(a), "contactEmail", "required");
      assertThat(AccountInfoValidator.isValidEmail(null)).isFalse();
    }
  }
}
