package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationMailTestSupport.newInvitation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class ReplyReaderTest {

  private InvitationRegistry registry;
  private ReplyReader reader;
  private Invitation invitation;

  @BeforeEach
  void setUp() {
    registry = new InvitationRegistry(JdbcClient.create(InvitationMailTestSupport.database()),
        Clock.fixed(Instant.parse("2026-01-15T09:30:00Z"), ZoneOffset.UTC));
    reader = new ReplyReader(registry);
    invitation = registry.create(newInvitation("es-ES", "es", false, null));
    registry.create(newInvitation("it-IT", "it", false, null)); // another one that must not match
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "ACCEPT|ACCEPT", "accept|ACCEPT", "Accepted.|ACCEPT", "Yes!|ACCEPT", "yes, please go ahead|ACCEPT",
      "Acepto|ACCEPT", "acepto, gracias|ACCEPT", "¡Acepto!|ACCEPT", "Aceptar|ACCEPT", "Sí|ACCEPT", "¡sí!|ACCEPT",
      "si|ACCEPT", "Aceito|ACCEPT", "ACEITAR|ACCEPT", "Sim.|ACCEPT", "Accetto|ACCEPT", "accettare|ACCEPT",
      "Sì|ACCEPT", "Принимаю|ACCEPT", "ПРИНИМАЮ!|ACCEPT", "принять|ACCEPT", "Да.|ACCEPT", "да|ACCEPT",
      "**ACCEPT**|ACCEPT", "ACCEPT:|ACCEPT", "«Принимаю»|ACCEPT",
      "DECLINE|DECLINE", "declined|DECLINE", "No.|DECLINE", "no, thank you|DECLINE", "Rechazo|DECLINE",
      "rechazar|DECLINE", "Recuso|DECLINE", "RECUSAR|DECLINE", "Não|DECLINE", "nao!|DECLINE", "NÃO,|DECLINE",
      "Rifiuto.|DECLINE", "rifiutare|DECLINE", "Отклоняю|DECLINE", "отклонить;|DECLINE", "Нет|DECLINE",
      "НЕТ!!!|DECLINE"})
  void firstWordAnswersInEveryLanguage(String text, AnswerType expected) {
    assertThat(ReplyReader.firstWordAnswer(text)).contains(expected);
  }

  @Test
  void leadingBlankLinesAndOddWhitespaceAreSkipped() {
    assertThat(ReplyReader.firstWordAnswer("\r\n\r\n   \t\n  Acepto\r\n\r\nSaludos,\r\nAna")).contains(AnswerType.ACCEPT);
    assertThat(ReplyReader.firstWordAnswer("\uFEFF\u00A0ДА\u00A0спасибо")).contains(AnswerType.ACCEPT);
    // Decomposed accents, as some clients send them
    assertThat(ReplyReader.firstWordAnswer("Si\u0301")).contains(AnswerType.ACCEPT);
    assertThat(ReplyReader.firstWordAnswer("Na\u0303o")).contains(AnswerType.DECLINE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   \n\n ", "Thanks, I will check with my team", "Maybe later", "acceptance", "I accept",
      "Please DECLINE", "Accept-ish", "?!", "Согласен", "OK"})
  void anythingElseIsNoAnswer(String text) {
    assertThat(ReplyReader.firstWordAnswer(text)).isEmpty();
  }

  @Test
  void quotedTextIsNotTheReply() {
    assertThat(ReplyReader.firstWordAnswer("> ACCEPT\n> or DECLINE")).isEmpty();
    assertThat(ReplyReader.firstWordAnswer("\n\nOn Mon, 19 Jan 2026 at 10:00, Northwind <invitations@northwind.example> wrote:\n"
        + "ACCEPT or DECLINE as the first word")).isEmpty();
    assertThat(ReplyReader.firstWordAnswer("El lun, 19 ene 2026 a las 10:00, Northwind escribió:\nACEPTO o RECHAZO"))
        .isEmpty();
    assertThat(ReplyReader.firstWordAnswer("Em seg., 19 de jan. de 2026 às 10:00, Northwind escreveu:\nACEITO"))
        .isEmpty();
    assertThat(ReplyReader.firstWordAnswer("Il giorno lun 19 gen 2026 alle ore 10:00 Northwind ha scritto:\nACCETTO"))
        .isEmpty();
    assertThat(ReplyReader.firstWordAnswer("19 янв. 2026 г., в 10:00, Northwind <inv@northwind.example> написал(а):\n"
        + "ПРИНИМАЮ")).isEmpty();
    assertThat(ReplyReader.firstWordAnswer("-----Original Message-----\nFrom: Northwind\nACCEPT")).isEmpty();
    assertThat(ReplyReader.firstWordAnswer("________________________________\nFrom: Northwind <inv@northwind.example>\n"
        + "ACCEPT")).isEmpty();
  }

  @Test
  void ownTextAboveTheQuoteCounts() {
    assertThat(ReplyReader.firstWordAnswer("Rechazo, gracias.\n\nEl lun, 19 ene 2026, Northwind escribió:\n"
        + "> También puede responder con ACEPTO o RECHAZO")).contains(AnswerType.DECLINE);
    assertThat(ReplyReader.firstWordAnswer("> ACCEPT or DECLINE?\nDecline")).contains(AnswerType.DECLINE);
    assertThat(ReplyReader.ownText("Yes\n> quoted\nSecond line\n-----Original Message-----\nold"))
        .isEqualTo("Yes Second line");
  }

  @Test
  void matchesByInReplyTo() {
    InboundReply reply = reply("<invitation-" + invitation.id() + "-send-1@partnerflow>", List.of(), "Re: hello",
        "Acepto");

    ReadReply read = reader.read(reply);

    assertThat(read.invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(read.answer()).contains(AnswerType.ACCEPT);
    assertThat(read.mail()).isSameAs(reply);
  }

  @Test
  void matchesByReferencesWhenInReplyToIsSomeoneElses() {
    InboundReply reply = reply("<CAF=abc@mail.gmail.com>",
        List.of("<older@example.com>", "<invitation-" + invitation.id() + "-send-2-reminder-1@partnerflow>",
            "<CAF=abc@mail.gmail.com>"),
        "Re: hello", "no");

    ReadReply read = reader.read(reply);

    assertThat(read.invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(read.answer()).contains(AnswerType.DECLINE);
  }

  @Test
  void matchesByTheSubjectReferenceWhenTheHeadersAreGone() {
    InboundReply reply = reply(null, null,
        "AW: RE: Northwind solicita ser el revendedor [Ref: " + invitation.replyReference() + "]", "Thanks");

    ReadReply read = reader.read(reply);

    assertThat(read.invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(read.answer()).isEmpty();
  }

  @Test
  void anUnknownMessageIdFallsBackToTheSubject() {
    InboundReply reply = reply("<invitation-" + UUID.randomUUID() + "-send-1@partnerflow>", List.of(),
        "Re: [ref:" + invitation.replyReference() + "]", "Yes");

    assertThat(reader.read(reply).invitation()).map(Invitation::id).contains(invitation.id());
  }

  @Test
  void noMatchWithoutAKnownMessageIdOrReference() {
    assertThat(reader.read(reply(null, List.of(), "Question about my invoice", "Yes")).invitation()).isEmpty();
    assertThat(reader.read(reply("<welcome-cust-1@partnerflow>", List.of("<x@y>"), "Re: [Ref: unknownRef123]", "Yes"))
        .invitation()).isEmpty();
    assertThat(reader.read(reply("<invitation-not-a-uuid-send-1@partnerflow>", null, null, null)))
        .satisfies(read -> {
          assertThat(read.invitation()).isEqualTo(Optional.empty());
          assertThat(read.answer()).isEmpty();
        });
  }

  private static InboundReply reply(String inReplyTo, List<String> references, String subject, String text) {
    return new InboundReply("<reply-" + UUID.randomUUID() + "@contoso.example>", "ana.garcia@contoso.example", subject,
        inReplyTo, references, Instant.parse("2026-01-19T10:00:00Z"), text);
  }
}
