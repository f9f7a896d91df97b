package io.partnerflow.config;

import java.time.Duration;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * The app's {@code messageSource}: Boot's, read from the same {@code spring.messages} settings, but a
 * {@link FullStopMessageSource}. Boot's auto-configuration steps back when a bean of this name exists.
 */
@Configuration(proxyBeanMethods = false)
public class MessagesConfiguration {

  @Bean
  @ConfigurationProperties("spring.messages")
  public MessageSourceProperties messageSourceProperties() {
    return new MessageSourceProperties();
  }

  @Bean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
  public MessageSource messageSource(MessageSourceProperties properties) {
    FullStopMessageSource messages = FullStopMessageSource.of(properties.getBasename().toArray(String[]::new));
    if (properties.getEncoding() != null) {
      messages.setDefaultEncoding(properties.getEncoding().name());
    }
    messages.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
    Duration cacheDuration = properties.getCacheDuration();
    if (cacheDuration != null) {
      messages.setCacheMillis(cacheDuration.toMillis());
    }
    messages.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
    messages.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
    return messages;
  }
}
