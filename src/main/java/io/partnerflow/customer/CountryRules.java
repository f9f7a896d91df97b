package io.partnerflow.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Per-country facts for the account-info page: which countries need an organization registration
 * number (and then also a phone), a state, a postal code of a given shape, and which cultures and
 * languages the customer may pick. Country codes are ISO 3166 alpha-2, compared case-insensitively.
 */
@Component
public class CountryRules {

  /** A text format: the regex (matched against the trimmed, upper-cased value) and how to explain it. */
  public record Format(Pattern pattern, String description) {
    static Format of(String regex, String description) {
      return new Format(Pattern.compile(regex), description);
    }

    public boolean matches(String value) {
      return value != null && pattern.matcher(value.trim().toUpperCase(Locale.ROOT)).matches();
    }
  }

  /** The supported cultures (e.g. es-ES) and languages (e.g. es) of one country. */
  public record Localization(List<String> cultures, List<String> languages) {
    static Localization of(String... cultures) {
      List<String> c = List.of(cultures);
      List<String> l = c.stream().map(x -> x.substring(0, x.indexOf('-'))).distinct().toList();
      return new Localization(c, l);
    }
  }

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

  /** Used where we know no reliable national format: rejects only obvious garbage. */
  static final Format GENERIC_REGISTRATION_NUMBER =
      Format.of("(?=(?:[^A-Z0-9]*[A-Z0-9]){5,20}[^A-Z0-9]*$)[A-Z0-9]+([ ./-][A-Z0-9]+)*",
          "5 to 20 letters or digits (single spaces, '.', '/' or '-' allowed between them)");

  // Every country that requires a registration number; a null-free map so lookups double as the set.
  // Formats are the usual legal-entity identifiers; where a country has several common ones we accept each.
  private static final Map<String, Format> REGISTRATION_NUMBER_FORMATS = Map.ofEntries(
      Map.entry("AM", GENERIC_REGISTRATION_NUMBER),
      Map.entry("AZ", Format.of("\\d{10}", "the 10-digit VÖEN tax number, e.g. 1234567891")),
      Map.entry("BY", Format.of("\\d{9}", "the 9-digit UNP, e.g. 190123456")),
      Map.entry("HU", Format.of("\\d{8}-?\\d-?\\d{2}|\\d{2}-?\\d{2}-?\\d{6}",
          "the tax number (e.g. 12345678-2-41) or the company registration number (e.g. 01-09-123456)")),
      Map.entry("KZ", Format.of("\\d{12}", "the 12-digit BIN, e.g. 123456789012")),
      Map.entry("KG", GENERIC_REGISTRATION_NUMBER),
      Map.entry("MD", Format.of("\\d{13}", "the 13-digit IDNO, e.g. 1003600012345")),
      // INN 10 (company) / 12 (individual entrepreneur), OGRN 13, OGRNIP 15
      Map.entry("RU", Format.of("\\d{10}|\\d{12}|\\d{13}|\\d{15}",
          "the INN (10 or 12 digits, e.g. 7707083893) or OGRN (13 digits) / OGRNIP (15 digits)")),
      Map.entry("TJ", GENERIC_REGISTRATION_NUMBER),
      Map.entry("UZ", GENERIC_REGISTRATION_NUMBER),
      Map.entry("UA", Format.of("\\d{8}|\\d{10}", "the 8-digit EDRPOU code (e.g. 12345678) or a 10-digit taxpayer number")),
      Map.entry("BR", Format.of("\\d{2}\\.?\\d{3}\\.?\\d{3}/?\\d{4}-?\\d{2}",
          "the 14-digit CNPJ, e.g. 12.345.678/0001-95 or 12345678000195")),
      // CIN (21 chars), PAN (10 chars) or GSTIN (15 chars)
      Map.entry("IN", Format.of("[LU]\\d{5}[A-Z]{2}\\d{4}[A-Z]{3}\\d{6}|[A-Z]{5}\\d{4}[A-Z]|\\d{2}[A-Z]{5}\\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]",
          "the CIN (e.g. U72200KA2009PTC049889), PAN (e.g. AAACM1234F) or GSTIN (e.g. 29AAACM1234F1Z5)")),
      Map.entry("ZA", Format.of("\\d{4}/\\d{6}/\\d{2}|\\d{12}", "the CIPC company registration number, e.g. 2001/123456/07")),
      // KRS / NIP are 10 digits (NIP often written 123-456-78-90), REGON 9 or 14
      Map.entry("PL", Format.of("\\d{3}-?\\d{3}-?\\d{2}-?\\d{2}|\\d{3}-?\\d{2}-?\\d{2}-?\\d{3}|\\d{9}|\\d{14}",
          "the 10-digit KRS or NIP (e.g. 0000123456 or 123-456-78-90) or the REGON (9 or 14 digits)")),
      Map.entry("AE", Format.of("\\d{15}", "the 15-digit TRN, e.g. 100123456700003")),
      Map.entry("SA", Format.of("\\d{10}|\\d{15}", "the 10-digit commercial registration number or the 15-digit VAT number")),
      Map.entry("TR", Format.of("\\d{10}|\\d{11}", "the 10-digit VKN tax number (e.g. 1234567890) or 11-digit TCKN")),
      Map.entry("TH", Format.of("\\d{13}|\\d-?\\d{4}-?\\d{5}-?\\d{2}-?\\d", "the 13-digit tax ID, e.g. 0105536000001")),
      Map.entry("VN", Format.of("\\d{10}(-?\\d{3})?", "the 10-digit tax code (MST), optionally with a 3-digit branch suffix, e.g. 0101234567 or 0101234567-001")));

  private static final Set<String> STATE_REQUIRED = Set.of("US", "CA", "BR", "AU", "IN", "MX");

  private static final Map<String, Format> POSTAL_CODE_FORMATS = Map.ofEntries(
      Map.entry("US", Format.of("\\d{5}(-\\d{4})?", "5 digits or ZIP+4, e.g. 98052 or 98052-6399")),
      Map.entry("CA", Format.of("[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d", "letter-digit-letter digit-letter-digit, e.g. K1A 0B1")),
      Map.entry("GB", Format.of("GIR ?0AA|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}", "UK postcode, e.g. SW1A 1AA")),
      Map.entry("DE", Format.of("\\d{5}", "5 digits, e.g. 10115")),
      Map.entry("FR", Format.of("\\d{5}", "5 digits, e.g. 75001")),
      Map.entry("ES", Format.of("(0[1-9]|[1-4]\\d|5[0-2])\\d{3}", "5 digits starting with a province code 01-52, e.g. 28001")),
      Map.entry("IT", Format.of("\\d{5}", "5 digits, e.g. 00184")),
      Map.entry("BR", Format.of("\\d{5}-?\\d{3}", "CEP of 8 digits, e.g. 01310-100")),
      Map.entry("RU", Format.of("\\d{6}", "6 digits, e.g. 101000")),
      Map.entry("NL", Format.of("[1-9]\\d{3} ?[A-Z]{2}", "4 digits and 2 letters, e.g. 1012 AB")),
      Map.entry("PL", Format.of("\\d{2}-\\d{3}", "2 digits, hyphen, 3 digits, e.g. 00-950")),
      Map.entry("AU", Format.of("\\d{4}", "4 digits, e.g. 2000")),
      Map.entry("JP", Format.of("\\d{3}-?\\d{4}", "7 digits, e.g. 100-0001")),
      Map.entry("IN", Format.of("[1-9]\\d{5}", "6-digit PIN code not starting with 0, e.g. 110001")),
      Map.entry("MX", Format.of("\\d{5}", "5 digits, e.g. 06600")),
      Map.entry("PT", Format.of("\\d{4}-\\d{3}", "4 digits, hyphen, 3 digits, e.g. 1000-001")),
      Map.entry("AT", Format.of("\\d{4}", "4 digits, e.g. 1010")),
      Map.entry("CH", Format.of("\\d{4}", "4 digits, e.g. 8001")),
      Map.entry("BE", Format.of("\\d{4}", "4 digits, e.g. 1000")),
      Map.entry("SE", Format.of("\\d{3} ?\\d{2}", "5 digits, e.g. 114 55")),
      Map.entry("UA", Format.of("\\d{5}", "5 digits, e.g. 01001")),
      Map.entry("KZ", Format.of("\\d{6}|[A-Z]\\d{2}[A-Z]\\d[A-Z]\\d", "6 digits or the new 6-character code, e.g. 050000 or A15E3C5")));

  private static final Map<String, Localization> LOCALIZATIONS = Map.ofEntries(
      Map.entry("US", Localization.of("en-US")),
      Map.entry("CA", Localization.of("en-CA", "fr-CA")),
      Map.entry("GB", Localization.of("en-GB")),
      Map.entry("IE", Localization.of("en-IE")),
      Map.entry("AU", Localization.of("en-AU")),
      Map.entry("NZ", Localization.of("en-NZ")),
      Map.entry("IN", Localization.of("en-IN", "hi-IN")),
      Map.entry("ZA", Localization.of("en-ZA")),
      Map.entry("DE", Localization.of("de-DE")),
      Map.entry("AT", Localization.of("de-AT")),
      Map.entry("CH", Localization.of("de-CH", "fr-CH", "it-CH")),
      Map.entry("FR", Localization.of("fr-FR")),
      Map.entry("BE", Localization.of("nl-BE", "fr-BE")),
      Map.entry("NL", Localization.of("nl-NL")),
      Map.entry("ES", Localization.of("es-ES", "ca-ES")),
      Map.entry("PT", Localization.of("pt-PT")),
      Map.entry("IT", Localization.of("it-IT")),
      Map.entry("BR", Localization.of("pt-BR")),
      Map.entry("MX", Localization.of("es-MX")),
      Map.entry("AR", Localization.of("es-AR")),
      Map.entry("CO", Localization.of("es-CO")),
      Map.entry("CL", Localization.of("es-CL")),
      Map.entry("RU", Localization.of("ru-RU")),
      Map.entry("UA", Localization.of("uk-UA")),
      Map.entry("KZ", Localization.of("kk-KZ", "ru-KZ")),
      Map.entry("BY", Localization.of("be-BY", "ru-BY")),
      Map.entry("PL", Localization.of("pl-PL")),
      Map.entry("HU", Localization.of("hu-HU")),
      Map.entry("CZ", Localization.of("cs-CZ")),
      Map.entry("SE", Localization.of("sv-SE")),
      Map.entry("NO", Localization.of("nb-NO")),
      Map.entry("DK", Localization.of("da-DK")),
      Map.entry("FI", Localization.of("fi-FI", "sv-FI")),
      Map.entry("TR", Localization.of("tr-TR")),
      Map.entry("JP", Localization.of("ja-JP")),
      Map.entry("CN", Localization.of("zh-CN")),
      Map.entry("KR", Localization.of("ko-KR")));

  private static final Pattern CULTURE = Pattern.compile("([a-z]{2,3})-([A-Z]{2})");

  static String normalize(String country) {
    return country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
  }

  /** Whether the code is an ISO 3166 alpha-2 country code (case-insensitive). */
  public boolean isKnownCountry(String country) {
    return ISO_COUNTRIES.contains(normalize(country));
  }

  public boolean requiresRegistrationNumber(String country) {
    return REGISTRATION_NUMBER_FORMATS.containsKey(normalize(country));
  }

  /** The registration-number format of a country that requires one. */
  public Optional<Format> registrationNumberFormat(String country) {
    return Optional.ofNullable(REGISTRATION_NUMBER_FORMATS.get(normalize(country)));
  }

  /** The portal asks for the contact's phone exactly where it asks for a registration number. */
  public boolean requiresPhone(String country) {
    return requiresRegistrationNumber(country);
  }

  public boolean requiresState(String country) {
    return STATE_REQUIRED.contains(normalize(country));
  }

  /** The postal-code format, where we know one; such countries also require a postal code. */
  public Optional<Format> postalCodeFormat(String country) {
    return Optional.ofNullable(POSTAL_CODE_FORMATS.get(normalize(country)));
  }

  /** The country's explicit culture/language list, if we keep one. */
  public Optional<Localization> localization(String country) {
    return Optional.ofNullable(LOCALIZATIONS.get(normalize(country)));
  }

  /**
   * Canonical form {@code ll-CC} of a well-formed culture (accepts any case and '_'), else empty.
   */
  public static Optional<String> canonicalCulture(String culture) {
    if (culture == null) {
      return Optional.empty();
    }
    String c = culture.trim().replace('_', '-');
    int dash = c.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String canonical = c.substring(0, dash).toLowerCase(Locale.ROOT) + "-" + c.substring(dash + 1).toUpperCase(Locale.ROOT);
    return CULTURE.matcher(canonical).matches() ? Optional.of(canonical) : Optional.empty();
  }

  /** Whether the culture may be chosen for the country (the country's list, or {@code ll-CC} with CC = country). */
  public boolean isSupportedCulture(String country, String culture) {
    Optional<String> canonical = canonicalCulture(culture);
    if (canonical.isEmpty() || !isKnownCountry(country)) {
      return false;
    }
    Optional<Localization> loc = localization(country);
    if (loc.isPresent()) {
      return loc.get().cultures().contains(canonical.get());
    }
    String c = canonical.get();
    return c.substring(c.indexOf('-') + 1).equals(normalize(country))
        && ISO_LANGUAGES.contains(c.substring(0, c.indexOf('-')));
  }

  /** Whether the language may be chosen for the country (the country's list, or any ISO 639 language). */
  public boolean isSupportedLanguage(String country, String language) {
    if (language == null || !isKnownCountry(country)) {
      return false;
    }
    String l = language.trim().toLowerCase(Locale.ROOT);
    return localization(country)
        .map(loc -> loc.languages().contains(l))
        .orElse(ISO_LANGUAGES.contains(l));
  }
}
