package io.partnerflow.invitation;

import io.partnerflow.customer.CustomerRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Invitations and their link tokens (table {@code invitation}, {@code invitation_token}). An
 * invitation takes exactly one answer: {@link #claimAnswer} is a conditional update, so of two
 * answers racing (a double click, a click and a reply) only the first changes anything.
 */
@Repository
public class InvitationRegistry {

  private static final RowMapper<Invitation> ROW = InvitationRegistry::map;

  private final JdbcClient jdbc;
  private final Clock clock;

  public InvitationRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Invitation create(NewInvitation invitation) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into invitation (id, process_instance_id, company_name, domain_prefix, customer_id, admin_email,
          admin_first_name, admin_last_name, culture, language, include_delegated_admin, personal_message,
          reply_reference, status, expires_at, send_count, created_by, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 0, ?, ?)""")
        .params(id, invitation.processInstanceId(), invitation.companyName().trim(),
            CustomerRegistry.normalizeDomainPrefix(invitation.domainPrefix()), invitation.customerId(),
            invitation.adminEmail().trim(), invitation.adminFirstName(), invitation.adminLastName(),
            invitation.culture(), invitation.language(), invitation.includeDelegatedAdmin(),
            invitation.personalMessage(), InvitationTokens.newReplyReference(), InvitationStatus.PENDING.name(),
            invitation.createdBy(), Timestamp.from(clock.instant()))
        .update();
    return find(id).orElseThrow();
  }

  public Optional<Invitation> find(String id) {
    return jdbc.sql("select * from invitation where id = ?").param(id).query(ROW).optional();
  }

  public Optional<Invitation> findByReplyReference(String reference) {
    return jdbc.sql("select * from invitation where reply_reference = ?").param(reference).query(ROW).optional();
  }

  /** The invitation a link token belongs to, if the token exists and was not revoked by a resend. */
  public Optional<Invitation> findByToken(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql("""
        select i.* from invitation i join invitation_token t on t.invitation_id = i.id
        where t.token_hash = ? and t.revoked = false""")
        .param(InvitationTokens.hash(token)).query(ROW).optional();
  }

  /**
   * Opens the next send of the invitation until {@code expiresAt}: pending again, no answer, and
   * the links of every earlier send revoked (those of this send, should a retried job find its mail
   * already sent, stay).
   */
  public void openSend(String invitationId, Instant expiresAt) {
    jdbc.sql("""
        update invitation set status = ?, expires_at = ?, send_count = send_count + 1, answered_at = null,
          answer_channel = null, answered_by_name = null, answered_by_email = null, decline_reason = null
        where id = ?""")
        .params(InvitationStatus.PENDING.name(), Timestamp.from(expiresAt), invitationId).update();
    jdbc.sql("""
        update invitation_token set revoked = true
        where invitation_id = ? and (send_number is null or send_number < (select send_count from invitation where id = ?))""")
        .params(invitationId, invitationId).update();
  }

  /** Makes {@code token} a link of the invitation's current send. */
  public void registerToken(Invitation invitation, String token) {
    jdbc.sql("""
        insert into invitation_token (token_hash, invitation_id, issued_at, revoked, send_number)
        values (?, ?, ?, false, ?)""")
        .params(InvitationTokens.hash(token), invitation.id(), Timestamp.from(clock.instant()), invitation.sendCount())
        .update();
  }

  /**
   * A new link token of the invitation, registered now, for callers that hand it out in the same
   * transaction; a send job registers its token with its mail instead ({@link InvitationMailer}).
   *
   * @param newSend open the next send first ({@link #openSend}); a reminder keeps the current one
   * @return the raw token, which exists only where it is handed out
   */
  public String issueToken(String invitationId, Instant expiresAt, boolean newSend) {
    if (newSend) {
      openSend(invitationId, expiresAt);
    }
    String token = InvitationTokens.newToken();
    registerToken(find(invitationId).orElseThrow(), token);
    return token;
  }

  /** Records the answer if the invitation is still open; false when another answer came first. */
  public boolean claimAnswer(String invitationId, Answer answer) {
    InvitationStatus status = answer.type() == AnswerType.ACCEPT ? InvitationStatus.ACCEPTED : InvitationStatus.DECLINED;
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql("""
        update invitation set status = ?, answered_at = ?, answer_channel = ?, answered_by_name = ?,
          answered_by_email = ?, decline_reason = ?
        where id = ? and status = ? and (expires_at is null or expires_at > ?)""")
        .params(status.name(), now, answer.channel().name(), answer.byName(), answer.byEmail(),
            answer.declineReason(), invitationId, InvitationStatus.PENDING.name(), now)
        .update() == 1;
  }

  /**
   * Microsoft shows the customer's acceptance (api mode) while the invitation still waits for an
   * answer to us: it is accepted, with no channel (the customer answered Microsoft, not us). Microsoft
   * decides here, so a pending invitation past its expiry is accepted too; an answered one is left as
   * it is (the customer's own "accept" stays recorded).
   *
   * @return true when this call recorded the acceptance
   */
  public boolean confirmAcceptedByMicrosoft(String invitationId) {
    return jdbc.sql("update invitation set status = ?, answered_at = ? where id = ? and status = ?")
        .params(InvitationStatus.ACCEPTED.name(), Timestamp.from(clock.instant()), invitationId,
            InvitationStatus.PENDING.name())
        .update() == 1;
  }

  /**
   * Ends a pending invitation (expired): no answer is taken any more. Its tokens stay findable, so
   * a late click learns that the invitation expired rather than that the link is unknown.
   */
  public void end(String invitationId, InvitationStatus status) {
    jdbc.sql("update invitation set status = ? where id = ? and status = ?")
        .params(status.name(), invitationId, InvitationStatus.PENDING.name()).update();
  }

  /**
   * Ends an invitation that expired while Microsoft had not confirmed it (api mode): pending, or
   * accepted only in what the customer told us.
   */
  public void endUnconfirmed(String invitationId, InvitationStatus status) {
    jdbc.sql("update invitation set status = ? where id = ? and status in (?, ?)")
        .params(status.name(), invitationId, InvitationStatus.PENDING.name(), InvitationStatus.ACCEPTED.name()).update();
  }

  /** Closes an invitation unless it was accepted (the operator's "close" after a decline or expiry). */
  public void close(String invitationId) {
    jdbc.sql("update invitation set status = ? where id = ? and status <> ?")
        .params(InvitationStatus.CLOSED.name(), invitationId, InvitationStatus.ACCEPTED.name()).update();
  }

  /** The operator may change the personal message before a resend; the link is always added by us. */
  public void updatePersonalMessage(String invitationId, String personalMessage) {
    jdbc.sql("update invitation set personal_message = ? where id = ?").params(personalMessage, invitationId).update();
  }

  public void linkCustomer(String invitationId, String customerId) {
    jdbc.sql("update invitation set customer_id = ? where id = ?").params(customerId, invitationId).update();
  }

  private static Invitation map(ResultSet rs, int n) throws SQLException {
    String channel = rs.getString("answer_channel");
    return new Invitation(rs.getString("id"), rs.getString("process_instance_id"), rs.getString("company_name"),
        rs.getString("domain_prefix"), rs.getString("customer_id"), rs.getString("admin_email"),
        rs.getString("admin_first_name"), rs.getString("admin_last_name"), rs.getString("culture"),
        rs.getString("language"), rs.getBoolean("include_delegated_admin"), rs.getString("personal_message"),
        rs.getString("reply_reference"), InvitationStatus.valueOf(rs.getString("status")),
        instant(rs.getTimestamp("expires_at")), rs.getInt("send_count"), instant(rs.getTimestamp("answered_at")),
        channel == null ? null : AnswerChannel.valueOf(channel), rs.getString("answered_by_name"),
        rs.getString("answered_by_email"), rs.getString("decline_reason"), rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
