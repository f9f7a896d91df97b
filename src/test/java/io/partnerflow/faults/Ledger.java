package io.partnerflow.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

/**
 * Counts, once everything has settled, from the database (engine history, {@code customer},
 * {@code subscription}, {@code sent_mail}) and from what the mail server stored. Every onboarding
 * the suite drives orders one subscription line and has one welcome mail, keyed
 * {@code welcome-<customer id>} (its Message-ID is {@code <welcome-<customer id>@partnerflow>}).
 */
final class Ledger {

  int notFinished;
  int duplicates;
  int windowDuplicates;
  int lost;
  final StringBuilder notes = new StringBuilder();
  /** The welcome mail's Message-ID per domain prefix (of the first customer with it). */
  final Map<String, String> welcomeMessageIds = new java.util.HashMap<>();

  static Ledger count(Rig rig, List<Tracked> instances) throws Exception {
    Ledger ledger = new Ledger();
    Map<String, Integer> stored = rig.mail.copiesByMessageId();
    try (Connection connection = rig.db.connect()) {
      for (Tracked t : instances) {
        ledger.countOne(connection, rig, stored, t);
      }
    }
    return ledger;
  }

  private void countOne(Connection connection, Rig rig, Map<String, Integer> stored, Tracked t) throws Exception {
    String end = single(connection, "select END_ACT_ID_ from ACT_HI_PROCINST where ID_ = ? and END_TIME_ is not null",
        t.pi);
    boolean onboarded = Operator.END_ONBOARDED.equals(end);
    if (!onboarded) {
      notFinished++;
    }
    List<String> customers = list(connection, "select id from customer where domain_prefix = ?", t.prefix);
    if (customers.size() > 1) {
      duplicates += customers.size() - 1;
      note("%s: %d customers", t.prefix, customers.size());
    }
    for (String customerId : customers) {
      int subscriptions = list(connection, "select id from subscription where customer_id = ?", customerId).size();
      if (subscriptions > 1) {
        duplicates += subscriptions - 1;
        note("%s: %d subscriptions for one order line", t.prefix, subscriptions);
      }
      String key = "welcome-" + customerId;
      String messageId = MailServer.messageIdOf(key);
      welcomeMessageIds.putIfAbsent(t.prefix, messageId);
      int copies = stored.getOrDefault(messageId, 0);
      int recorded = list(connection, "select mail_key from sent_mail where mail_key = ?", key).size();
      if (copies > 1) {
        if (rig.deliveries.firstCopyInWindow(messageId, rig.killTimes, rig.settings.windowMillis(),
            committed(rig, t, key))) {
          windowDuplicates += copies - 1;
        } else {
          duplicates += copies - 1;
          note("%s: welcome mail stored %d times", t.prefix, copies);
        }
      }
      if (copies > 0 && recorded == 0) {
        note("%s: welcome mail stored by the server, not recorded in sent_mail", t.prefix);
      }
      if (copies == 0 && (onboarded || recorded > 0)) {
        lost++;
        note("%s: no welcome mail stored (sent_mail rows: %d)", t.prefix, recorded);
      }
    }
  }

  /** The earliest proof that the product recorded the mail: its log line, or the hand-over acknowledged. */
  private static long committed(Rig rig, Tracked t, String key) {
    long logged = NodeLogs.recordedAt(rig.dir, key);
    long handOver = t.handOverAcknowledgedAt;
    return logged == 0 ? handOver : handOver == 0 ? logged : Math.min(logged, handOver);
  }

  private void note(String format, Object... args) {
    if (notes.length() < 2000) {
      notes.append(String.format(format, args)).append("; ");
    }
  }

  private static String single(Connection connection, String sql, String param) throws Exception {
    List<String> values = list(connection, sql, param);
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<String> list(Connection connection, String sql, String param) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, param);
      try (ResultSet rows = statement.executeQuery()) {
        java.util.ArrayList<String> values = new java.util.ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    }
  }
}
