package io.partnerflow.invitation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Microsoft handed out for each invitation (table {@code invitation_microsoft}), written in
 * transactions of their own right after Microsoft answered: a send job that fails after Graph created
 * the admin relationship finds it on its retry instead of creating a second one.
 */
@Repository
public class MicrosoftRequests {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public MicrosoftRequests(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A delegated admin relationship as recorded: Graph's id and the display name it was created with. */
  public record AdminRelationship(String id, String displayName) {}

  /** The links of the invitation's latest send; {@link MicrosoftRequest#NONE} when Microsoft gave none. */
  public MicrosoftRequest find(String invitationId) {
    return jdbc.sql("select reseller_link, admin_relationship_id from invitation_microsoft where invitation_id = ?")
        .param(invitationId)
        .query((rs, n) -> new MicrosoftRequest(rs.getString(1), rs.getString(2),
            MicrosoftRequest.approvalLink(rs.getString(2))))
        .optional().orElse(MicrosoftRequest.NONE);
  }

  public Optional<AdminRelationship> adminRelationship(String invitationId) {
    return jdbc.sql("""
        select admin_relationship_id, admin_relationship_name from invitation_microsoft
        where invitation_id = ? and admin_relationship_id is not null""")
        .param(invitationId).query((rs, n) -> new AdminRelationship(rs.getString(1), rs.getString(2))).optional();
  }

  /** Records Partner Center's reseller relationship request link, committed now. */
  public void recordResellerLink(String invitationId, String link) {
    ownTransaction.executeWithoutResult(status -> {
      ensureRow(invitationId);
      jdbc.sql("update invitation_microsoft set reseller_link = ?, updated_at = ? where invitation_id = ?")
          .params(link, Timestamp.from(clock.instant()), invitationId).update();
    });
  }

  /** Records the delegated admin relationship Graph created for the invitation, committed now. */
  public void recordAdminRelationship(String invitationId, AdminRelationship relationship) {
    ownTransaction.executeWithoutResult(status -> {
      ensureRow(invitationId);
      jdbc.sql("""
          update invitation_microsoft set admin_relationship_id = ?, admin_relationship_name = ?, updated_at = ?
          where invitation_id = ?""")
          .params(relationship.id(), relationship.displayName(), Timestamp.from(clock.instant()), invitationId)
          .update();
    });
  }

  private void ensureRow(String invitationId) {
    if (jdbc.sql("select count(*) from invitation_microsoft where invitation_id = ?").param(invitationId)
        .query(Integer.class).single() == 0) {
      jdbc.sql("insert into invitation_microsoft (invitation_id, updated_at) values (?, ?)")
          .params(invitationId, Timestamp.from(clock.instant())).update();
    }
  }
}
