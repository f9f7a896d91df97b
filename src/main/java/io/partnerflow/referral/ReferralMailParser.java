package io.partnerflow.referral;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads a referral mail: a body of {@code Key: value} lines ({@code Company: …}, {@code Contact:
 * First Last}, {@code Email: …}, {@code Phone: …}, {@code Country: ES}, {@code Language: es},
 * {@code Need: …}) with the keys in English, Spanish, Portuguese, Italian or Russian, matched
 * case- and accent-insensitively. The need runs from its key to the end of the mail (or a
 * signature line {@code --}). Without an email the sender is the contact; without a company the
 * subject names it. Whether the result is valid is {@link ReferralIntake}'s call.
 */
@Component
public class ReferralMailParser {

  /** A mail as the referrals mailbox received it, reduced to what parsing needs. */
  public record InboundReferralMail(String messageId, String from, String fromName, String subject, String text) {}

  enum Field { COMPANY, CONTACT, FIRST_NAME, LAST_NAME, EMAIL, PHONE, COUNTRY, LANGUAGE, NEED }

  private static final Map<String, Field> KEYS = new HashMap<>();

  static {
    keys(Field.COMPANY, "company", "company name", "organization", "organisation", "customer",
        "empresa", "nombre de la empresa", "razón social", "compañía", "nome da empresa",
        "azienda", "nome azienda", "società", "ragione sociale",
        "компания", "название компании", "организация");
    keys(Field.CONTACT, "contact", "contact name", "contact person", "name", "full name",
        "contacto", "persona de contacto", "nombre completo", "contato", "pessoa de contato", "nome completo",
        "contatto", "referente", "nome e cognome",
        "контакт", "контактное лицо", "фио");
    keys(Field.FIRST_NAME, "first name", "given name", "nombre", "nome", "primeiro nome", "имя");
    keys(Field.LAST_NAME, "last name", "surname", "family name", "apellido", "apellidos", "sobrenome", "cognome",
        "фамилия");
    keys(Field.EMAIL, "email", "e-mail", "mail", "email address", "e-mail address",
        "correo", "correo electrónico", "endereço de e-mail", "endereço de email",
        "posta elettronica", "indirizzo email", "indirizzo e-mail",
        "электронная почта", "эл. почта", "почта");
    keys(Field.PHONE, "phone", "telephone", "phone number", "tel", "tel.", "mobile",
        "teléfono", "telefone", "celular", "móvil", "telefono", "cellulare", "телефон");
    keys(Field.COUNTRY, "country", "país", "paese", "nazione", "страна");
    keys(Field.LANGUAGE, "language", "idioma", "lingua", "язык");
    keys(Field.NEED, "need", "needs", "request", "message", "requirements", "description",
        "necesidad", "necesidades", "solicitud", "mensaje", "descripción",
        "necessidade", "necessidades", "solicitação", "mensagem", "descrição",
        "esigenza", "esigenze", "richiesta", "messaggio", "descrizione",
        "потребность", "потребности", "запрос", "сообщение", "описание");
  }

  private static final Pattern FIELD_LINE = Pattern.compile("^\\s*(?:[*•-]\\s*)?([^:：]{1,40}?)\\s*[:：]\\s*(.*)$");
  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>");
  private static final Pattern REPLY_PREFIX = Pattern.compile(
      "^\\s*((re|aw|fw|fwd|rv|enc|r|i|tr|отв|пересл)\\s*(\\[\\d+])?\\s*[:：]\\s*)+", Pattern.CASE_INSENSITIVE
          | Pattern.UNICODE_CASE);
  private static final Pattern LANGUAGE_TAG = Pattern.compile("([A-Za-z]{2})(?:[-_][A-Za-z]{2})?");
  private static final List<Locale> NAME_LOCALES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
      Locale.forLanguageTag("pt"), Locale.ITALIAN, Locale.forLanguageTag("ru"));
  private static final Map<String, String> COUNTRY_NAMES = new HashMap<>();
  private static final Map<String, String> LANGUAGE_NAMES = new HashMap<>();

  static {
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale.Builder().setRegion(code).build();
      for (Locale in : NAME_LOCALES) {
        COUNTRY_NAMES.putIfAbsent(fold(country.getDisplayCountry(in)), code);
      }
    }
    for (String code : ReferralIntake.LANGUAGES) {
      Locale language = Locale.forLanguageTag(code);
      for (Locale in : NAME_LOCALES) {
        LANGUAGE_NAMES.putIfAbsent(fold(language.getDisplayLanguage(in)), code);
      }
    }
  }

  /** The request the mail makes, with source EMAIL and its Message-ID as the external reference. */
  public NewReferral parse(InboundReferralMail mail) {
    Map<Field, String> fields = fields(mail.text());

    String email = fields.get(Field.EMAIL) == null ? null : address(fields.get(Field.EMAIL));
    String contact = fields.get(Field.CONTACT);
    if (contact != null) {
      Matcher inContact = ANGLE_ADDRESS.matcher(contact);
      if (inContact.find()) {
        email = email != null ? email : inContact.group(1);
        contact = blankToNull(inContact.replaceAll(" ").replaceAll("\\s+", " ").replaceAll("^[\"']|[\"']$", ""));
      }
    }
    if (email == null) {
      email = blankToNull(mail.from());
      if (contact == null && fields.get(Field.FIRST_NAME) == null && fields.get(Field.LAST_NAME) == null) {
        contact = blankToNull(mail.fromName());
      }
    }
    String first = fields.get(Field.FIRST_NAME);
    String last = fields.get(Field.LAST_NAME);
    if (first == null && last == null && contact != null) {
      String[] parts = contact.strip().split("\\s+", 2);
      first = parts[0];
      last = parts.length > 1 ? parts[1] : null;
    } else if (first != null && last == null && first.contains(" ")) {
      // "Nombre: Ana García" without a surname line: the whole name was given
      String[] parts = first.split("\\s+", 2);
      first = parts[0];
      last = parts[1];
    }

    String company = fields.get(Field.COMPANY);
    if (company == null && mail.subject() != null) {
      company = blankToNull(REPLY_PREFIX.matcher(mail.subject()).replaceFirst(""));
    }

    return new NewReferral(company, first, last, email, fields.get(Field.PHONE),
        country(fields.get(Field.COUNTRY)), language(fields.get(Field.LANGUAGE)), fields.get(Field.NEED),
        NewReferral.SOURCE_EMAIL, mail.messageId());
  }

  /** The first value of each known key; the need takes every line from its key to the end. */
  static Map<Field, String> fields(String text) {
    Map<Field, String> fields = new EnumMap<>(Field.class);
    if (text == null) {
      return fields;
    }
    String[] lines = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n')
        .split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = unquote(lines[i]);
      Matcher m = FIELD_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Field field = KEYS.get(fold(m.group(1)));
      if (field == null) {
        continue;
      }
      if (field == Field.NEED) {
        StringBuilder need = new StringBuilder(m.group(2));
        for (int j = i + 1; j < lines.length && !isSignatureDelimiter(lines[j]); j++) {
          need.append('\n').append(unquote(lines[j]));
        }
        fields.putIfAbsent(Field.NEED, blankToNull(need.toString().strip()));
        break;
      }
      String value = blankToNull(m.group(2));
      if (value != null) {
        fields.putIfAbsent(field, value);
      }
    }
    fields.values().removeIf(v -> v == null);
    return fields;
  }

  /** "Ana <ana@x.example>", "mailto:ana@x.example" → the address. */
  static String address(String value) {
    Matcher angle = ANGLE_ADDRESS.matcher(value);
    String address = angle.find() ? angle.group(1) : value;
    address = address.strip();
    if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
      address = address.substring(7);
    }
    return blankToNull(address);
  }

  /** A two-letter code as is (upper-cased), a country name in one of our languages as its code, else the text. */
  static String country(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.length() == 2) {
      return v.toUpperCase(Locale.ROOT);
    }
    return Optional.ofNullable(COUNTRY_NAMES.get(fold(v))).orElse(v);
  }

  /** "es", "es-ES", "Spanish", "Español", "испанский" → es; anything else as given. */
  static String language(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    Matcher tag = LANGUAGE_TAG.matcher(v);
    if (tag.matches()) {
      return tag.group(1).toLowerCase(Locale.ROOT);
    }
    return Optional.ofNullable(LANGUAGE_NAMES.get(fold(v))).orElse(v);
  }

  private static boolean isSignatureDelimiter(String line) {
    String s = line.stripTrailing();
    return s.equals("--") || s.equals("-- ");
  }

  /** Without the "> " of a quoted (forwarded) line. */
  private static String unquote(String line) {
    return line.replaceFirst("^\\s*(>\\s?)+", "");
  }

  /** Lower case, no accents, single spaces: "Correo Electrónico" → "correo electronico". */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  private static void keys(Field field, String... names) {
    Stream.of(names).map(ReferralMailParser::fold).forEach(name -> KEYS.put(name, field));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
