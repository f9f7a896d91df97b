package io.partnerflow.testsupport;

import java.nio.file.Path;
import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** What src/main/resources/application.yml ships, for tests and the benchmark that must run the same settings. */
public final class ShippedConfiguration {

  /** The H2 file the embedded default's URL names. */
  public static final String SHIPPED_H2_FILE = "./data/partnerflow";

  private ShippedConfiguration() {}

  public static String property(String name) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();
    return properties == null ? null : properties.getProperty(name);
  }

  public static String h2Url() {
    return property("spring.datasource.url");
  }

  /** The shipped H2 URL with all its settings, for a database file at {@code file} (without the .mv.db suffix). */
  public static String h2UrlAt(Path file) {
    String shipped = h2Url();
    if (!shipped.contains(SHIPPED_H2_FILE)) {
      throw new IllegalStateException("application.yml's datasource URL no longer names " + SHIPPED_H2_FILE);
    }
    return shipped.replace(SHIPPED_H2_FILE, file.toAbsolutePath().toString());
  }
}
