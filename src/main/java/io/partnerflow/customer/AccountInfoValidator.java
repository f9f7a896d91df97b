package io.partnerflow.customer;

import io.partnerflow.validation.ContactFormats;
import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The account-info rules of "Add a new customer". Reports every broken rule at once so the operator
 * fixes the form in one round trip; any field (and the contact) may be null.
 */
@Component
public class AccountInfoValidator {

  public static final int DOMAIN_PREFIX_MIN = 2;
  public static final int DOMAIN_PREFIX_MAX = 27;

  private static final Pattern DOMAIN_PREFIX = Pattern.compile("[A-Za-z0-9]+");

  private final CountryRules countryRules;

  public AccountInfoValidator(CountryRules countryRules) {
    this.countryRules = countryRules;
  }

  /** See {@link ContactFormats#isValidEmail}. */
  public static boolean isValidEmail(String email) {
    return ContactFormats.isValidEmail(email);
  }

  /** See {@link ContactFormats#isPlausiblePhone}. */
  public static boolean isPlausiblePhone(String phone) {
    return ContactFormats.isPlausiblePhone(phone);
  }

  public List<Violation> validate(AccountInfo info) {
    List<Violation> out = new ArrayList<>();
    AccountInfo a = info != null ? info : new AccountInfo(null, null, null, null, null, null, null, null, null, null, null, null);
    PrimaryContact contact = a.primaryContact() != null ? a.primaryContact() : new PrimaryContact(null, null, null, null);

    String country = trim(a.country());
    boolean knownCountry = checkCountry(country, out);
    String cc = knownCountry ? country.toUpperCase(Locale.ROOT) : null;

    text(out, "companyName", "Company name", a.companyName(), true, 255);
    checkDomainPrefix(trim(a.domainPrefix()), out);
    text(out, "addressLine1", "Address line 1", a.addressLine1(), true, 200);
    text(out, "addressLine2", "Address line 2", a.addressLine2(), false, 200);
    text(out, "city", "City", a.city(), true, 100);
    text(out, "state", "State", a.state(), cc != null && countryRules.requiresState(cc), 100, " in " + cc);
    checkPostalCode(trim(a.postalCode()), cc, out);
    checkCultureAndLanguage(trim(a.culture()), trim(a.language()), cc, out);
    checkRegistrationNumber(trim(a.registrationNumber()), cc, out);

    text(out, "contactFirstName", "Contact first name", contact.firstName(), true, 50);
    text(out, "contactLastName", "Contact last name", contact.lastName(), true, 50);
    String email = trim(contact.email());
    if (email.isEmpty()) {
      out.add(new Violation("contactEmail", "required", "Contact email is required"));
    } else if (!isValidEmail(email)) {
      out.add(new Violation("contactEmail", "email-format",
          "Contact email '" + email + "' is not a valid email address (expected name@example.com, no spaces, at most 254 characters)"));
    }
    checkPhone(trim(contact.phone()), cc, out);
    return out;
  }

  private boolean checkCountry(String country, List<Violation> out) {
    if (country.isEmpty()) {
      out.add(new Violation("country", "required", "Country is required (ISO 3166 two-letter code, e.g. ES)"));
      return false;
    }
    if (!countryRules.isKnownCountry(country)) {
      out.add(new Violation("country", "country-unknown",
          "Country '" + country + "' is not an ISO 3166 two-letter country code (e.g. ES, US, BR)"));
      return false;
    }
    return true;
  }

  private void checkDomainPrefix(String prefix, List<Violation> out) {
    if (prefix.isEmpty()) {
      out.add(new Violation("domainPrefix", "required",
          "Domain prefix is required (the part before " + AccountInfo.DOMAIN_SUFFIX + ")"));
      return;
    }
    if (!DOMAIN_PREFIX.matcher(prefix).matches()) {
      out.add(new Violation("domainPrefix", "domain-prefix-format",
          "Domain prefix '" + prefix + "' may contain only letters A-Z and digits 0-9 (no spaces, dots or hyphens; case-insensitive)"));
    }
    int len = prefix.codePointCount(0, prefix.length());
    if (len < DOMAIN_PREFIX_MIN || len > DOMAIN_PREFIX_MAX) {
      out.add(new Violation("domainPrefix", "domain-prefix-length",
          "Domain prefix '" + prefix + "' must be " + DOMAIN_PREFIX_MIN + " to " + DOMAIN_PREFIX_MAX
              + " characters long (it has " + len + ")"));
    }
  }

  private void checkPostalCode(String postalCode, String cc, List<Violation> out) {
    Optional<CountryRules.Format> format = cc == null ? Optional.empty() : countryRules.postalCodeFormat(cc);
    if (postalCode.isEmpty()) {
      if (format.isPresent()) {
        out.add(new Violation("postalCode", "required",
            "Postal code is required in " + cc + " (" + format.get().description() + ")"));
      }
      return;
    }
    if (format.isPresent() && !format.get().matches(postalCode)) {
      out.add(new Violation("postalCode", "postal-code-format",
          "Postal code '" + postalCode + "' does not match the format for " + cc + " (" + format.get().description() + ")"));
    } else if (format.isEmpty() && postalCode.length() > 20) {
      out.add(new Violation("postalCode", "max-length", "Postal code must be at most 20 characters"));
    }
  }

  private void checkCultureAndLanguage(String culture, String language, String cc, List<Violation> out) {
    String supported = cc == null ? "" : countryRules.localization(cc)
        .map(l -> " (supported for " + cc + ": " + String.join(", ", l.cultures()) + ")")
        .orElse(" (expected language-" + cc + ", e.g. en-" + cc + ")");
    Optional<String> canonical = CountryRules.canonicalCulture(culture);
    boolean cultureOk = false;
    if (culture.isEmpty()) {
      out.add(new Violation("culture", "required", "Culture is required (e.g. es-ES)" ));
    } else if (canonical.isEmpty()) {
      out.add(new Violation("culture", "culture-format",
          "Culture '" + culture + "' is not of the form language-COUNTRY, e.g. es-ES"));
    } else if (cc != null && !countryRules.isSupportedCulture(cc, culture)) {
      out.add(new Violation("culture", "culture-not-supported",
          "Culture '" + culture + "' is not supported for country " + cc + supported));
    } else {
      cultureOk = true;
    }

    if (language.isEmpty()) {
      out.add(new Violation("language", "required", "Language is required (e.g. es)"));
      return;
    }
    String lang = language.toLowerCase(Locale.ROOT);
    if (cc != null && !countryRules.isSupportedLanguage(cc, lang)) {
      String langs = countryRules.localization(cc)
          .map(l -> " (supported for " + cc + ": " + String.join(", ", l.languages()) + ")")
          .orElse(" (expected an ISO 639 language code, e.g. en)");
      out.add(new Violation("language", "language-not-supported",
          "Language '" + language + "' is not supported for country " + cc + langs));
    } else if (cultureOk && !canonical.get().startsWith(lang + "-")) {
      out.add(new Violation("language", "language-culture-mismatch",
          "Language '" + language + "' does not match culture '" + canonical.get() + "' (expected "
              + canonical.get().substring(0, canonical.get().indexOf('-')) + ")"));
    }
  }

  private void checkRegistrationNumber(String number, String cc, List<Violation> out) {
    if (cc == null || !countryRules.requiresRegistrationNumber(cc)) {
      return; // elsewhere the portal neither needs nor checks it
    }
    CountryRules.Format format = countryRules.registrationNumberFormat(cc).orElseThrow();
    if (number.isEmpty()) {
      out.add(new Violation("registrationNumber", "registration-number-required",
          "Registration number is required for customers in " + cc + " (" + format.description() + ")"));
    } else if (!format.matches(number)) {
      out.add(new Violation("registrationNumber", "registration-number-format",
          "Registration number '" + number + "' is not valid for " + cc + " (expected " + format.description() + ")"));
    }
  }

  private void checkPhone(String phone, String cc, List<Violation> out) {
    if (phone.isEmpty()) {
      if (cc != null && countryRules.requiresPhone(cc)) {
        out.add(new Violation("contactPhone", "phone-required",
            "Contact phone is required for customers in " + cc + " (e.g. +7 495 123-45-67)"));
      }
      return;
    }
    if (!isPlausiblePhone(phone)) {
      out.add(new Violation("contactPhone", "phone-format",
          "Contact phone '" + phone + "' is not a valid phone number (6 to 20 digits; only digits, spaces, a leading +, - and parentheses)"));
    }
  }

  private static void text(List<Violation> out, String field, String label, String value, boolean required, int max) {
    text(out, field, label, value, required, max, "");
  }

  private static void text(List<Violation> out, String field, String label, String value, boolean required, int max,
      String requiredContext) {
    String v = trim(value);
    if (v.isEmpty()) {
      if (required) {
        out.add(new Violation(field, "required", label + " is required" + requiredContext));
      }
      return;
    }
    int len = v.codePointCount(0, v.length());
    if (len > max) {
      out.add(new Violation(field, "max-length",
          label + " must be at most " + max + " characters (it has " + len + ")"));
    }
  }

  static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
