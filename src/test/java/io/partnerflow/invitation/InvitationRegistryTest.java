package io.partnerflow.invitation;

import io.partnerflow.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry against a real (H2) schema built by our Flyway migrations; no Spring context. */
class InvitationRegistryTest {

  private static final Instant START = Instant.parse("2025-06-02T08:00:00Z");

  private MutableClock clock;
  private JdbcClient jdbc;
  private InvitationRegistry registry;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = MigratedDatabase.withDemoData();
    jdbc = JdbcClient.create(ds);
    clock = new MutableClock(START);
    registry = new InvitationRegistry(jdbc, clock);
  }

  @Test
  void createIsPendingWithReplyReference() {
    Invitation invitation = create();

    assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(invitation.replyReference()).matches("[A-Za-z0-9_-]{22}");
    assertThat(invitation.domainPrefix()).isEqualTo("contoso");
    assertThat(invitation.companyName()).isEqualTo("Contoso Ltd");
    assertThat(invitation.sendCount()).isZero();
    assertThat(invitation.expiresAt()).isNull();
    assertThat(invitation.createdAt()).isEqualTo(START);
    assertThat(registry.findByReplyReference(invitation.replyReference())).map(Invitation::id)
        .contains(invitation.id());
    assertThat(create().replyReference()).isNotEqualTo(invitation.replyReference());
  }

  @Test
  void tokenIsStoredOnlyAsItsHash() {
    Invitation invitation = create();
    String token = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);

    assertThat(token).hasSize(43);
    List<Map<String, Object>> rows = jdbc.sql("select * from invitation_token").query().listOfRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("TOKEN_HASH")).isEqualTo(InvitationTokens.hash(token));
    assertThat(rows).allSatisfy(row -> assertThat(row.values())
        .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(token)));
    assertThat(registry.findByToken(token)).map(Invitation::id).contains(invitation.id());
  }

  @Test
  void forgedTokensFindNothing() {
    Invitation invitation = create();
    String token = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);
    char last = token.charAt(token.length() - 1);
    String oneCharChanged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(registry.findByToken(InvitationTokens.newToken())).isEmpty();
    assertThat(registry.findByToken(InvitationTokens.hash(token))).isEmpty();
    assertThat(registry.findByToken(oneCharChanged)).isEmpty();
    assertThat(registry.findByToken("")).isEmpty();
    assertThat(registry.findByToken(null)).isEmpty();
    assertThat(registry.findByToken(token + "x".repeat(100))).isEmpty();
  }

  @Test
  void reminderTokenKeepsEarlierTokensWorking() {
    Invitation invitation = create();
    Instant expiry = START.plus(Duration.ofDays(30));
    String first = registry.issueToken(invitation.id(), expiry, true);
    clock.advance(Duration.ofDays(3));
    String reminder = registry.issueToken(invitation.id(), expiry, false);

    assertThat(reminder).isNotEqualTo(first);
    assertThat(registry.findByToken(first)).map(Invitation::id).contains(invitation.id());
    assertThat(registry.findByToken(reminder)).map(Invitation::id).contains(invitation.id());
    Invitation now = registry.find(invitation.id()).orElseThrow();
    assertThat(now.sendCount()).isEqualTo(1);
    assertThat(now.expiresAt()).isEqualTo(expiry);
  }

  @Test
  void resendRevokesEarlierTokensAndReopens() {
    Invitation invitation = create();
    String first = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);
    String reminder = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), false);
    clock.advance(Duration.ofDays(31));
    registry.end(invitation.id(), InvitationStatus.EXPIRED);
    assertThat(registry.find(invitation.id()).orElseThrow().status()).isEqualTo(InvitationStatus.EXPIRED);

    Instant newExpiry = clock.instant().plus(Duration.ofDays(30));
    String resent = registry.issueToken(invitation.id(), newExpiry, true);

    assertThat(registry.findByToken(first)).isEmpty();
    assertThat(registry.findByToken(reminder)).isEmpty();
    Invitation reopened = registry.findByToken(resent).orElseThrow();
    assertThat(reopened.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(reopened.expiresAt()).isEqualTo(newExpiry);
    assertThat(reopened.sendCount()).isEqualTo(2);
    assertThat(reopened.isOpenAt(clock.instant())).isTrue();
  }

  @Test
  void resendWhilePendingAlsoRevokesEarlierTokens() {
    Invitation invitation = create();
    String first = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);
    clock.advance(Duration.ofDays(1));

    String resent = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(31)), true);

    assertThat(registry.findByToken(first)).isEmpty();
    assertThat(registry.findByToken(resent)).map(Invitation::sendCount).contains(2);
  }

  @Test
  void firstAnswerWinsAndLaterAnswersChangeNothing() {
    Invitation invitation = create();
    String token = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);
    clock.advance(Duration.ofHours(5));

    assertThat(registry.claimAnswer(invitation.id(), accept(AnswerChannel.LINK, "Ana Admin", "ana@contoso.example")))
        .isTrue();
    Invitation answered = registry.find(invitation.id()).orElseThrow();
    assertThat(answered.status()).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(answered.answeredAt()).isEqualTo(START.plus(Duration.ofHours(5)));
    assertThat(answered.answerChannel()).isEqualTo(AnswerChannel.LINK);
    assertThat(answered.answeredByName()).isEqualTo("Ana Admin");
    assertThat(answered.answeredByEmail()).isEqualTo("ana@contoso.example");

    clock.advance(Duration.ofMinutes(1));
    assertThat(registry.claimAnswer(invitation.id(), accept(AnswerChannel.LINK, "Ana Admin", "ana@contoso.example")))
        .isFalse();
    assertThat(registry.claimAnswer(invitation.id(),
        new Answer(AnswerType.DECLINE, AnswerChannel.EMAIL, "Bob", "bob@contoso.example", "no thanks", null)))
        .isFalse();
    assertThat(registry.find(invitation.id()).orElseThrow()).isEqualTo(answered);
    // The token still leads to the (answered) invitation, so the page can say "already answered"
    assertThat(registry.findByToken(token)).map(Invitation::status).contains(InvitationStatus.ACCEPTED);
  }

  @Test
  void declineIsRecordedWithItsReason() {
    Invitation invitation = create();
    registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);

    assertThat(registry.claimAnswer(invitation.id(),
        new Answer(AnswerType.DECLINE, AnswerChannel.EMAIL, null, "bob@contoso.example", "no thanks", null)))
        .isTrue();
    Invitation declined = registry.find(invitation.id()).orElseThrow();
    assertThat(declined.status()).isEqualTo(InvitationStatus.DECLINED);
    assertThat(declined.declineReason()).isEqualTo("no thanks");
    assertThat(declined.answerChannel()).isEqualTo(AnswerChannel.EMAIL);
  }

  @Test
  void claimAtOrAfterExpiryIsRefused() {
    Invitation invitation = create();
    Instant expiry = START.plus(Duration.ofDays(30));
    registry.issueToken(invitation.id(), expiry, true);
    clock.set(expiry);

    assertThat(registry.claimAnswer(invitation.id(), accept(AnswerChannel.LINK, "Ana", "ana@contoso.example")))
        .isFalse();
    clock.advance(Duration.ofDays(1));
    assertThat(registry.claimAnswer(invitation.id(), accept(AnswerChannel.LINK, "Ana", "ana@contoso.example")))
        .isFalse();
    Invitation unchanged = registry.find(invitation.id()).orElseThrow();
    assertThat(unchanged.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(unchanged.answeredAt()).isNull();
  }

  @Test
  void endRefusesAnswersButKeepsTheLinkRecognisableAsExpired() {
    Invitation invitation = create();
    String token = registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);

    registry.end(invitation.id(), InvitationStatus.EXPIRED);

    assertThat(registry.find(invitation.id()).orElseThrow().status()).isEqualTo(InvitationStatus.EXPIRED);
    assertThat(registry.findByToken(token)).map(Invitation::status).contains(InvitationStatus.EXPIRED);
    assertThat(registry.claimAnswer(invitation.id(), accept(AnswerChannel.EMAIL, "Ana", "ana@contoso.example")))
        .isFalse();
  }

  @Test
  void endLeavesAnAnsweredInvitationAlone() {
    Invitation invitation = create();
    registry.issueToken(invitation.id(), START.plus(Duration.ofDays(30)), true);
    registry.claimAnswer(invitation.id(), accept(AnswerChannel.LINK, "Ana", "ana@contoso.example"));

    registry.end(invitation.id(), InvitationStatus.EXPIRED);

    assertThat(registry.find(invitation.id()).orElseThrow().status()).isEqualTo(InvitationStatus.ACCEPTED);
  }

  @Test
  void closeEndsDeclinedButNeverAccepted() {
    Invitation declined = create();
    String declinedToken = registry.issueToken(declined.id(), START.plus(Duration.ofDays(30)), true);
    registry.claimAnswer(declined.id(),
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Bob", "bob@contoso.example", null, null));
    Invitation accepted = create();
    registry.issueToken(accepted.id(), START.plus(Duration.ofDays(30)), true);
    registry.claimAnswer(accepted.id(), accept(AnswerChannel.LINK, "Ana", "ana@contoso.example"));

    registry.close(declined.id());
    registry.close(accepted.id());

    assertThat(registry.find(declined.id()).orElseThrow().status()).isEqualTo(InvitationStatus.CLOSED);
    assertThat(registry.findByToken(declinedToken)).map(Invitation::status).contains(InvitationStatus.CLOSED);
    assertThat(registry.find(accepted.id()).orElseThrow().status()).isEqualTo(InvitationStatus.ACCEPTED);
  }

  @Test
  void linkCustomerRecordsTheCustomer() {
    Invitation invitation = create();
    registry.linkCustomer(invitation.id(), "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");

    assertThat(registry.find(invitation.id()).orElseThrow().customerId())
        .isEqualTo("0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");
  }

  private Invitation create() {
    return registry.create(new NewInvitation(" Contoso Ltd ", " Contoso ", null, "ana@contoso.example", "Ana",
        "Admin", "en-GB", "en", true, "Welcome aboard", null, "operator"));
  }

  private static Answer accept(AnswerChannel channel, String name, String email) {
    return new Answer(AnswerType.ACCEPT, channel, name, email, null, true);
  }

}
