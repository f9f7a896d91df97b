package io.partnerflow.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Our messages (pages and mails): a {@link ResourceBundleMessageSource} that never ends a sentence
 * with two full stops. A name argument may end with one itself ("Contoso S.p.A.", "Fabrikam, Inc."),
 * and a translation may put it last in its sentence ("… the Microsoft reseller of {1}."); the name's
 * full stop then ends the sentence too, as in print: "… of Contoso S.p.A.", not "S.p.A..".
 *
 * <p>Fixed on the formatted text rather than in each translation, because where a name falls differs
 * by language (the Italian sentence may end with it where the English one does not), and a text
 * added later is covered without anyone remembering the rule.
 */
public class FullStopMessageSource extends ResourceBundleMessageSource {

  private static final String FULL_STOP = ".";

  /** Our message bundles as {@code spring.messages} configures them: UTF-8, no fallback to the JVM's locale. */
  public static FullStopMessageSource of(String... basenames) {
    FullStopMessageSource messages = new FullStopMessageSource();
    messages.setBasenames(basenames);
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  @Override
  protected String getMessageInternal(String code, Object[] args, Locale locale) {
    return withSingleFullStops(super.getMessageInternal(code, args, locale), args);
  }

  @Override
  protected String renderDefaultMessage(String defaultMessage, Object[] args, Locale locale) {
    return withSingleFullStops(super.renderDefaultMessage(defaultMessage, args, locale), args);
  }

  /** The message with every "name." reduced to "name" where the (text) argument name ends with a full stop. */
  static String withSingleFullStops(String message, Object[] args) {
    if (message == null || args == null) {
      return message;
    }
    String result = message;
    for (Object arg : args) {
      if (arg instanceof CharSequence text && text.toString().endsWith(FULL_STOP)) {
        result = result.replace(text + FULL_STOP, text.toString());
      }
    }
    return result;
  }
}
