package io.partnerflow.invitation;

import io.partnerflow.config.FullStopMessageSource;
import io.partnerflow.testsupport.MigratedDatabase;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import javax.sql.DataSource;

/** Hand-built collaborators for the invitation mail and reply tests (no Spring context). */
final class InvitationMailTestSupport {

  static final String FROM = "onboarding@northwind-partners.example";
  static final String REPLY_MAILBOX = "invitations@northwind-partners.example";
  static final String OPERATIONS = "operations@northwind-partners.example";
  static final String PARTNER_NAME = "Northwind Cloud Partners";

  private InvitationMailTestSupport() {}

  /** A fresh in-memory database with our Flyway schema (invitation, sent_mail, processed_mail, ...). */
  static DataSource database() {
    return MigratedDatabase.schemaOnly();
  }

  /** The app's message source (MessagesConfiguration) for {@code spring.messages.*} in application.yml. */
  static FullStopMessageSource messageSource() {
    return FullStopMessageSource.of("i18n/messages", "i18n/mail");
  }

  static NewInvitation newInvitation(String culture, String language, boolean delegatedAdmin, String message) {
    return new NewInvitation("Contoso Ltd.", "contoso", null, "ana.garcia@contoso.example", "Ana", "García",
        culture, language, delegatedAdmin, message, "process-1", "operator");
  }

  /** The first inline part of a type, depth first, with Unix line breaks; or null. */
  static String part(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      return ((String) part.getContent()).replace("\r\n", "\n");
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
