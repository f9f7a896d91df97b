package io.partnerflow.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.partnerflow.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentPolicyTest {

  static final AgreementProperties MCA =
      new AgreementProperties("Microsoft Customer Agreement", "117a4b5c-0000-0000-0000-000000000001", LocalDate.of(2019, 10, 1));
  static final Clock NOON_15_JUNE_2024 = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);

  private final ConsentPolicy policy = new ConsentPolicy(MCA, NOON_15_JUNE_2024);

  static AgreementConsent consent(Boolean accepted, String date, String first, String last, String email, String phone) {
    return new AgreementConsent(accepted, date, first, last, email, phone);
  }

  static AgreementConsent valid() {
    return consent(true, "2024-06-01", "Lucía", "García", "lucia.garcia@contoso.es", null);
  }

  private static void assertSingle(List<Violation> violations, String field, String rule) {
    assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple(field, rule));
  }

  @Test
  void validConsentHasNoViolations() {
    assertThat(policy.check(valid())).isEmpty();
  }

  @Test
  void nullConsentReportsEveryRequiredFieldWithoutThrowing() {
    assertThat(policy.check(null)).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("agreementAccepted", "not-accepted"),
        tuple("agreementDateAccepted", "required"),
        tuple("signerFirstName", "required"),
        tuple("signerLastName", "required"),
        tuple("signerEmail", "required"));
  }

  @Test
  void reportsEveryBrokenRuleNotJustTheFirst() {
    assertThat(policy.check(consent(false, "2030-01-01", " ", "García", "lucia@", "phone?")))
        .extracting(Violation::field, Violation::rule).containsExactly(
            tuple("agreementAccepted", "not-accepted"),
            tuple("agreementDateAccepted", "date-in-future"),
            tuple("signerFirstName", "required"),
            tuple("signerEmail", "email-format"),
            tuple("signerPhone", "phone-format"));
  }

  @Test
  void customerMustHaveAccepted() {
    List<Violation> v = policy.check(consent(false, "2024-06-01", "Lucía", "García", "lucia@contoso.es", null));
    assertSingle(v, "agreementAccepted", "not-accepted");
    assertThat(v.get(0).message()).contains("Microsoft Customer Agreement");
  }

  @Test
  void messagesNameTheConfiguredAgreementTypeInWords() {
    ConsentPolicy configured = new ConsentPolicy(new AgreementProperties("MicrosoftCustomerAgreement",
        "117a1c5a-7b4d-4d1a-9f1c-2f2c8b5a7e10", LocalDate.of(2019, 10, 1)), NOON_15_JUNE_2024);

    assertThat(configured.check(consent(false, "2019-09-30", "Lucía", "García", "lucia@contoso.es", null)))
        .extracting(Violation::message)
        .allSatisfy(m -> assertThat(m).contains("Microsoft Customer Agreement").doesNotContain("MicrosoftCustomer"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "MicrosoftCustomerAgreement   | Microsoft Customer Agreement",
      "MicrosoftCloudAgreement      | Microsoft Cloud Agreement",
      "' MicrosoftCustomerAgreement'| Microsoft Customer Agreement",
      "SomePartnerAgreement         | Some Partner Agreement",
      "Microsoft Customer Agreement | Microsoft Customer Agreement",
      "null                         | customer agreement",
      "' '                          | customer agreement"})
  void agreementTypesReadAsNames(String type, String name) {
    assertThat(AgreementProperties.displayName(type)).isEqualTo(name);
  }

  @Test
  void acceptanceLeftUnansweredCountsAsNotAccepted() {
    assertSingle(policy.check(consent(null, "2024-06-01", "Lucía", "García", "lucia@contoso.es", null)),
        "agreementAccepted", "not-accepted");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void dateAcceptedIsRequired(String date) {
    assertSingle(policy.check(consent(true, date, "Lucía", "García", "lucia@contoso.es", null)),
        "agreementDateAccepted", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"15/06/2024", "2024-6-1", "2024-02-30", "yesterday", "2024-13-01", "20240601"})
  void dateAcceptedMustBeAnIsoDate(String date) {
    List<Violation> v = policy.check(consent(true, date, "Lucía", "García", "lucia@contoso.es", null));
    assertSingle(v, "agreementDateAccepted", "date-format");
    assertThat(v.get(0).message()).contains(date, "yyyy-MM-dd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-06-15", "2024-06-15T11:59:59Z", "2024-06-15T00:00:00", "2024-06-14T23:30:00-05:00"})
  void todayIsAccepted(String date) {
    assertThat(policy.check(consent(true, date, "Lucía", "García", "lucia@contoso.es", null))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-06-16", "2025-01-01", "2024-06-15T23:30:00-05:00", "2024-06-16T00:00:00Z"})
  void dateInTheFutureIsRejected(String date) {
    List<Violation> v = policy.check(consent(true, date, "Lucía", "García", "lucia@contoso.es", null));
    assertSingle(v, "agreementDateAccepted", "date-in-future");
    assertThat(v.get(0).message()).contains("2024-06-15");
  }

  @Test
  void futureIsJudgedInUtcNotInTheClocksZone() {
    // 23:30 UTC on 15 June is already 16 June in Madrid; 16 June is still the future in UTC.
    Clock lateEvening = Clock.fixed(Instant.parse("2024-06-15T23:30:00Z"), ZoneId.of("Europe/Madrid"));
    ConsentPolicy p = new ConsentPolicy(MCA, lateEvening);
    assertSingle(p.check(consent(true, "2024-06-16", "Lucía", "García", "lucia@contoso.es", null)),
        "agreementDateAccepted", "date-in-future");
    assertThat(p.check(consent(true, "2024-06-15", "Lucía", "García", "lucia@contoso.es", null))).isEmpty();
  }

  @Test
  void consentBeforeTheAgreementTookEffectIsRejected() {
    List<Violation> v = policy.check(consent(true, "2019-09-30", "Lucía", "García", "lucia@contoso.es", null));
    assertSingle(v, "agreementDateAccepted", "before-agreement-version");
    assertThat(v.get(0).message()).contains("Microsoft Customer Agreement", "2019-10-01");
  }

  @Test
  void consentOnTheEffectiveDateIsAccepted() {
    assertThat(policy.check(consent(true, "2019-10-01", "Lucía", "García", "lucia@contoso.es", null))).isEmpty();
  }

  @Test
  void withoutAnEffectiveDateAnyPastDateIsAccepted() {
    ConsentPolicy p = new ConsentPolicy(new AgreementProperties("Microsoft Customer Agreement", "t", null), NOON_15_JUNE_2024);
    assertThat(p.check(consent(true, "2001-01-01", "Lucía", "García", "lucia@contoso.es", null))).isEmpty();
  }

  @Test
  void signerNamesAreRequired() {
    assertThat(policy.check(consent(true, "2024-06-01", null, "", "lucia@contoso.es", null)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("signerFirstName", "required"), tuple("signerLastName", "required"));
  }

  @Test
  void signerNamesMayHave50CharactersButNot51() {
    String fifty = "x".repeat(50);
    assertThat(policy.check(consent(true, "2024-06-01", fifty, fifty, "lucia@contoso.es", null))).isEmpty();
    assertThat(policy.check(consent(true, "2024-06-01", fifty + "x", fifty + "x", "lucia@contoso.es", null)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("signerFirstName", "max-length"), tuple("signerLastName", "max-length"));
  }

  @Test
  void signerEmailIsRequired() {
    assertSingle(policy.check(consent(true, "2024-06-01", "Lucía", "García", " ", null)), "signerEmail", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lucia", "lucia@contoso", "lucia garcia@contoso.es", "lucia@contoso..es"})
  void signerEmailMustBeWellFormed(String email) {
    assertSingle(policy.check(consent(true, "2024-06-01", "Lucía", "García", email, null)), "signerEmail", "email-format");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"+34 912 345 678", "(425) 555-0100"})
  void signerPhoneIsOptionalButPlausibleWhenGiven(String phone) {
    assertThat(policy.check(consent(true, "2024-06-01", "Lucía", "García", "lucia@contoso.es", phone))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"n/a", "12345", "+34 912 345 678 ext. 2"})
  void implausibleSignerPhoneIsRejected(String phone) {
    assertSingle(policy.check(consent(true, "2024-06-01", "Lucía", "García", "lucia@contoso.es", phone)),
        "signerPhone", "phone-format");
  }

  @ParameterizedTest
  @CsvSource({
      "2024-06-01,2024-06-01",
      "' 2024-06-01 ',2024-06-01",
      "2024-06-01T10:15:30Z,2024-06-01",
      "2024-06-01T10:15:30.123+02:00,2024-06-01",
      "2024-06-01T23:30:00-05:00,2024-06-02",
      "2024-06-01T10:15:30,2024-06-01"})
  void parseDateTakesTheUtcDate(String text, LocalDate expected) {
    assertThat(policy.parseDate(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"2024-02-30", "01.06.2024", "2024-06-01T25:00:00Z"})
  void parseDateRejectsWhatIsNotAnIsoDate(String text) {
    assertThatThrownBy(() -> policy.parseDate(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
