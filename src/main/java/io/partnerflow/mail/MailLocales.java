package io.partnerflow.mail;

import java.util.List;
import java.util.Locale;

/** The languages our mails are written in, and how a customer's culture/language maps to one. */
public final class MailLocales {

  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale SPANISH = Locale.forLanguageTag("es");
  public static final Locale BRAZILIAN_PORTUGUESE = Locale.forLanguageTag("pt-BR");
  public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
  public static final Locale ITALIAN = Locale.ITALIAN;

  public static final List<Locale> SUPPORTED =
      List.of(ENGLISH, SPANISH, BRAZILIAN_PORTUGUESE, RUSSIAN, ITALIAN);

  private MailLocales() {}

  /**
   * Picks the mail locale for a customer's culture (e.g. {@code es-ES}, {@code pt_PT}) or, when the
   * culture says nothing we support, its language (e.g. {@code ru}). Any Portuguese gets pt-BR, the
   * only Portuguese we write; anything unknown gets English.
   */
  public static Locale resolve(String culture, String language) {
    Locale fromCulture = byLanguage(culture);
    if (fromCulture != null) {
      return fromCulture;
    }
    Locale fromLanguage = byLanguage(language);
    return fromLanguage != null ? fromLanguage : ENGLISH;
  }

  private static Locale byLanguage(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String lang = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
    return switch (lang) {
      case "en" -> ENGLISH;
      case "es" -> SPANISH;
      case "pt" -> BRAZILIAN_PORTUGUESE;
      case "ru" -> RUSSIAN;
      case "it" -> ITALIAN;
      default -> null;
    };
  }
}
