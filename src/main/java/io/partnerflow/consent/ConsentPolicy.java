package io.partnerflow.consent;

import io.partnerflow.validation.ContactFormats;
import io.partnerflow.validation.Violation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What makes an agreement attestation acceptable: the customer accepted the agreement currently in
 * force, on a real date that is neither in the future (UTC) nor before that agreement took effect,
 * and we know who signed.
 */
@Component
public class ConsentPolicy {

  private final AgreementProperties agreement;
  private final Clock clock;

  public ConsentPolicy(AgreementProperties agreement, Clock clock) {
    this.agreement = Objects.requireNonNull(agreement, "agreement");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public List<Violation> check(AgreementConsent consent) {
    AgreementConsent c = consent != null ? consent : new AgreementConsent(null, null, null, null, null, null);
    List<Violation> out = new ArrayList<>();
    String agreementName = agreement.displayName();

    if (!Boolean.TRUE.equals(c.accepted())) {
      out.add(new Violation("agreementAccepted", "not-accepted",
          "Confirm that the customer accepted the " + agreementName + "; no orders can be placed until it is accepted"));
    }
    checkDate(trim(c.dateAccepted()), agreementName, out);
    name(out, "signerFirstName", "Signer first name", c.signerFirstName());
    name(out, "signerLastName", "Signer last name", c.signerLastName());

    String email = trim(c.signerEmail());
    if (email.isEmpty()) {
      out.add(new Violation("signerEmail", "required", "Signer email is required"));
    } else if (!ContactFormats.isValidEmail(email)) {
      out.add(new Violation("signerEmail", "email-format",
          "Signer email '" + email + "' is not a valid email address (expected name@example.com, no spaces)"));
    }
    String phone = trim(c.signerPhone());
    if (!phone.isEmpty() && !ContactFormats.isPlausiblePhone(phone)) {
      out.add(new Violation("signerPhone", "phone-format",
          "Signer phone '" + phone + "' is not a valid phone number (6 to 20 digits; only digits, spaces, a leading +, - and parentheses)"));
    }
    return out;
  }

  /**
   * Parses {@code yyyy-MM-dd}, or an ISO date-time whose UTC date is taken (a date-time without an
   * offset is read as UTC), since attestation dates are recorded in UTC.
   *
   * @throws IllegalArgumentException if the text is blank or not such a date
   */
  public LocalDate parseDate(String text) {
    String t = trim(text);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("date is blank");
    }
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t);
      }
      try {
        return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
      } catch (DateTimeParseException noOffset) {
        return LocalDateTime.parse(t).toLocalDate();
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + t + "' is not an ISO date (yyyy-MM-dd)", e);
    }
  }

  private void checkDate(String text, String agreementName, List<Violation> out) {
    if (text.isEmpty()) {
      out.add(new Violation("agreementDateAccepted", "required",
          "Date accepted is required: the day the customer accepted the " + agreementName));
      return;
    }
    LocalDate date;
    try {
      date = parseDate(text);
    } catch (IllegalArgumentException e) {
      out.add(new Violation("agreementDateAccepted", "date-format",
          "Date accepted '" + text + "' is not a valid date (expected yyyy-MM-dd, e.g. 2024-05-31)"));
      return;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (date.isAfter(today)) {
      out.add(new Violation("agreementDateAccepted", "date-in-future",
          "Date accepted " + date + " is in the future (today is " + today + " UTC)"));
    }
    LocalDate effective = agreement.effectiveDate();
    if (effective != null && date.isBefore(effective)) {
      out.add(new Violation("agreementDateAccepted", "before-agreement-version",
          "Date accepted " + date + " is before the " + agreementName + " took effect on " + effective
              + "; the customer must accept the current agreement"));
    }
  }

  private static void name(List<Violation> out, String field, String label, String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      out.add(new Violation(field, "required", label + " is required"));
    } else if (v.codePointCount(0, v.length()) > 50) {
      out.add(new Violation(field, "max-length", label + " must be at most 50 characters"));
    }
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
