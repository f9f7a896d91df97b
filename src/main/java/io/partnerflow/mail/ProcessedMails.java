package io.partnerflow.mail;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table {@code processed_mail}: the Message-IDs of the inbound mails already handled, which is what
 * guarantees a mail is handled once, across restarts and nodes. A poller records a mail in the same
 * transaction as the work it did for it; a second record of the same Message-ID fails with a
 * duplicate key.
 */
public final class ProcessedMails {

  public static final int MAX_OUTCOME_LENGTH = 200;
  private static final int MAX_MAILBOX_LENGTH = 254;

  private final JdbcClient jdbc;
  private final Clock clock;

  public ProcessedMails(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public boolean isProcessed(String messageId) {
    return jdbc.sql("select count(*) from processed_mail where message_id = ?")
        .param(messageId).query(Integer.class).single() > 0;
  }

  /** @param outcome what became of the mail; a blank one is recorded as {@code handled} */
  public void record(String messageId, String mailbox, String outcome) {
    String value = outcome == null || outcome.isBlank() ? "handled" : outcome.strip();
    jdbc.sql("insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)")
        .params(messageId, truncate(mailbox, MAX_MAILBOX_LENGTH), truncate(value, MAX_OUTCOME_LENGTH),
            Timestamp.from(clock.instant()))
        .update();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
