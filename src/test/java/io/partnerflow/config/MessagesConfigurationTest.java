package io.partnerflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.MessageSource;

/** The app's message source replaces Boot's and reads the same spring.messages settings. */
class MessagesConfigurationTest {

  @Test
  void replacesBootsMessageSourceWithTheSameSettings() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            MessageSourceAutoConfiguration.class))
        .withUserConfiguration(MessagesConfiguration.class)
        .withPropertyValues("spring.messages.basename=i18n/messages,i18n/mail,i18n/invitation",
            "spring.messages.encoding=UTF-8", "spring.messages.fallback-to-system-locale=false")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(MessageSource.class);
          assertThat(context.getBean("messageSource")).isInstanceOf(FullStopMessageSource.class);
          // UTF-8 read, and the rule applied, through the context as Thymeleaf and the mail service use it
          assertThat(context.getMessage("invitation.intro", new Object[] {"Northwind", "Contoso S.p.A."},
              Locale.forLanguageTag("ru")))
              .isEqualTo("Компания «Northwind» просит стать реселлером Microsoft для компании «Contoso S.p.A.».");
          assertThat(context.getMessage("invitation.intro", new Object[] {"Northwind", "Contoso S.p.A."},
              Locale.forLanguageTag("pt-BR")))
              .isEqualTo("Northwind solicita tornar-se o revendedor Microsoft de Contoso S.p.A.");
        });
  }
}
