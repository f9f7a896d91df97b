package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Reading a mail into an {@link InboundReply}, without a mailbox: what {@link ReplyPoller} hands on. */
class InboundRepliesTest {

  private static final Instant SENT = Instant.parse("2026-01-19T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-20T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void readsSenderThreadingHeadersDateAndText() throws Exception {
    MimeMessage mail = mail("<r1@contoso.example>");
    mail.setFrom(new InternetAddress("ana.garcia@contoso.example", "Ana García"));
    mail.setSubject("Re: invitación", "UTF-8");
    mail.setHeader("In-Reply-To", "<invitation-1-send-1@partnerflow>");
    mail.setHeader("References", " <a@partnerflow>\r\n <invitation-1-send-1@partnerflow> ");
    mail.setSentDate(Date.from(SENT));
    mail.setText("Acepto.", "UTF-8");
    mail.saveChanges();

    InboundReply reply = InboundReplies.toReply(mail, InboundReplies.messageId(mail), CLOCK);

    assertThat(reply).isEqualTo(new InboundReply("<r1@contoso.example>", "ana.garcia@contoso.example",
        "Re: invitación", "<invitation-1-send-1@partnerflow>",
        List.of("<a@partnerflow>", "<invitation-1-send-1@partnerflow>"), SENT, "Acepto."));
  }

  @Test
  void aMailWithoutDatesIsReceivedNowAndOneWithoutHeadersStillReads() throws Exception {
    MimeMessage mail = mail("<bare@contoso.example>");
    mail.setText("Sí", "UTF-8");
    mail.saveChanges();
    mail.removeHeader("Date"); // saving adds one

    InboundReply reply = InboundReplies.toReply(mail, "<bare@contoso.example>", CLOCK);

    assertThat(reply.from()).isNull();
    assertThat(reply.inReplyTo()).isNull();
    assertThat(reply.references()).isEmpty();
    assertThat(reply.receivedAt()).isEqualTo(NOW);
    assertThat(reply.text()).isEqualTo("Sí");
  }

  @Test
  void anUnreadableBodyBecomesNoText() throws Exception {
    MimeMessage mail = mail("<broken@contoso.example>");
    mail.setFrom(new InternetAddress("ana.garcia@contoso.example"));
    mail.setHeader("Content-Type", "multipart/mixed"); // no boundary: the body cannot be parsed
    mail.setHeader("Content-Transfer-Encoding", "7bit");

    assertThat(InboundReplies.toReply(mail, "<broken@contoso.example>", CLOCK).text()).isNull();
  }

  @Test
  void keepsAMessageIdAndHashesOneTooLongToStore() throws Exception {
    assertThat(InboundReplies.messageId(mail("  <r1@contoso.example> "))).isEqualTo("<r1@contoso.example>");

    String tooLong = "<" + "x".repeat(InboundReplies.MAX_MESSAGE_ID_LENGTH) + "@contoso.example>";
    assertThat(InboundReplies.messageId(mail(tooLong))).matches("<sha256-[0-9a-f]{64}@partnerflow\\.local>");
  }

  @Test
  void aMailWithoutMessageIdGetsAStandInFromDateSenderAndSubject() throws Exception {
    String first = InboundReplies.messageId(withoutId("ana.garcia@contoso.example", "Re: x"));

    assertThat(first).matches("<synthetic-[0-9a-f]{40}@partnerflow\\.local>");
    assertThat(InboundReplies.messageId(withoutId("ana.garcia@contoso.example", "Re: x"))).isEqualTo(first);
    assertThat(InboundReplies.messageId(withoutId("ana.garcia@contoso.example", "Re: y"))).isNotEqualTo(first);
    assertThat(InboundReplies.messageId(withoutId("otro@contoso.example", "Re: x"))).isNotEqualTo(first);
  }

  @Test
  void prefersThePlainTextPartAndNeverReadsAttachments() throws Exception {
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setText("RECHAZO", "UTF-8");
    attachment.setDisposition(Part.ATTACHMENT);
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("Acepto", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>Rechazo</p>", "text/html; charset=UTF-8");
    MimeMessage mail = mail("<alt@contoso.example>");
    mail.setContent(new MimeMultipart("mixed", attachment, bodyOf(new MimeMultipart("alternative", html, plain))));
    mail.saveChanges();

    assertThat(InboundReplies.text(mail)).isEqualTo("Acepto");
  }

  @Test
  void readsTheHtmlPartWhenThereIsNoPlainText() throws Exception {
    MimeMessage mail = mail("<html@contoso.example>");
    mail.setContent("<p>Acepto&nbsp;<b>todo</b></p><blockquote>RECHAZO</blockquote>", "text/html; charset=UTF-8");
    mail.saveChanges();

    assertThat(InboundReplies.text(mail)).isEqualTo("Acepto\u00a0todo\n");
  }

  @Test
  void htmlToTextDropsHiddenPartsTagsAndTheQuote() {
    assertThat(InboundReplies.htmlToText("<html><head><title>t</title></head><body><script>x()</script>"
        + "Hola<br>Acepto<!-- note --><div>gracias</div><hr>De: Northwind</body></html>"))
        .isEqualTo("Hola\nAceptogracias\n");
    assertThat(InboundReplies.htmlToText("Yes<div class=\"moz-cite-prefix\">On Monday</div>")).isEqualTo("Yes");
    assertThat(InboundReplies.htmlToText("Oui<div id=\"divRplyFwdMsg\">De :</div>")).isEqualTo("Oui");
    assertThat(InboundReplies.htmlToText("Ja &amp; gern")).isEqualTo("Ja & gern");
  }

  private static MimeBodyPart bodyOf(MimeMultipart multipart) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setContent(multipart);
    return part;
  }

  /** A mail that keeps the given Message-ID when its changes are saved. */
  private static MimeMessage mail(String messageId) throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() {
        // keep the one set below
      }
    };
    message.setHeader("Message-ID", messageId);
    return message;
  }

  private static MimeMessage withoutId(String from, String subject) throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from));
    message.setSubject(subject, "UTF-8");
    message.setSentDate(Date.from(SENT));
    return message;
  }
}
