package io.partnerflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The template engine for mail bodies. It is kept apart from the web's engine (no bean of type
 * ITemplateEngine, so Boot's Thymeleaf auto-configuration stays in place) because mail needs TEXT
 * mode for {@code .txt} and must resolve messages with the mail's locale, not the request's.
 */
final class MailTemplates {

  static final String PREFIX = "templates/mail/";

  private MailTemplates() {}

  /** Every template with a plain-text part, i.e. every mail template (layout.html has none), sorted. */
  static List<String> names() {
    try {
      Resource[] texts = new PathMatchingResourcePatternResolver(MailTemplates.class.getClassLoader())
          .getResources("classpath*:" + PREFIX + "*.txt");
      return Arrays.stream(texts).map(Resource::getFilename).filter(Objects::nonNull)
          .map(name -> name.substring(0, name.length() - ".txt".length())).distinct().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the mail templates", e);
    }
  }

  static SpringTemplateEngine engine(MessageSource messageSource) {
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
    engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
    engine.setTemplateEngineMessageSource(messageSource);
    return engine;
  }

  private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(PREFIX);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }
}
