package io.partnerflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Names that end with a full stop never leave two at the end of a sentence, in any message of any language. */
class FullStopMessageSourceTest {

  private static final String COMPANY = "Contoso S.p.A.";
  private static final List<String> BUNDLES = List.of("i18n/messages", "i18n/mail", "i18n/invitation");

  private final FullStopMessageSource messages = FullStopMessageSource.of(BUNDLES.toArray(String[]::new));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es", "pt-BR", "ru", "it"})
  void noMessageEndsASentenceWithTwoFullStops(String languageTag) {
    Locale locale = Locale.forLanguageTag(languageTag);
    Object[] names = new Object[5];
    Arrays.fill(names, COMPANY);
    int checked = 0;
    for (String basename : BUNDLES) {
      for (String key : ResourceBundle.getBundle(basename, locale).keySet()) {
        assertThat(messages.getMessage(key, names, locale)).as(basename + " " + key + " (" + languageTag + ")")
            .doesNotContain("S.p.A..");
        checked++;
      }
    }
    assertThat(checked).as("messages checked").isGreaterThan(100);
  }

  @Test
  void theSentencesThatEndWithTheCompanyKeepOneFullStop() {
    assertThat(messages.getMessage("invitation.intro", new Object[] {"Northwind", COMPANY}, Locale.ENGLISH))
        .isEqualTo("Northwind asks to become the Microsoft reseller of Contoso S.p.A.");
    assertThat(messages.getMessage("invitation.intro", new Object[] {"Northwind", COMPANY}, Locale.ITALIAN))
        .isEqualTo("Northwind chiede di diventare il rivenditore Microsoft di Contoso S.p.A.");
    assertThat(messages.getMessage("mail.referralDeclined.thanks", new Object[] {"Northwind", COMPANY},
        Locale.forLanguageTag("es")))
        .isEqualTo("Gracias por ponerse en contacto con Northwind en relación con los servicios en la nube de "
            + "Microsoft para Contoso S.p.A.");
  }

  @Test
  void namesWithoutAFinalFullStopAndFullStopsInsideANameAreLeftAlone() {
    assertThat(messages.getMessage("invitation.intro", new Object[] {"Northwind", "Contoso Ltd"}, Locale.ENGLISH))
        .isEqualTo("Northwind asks to become the Microsoft reseller of Contoso Ltd.");
    // The name's own full stop mid-sentence stays: only a second one right after it goes
    assertThat(messages.getMessage("mail.invitation.request",
        new Object[] {"Northwind", COMPANY, "contoso.onmicrosoft.com"}, Locale.ENGLISH))
        .isEqualTo("Northwind asks to become the reseller for Contoso S.p.A. (contoso.onmicrosoft.com).");
    assertThat(FullStopMessageSource.withSingleFullStops("Fabrikam, Inc.. Next", new Object[] {"Fabrikam, Inc.", 3}))
        .isEqualTo("Fabrikam, Inc. Next");
    assertThat(FullStopMessageSource.withSingleFullStops(null, new Object[] {COMPANY})).isNull();
    assertThat(FullStopMessageSource.withSingleFullStops("Ends here.", null)).isEqualTo("Ends here.");
  }

  @Test
  void aDefaultMessageGetsTheSameRule() {
    assertThat(messages.getMessage("no.such.key", new Object[] {COMPANY}, "Welcome, {0}.", Locale.ENGLISH))
        .isEqualTo("Welcome, Contoso S.p.A.");
  }
}
