package io.partnerflow.mail;

import io.partnerflow.config.FullStopMessageSource;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the mail layer's collaborators by hand, as the app's context would. */
final class MailTestSupport {

  static final String FROM = "onboarding@northwind-partners.example";

  private MailTestSupport() {}

  /** The app's message source (MessagesConfiguration) for {@code spring.messages.*} in application.yml. */
  static FullStopMessageSource messageSource() {
    return FullStopMessageSource.of("i18n/messages", "i18n/mail");
  }

  /** A fresh in-memory database with the {@code sent_mail} table of Flyway's V1. */
  static DataSource database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:mail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    JdbcClient.create(dataSource)
        .sql(
            "create table sent_mail (mail_key varchar(200) primary key,"
                + " recipient varchar(320) not null, subject varchar(500),"
                + " sent_at timestamp not null)")
        .update();
    return dataSource;
  }

  static MailProperties properties() {
    return new MailProperties(FROM, new MailProperties.Embedded(false, 0, 0, null));
  }

  /** The first inline part of a type, depth first, or null. */
  static String part(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = part(child, mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
