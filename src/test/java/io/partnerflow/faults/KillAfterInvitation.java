package io.partnerflow.faults;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scenario 8: invitations to connect under kill -9, through the product's HTTP interface. A batch
 * of {@code POST /api/invitations} answered 2xx, kill -9 0–1.8 s after the last while the
 * invitation mails go out as jobs; restart on the same database; wait until every invitation's
 * mail is out and its instance waits for the answer; then the customer opens each mail's link and
 * accepts on the page, and the node is killed 0–1.0 s after one of the acceptances (picked at
 * random) was answered 200; restart, accept the rest. Is any acknowledged invitation or acceptance
 * undone, does each invitation end with one relationship, one invitation mail and one notice to
 * operations?
 *
 * <p>The invitation mail's key names the send ({@code invitation-<id>-send-<n>}), and its link's
 * token is recorded with it: a send job killed after the mail went out finds it sent on its retry,
 * and the link keeps working. Each round has one send per invitation, so a second key is a second
 * mail with another link: a duplicate, never the window. Extra copies of one key are classified
 * like the welcome mail's ({@link Deliveries#firstCopyInWindow}).
 */
final class KillAfterInvitation extends Scenario {

  static final String AWAIT_ANSWER = "Task_AwaitAnswer";
  static final String END_ESTABLISHED = "EndEvent_RelationshipEstablished";

  /** One invitation the harness drives (epoch ms, 0 = not yet). */
  static final class Invited extends Awaited {
    final String prefix;
    final String adminEmail;
    long acknowledgedAt;
    long mailSeenAt;
    /** When the harness saw the instance wait for the answer: the send job had committed. */
    long waitingSeenAt;
    String token;
    long acceptedAt;
    int acceptStatus;
    boolean undone;

    Invited(String prefix) {
      this.prefix = prefix;
      this.adminEmail = Invitee.adminEmail(prefix);
    }
  }

  private int duplicates;
  private int windowDuplicates;
  private int lost;
  private final StringBuilder notes = new StringBuilder();

  KillAfterInvitation() {
    super(8, "8-kill-after-invitation",
        "kill -9 0–1.8 s after `POST /api/invitations` (batch), 0–1.0 s after an acceptance on the page");
  }

  @Override
  List<String> databases() {
    return List.of("h2", "postgres");
  }

  @Override
  Row run(Rig rig) throws Exception {
    duplicates = windowDuplicates = lost = 0;
    notes.setLength(0);
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    Invitee invitee = new Invitee(node.baseUrl(), Rig.CREDENTIALS);
    int deadline = rig.settings.deadlineSeconds();
    List<Invited> all = new ArrayList<>();
    long slowestMail = 0;
    long lastRestart = 0;
    long slowestRound = 0;
    for (int round = 0; round < rig.settings.rounds(); round++) {
      long roundBegan = System.currentTimeMillis();
      List<Invited> batch = new ArrayList<>();
      for (int i = 0; i < rig.settings.batch(); i++) {
        Invited t = new Invited("faults" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        Invitee.Started started = invitee.invite(t.prefix);
        if (started.status() / 100 != 2 || started.processInstanceId() == null) {
          throw new IllegalStateException("POST /api/invitations for " + t.prefix + ": HTTP " + started.status() + " "
              + started.body());
        }
        t.pi = started.processInstanceId();
        t.acknowledgedAt = System.currentTimeMillis();
        batch.add(t);
      }
      all.addAll(batch);
      sleep(rig.random.nextInt(1801));
      rig.kill(node);
      rig.restart(node);
      long restarted = System.currentTimeMillis();
      missing(operator, batch);
      slowestMail = Math.max(slowestMail, awaitSent(rig, operator, batch, after(deadline)) - restarted);

      List<Invited> open = batch.stream().filter(t -> t.token != null).toList();
      if (!open.isEmpty()) {
        int killAfter = rig.random.nextInt(open.size());
        for (int j = 0; j <= killAfter; j++) {
          accept(invitee, open.get(j), after(60));
        }
        sleep(rig.random.nextInt(1001));
        rig.kill(node);
        rig.restart(node);
        acceptancesUndone(operator, invitee, open.subList(0, killAfter + 1));
        for (int j = killAfter + 1; j < open.size(); j++) {
          accept(invitee, open.get(j), after(60));
        }
      }
      lastRestart = System.currentTimeMillis();
      slowestRound = Math.max(slowestRound, lastRestart - roundBegan);
    }
    awaitEnded(operator, all, END_ESTABLISHED, t -> t.acceptedAt > 0, after(deadline));
    for (Invited t : all) {
      if (t.endedAt == 0) {
        try {
          note("%s still at %s", t.prefix, operator.whereNow(t.pi));
        } catch (Exception e) {
          note("%s not ended (%s)", t.prefix, e);
        }
      }
    }
    rig.stopAll();
    int notEnded = count(rig, all);
    int undone = (int) all.stream().filter(t -> t.undone).count();
    long mailsOut = all.stream().filter(t -> t.waitingSeenAt > 0).count();
    String figures = (mailsOut == all.size()
            ? "all invitations mailed and waiting for the answer ≤ " + seconds(slowestMail) + " after the restart"
            : (all.size() - mailsOut) + " of " + all.size() + " invitation mails not out by the deadline")
        + "; " + endedFigure(all, "Relationship established", lastRestart) + "; round ≤ " + seconds(slowestRound)
        + "; " + rig.startupFigure();
    String allNotes = Stream.of(figures, notes.toString(), rig.notes.toString())
        .flatMap(part -> java.util.Arrays.stream(part.split(";"))).map(String::strip).filter(p -> !p.isEmpty())
        .collect(Collectors.joining("; "));
    return new Row(number, fault, rig.db.label(), rig.settings.rounds(), all.size(), undone, notEnded, deadline,
        duplicates, windowDuplicates, lost, allNotes);
  }

  /** After the restart: an acknowledged invitation the engine no longer knows is undone. */
  private void missing(Operator operator, List<Invited> batch) throws Exception {
    for (Invited t : batch) {
      if (operator.history(t.pi) == null) {
        t.undone = true;
        note("%s: invitation acknowledged, unknown to the engine after the restart", t.prefix);
      }
    }
  }

  /**
   * Waits until every invitation's instance waits for the answer (its send job committed, so its
   * mail went out) and its mail is stored; the link of the last mail stored is the live one.
   * Returns when the last one got there.
   */
  private long awaitSent(Rig rig, Operator operator, List<Invited> batch, Instant deadline) throws Exception {
    long last = System.currentTimeMillis();
    while (Instant.now().isBefore(deadline)) {
      boolean all = true;
      for (Invited t : batch) {
        if (t.undone || (t.waitingSeenAt > 0 && t.token != null)) {
          continue;
        }
        try {
          if (t.waitingSeenAt == 0 && operator.waitingAt(t.pi, AWAIT_ANSWER)) {
            t.waitingSeenAt = System.currentTimeMillis();
          }
        } catch (Exception e) {
          lastProblem = e.toString();
        }
        List<MimeMessage> mails = invitationMails(rig, t);
        if (t.waitingSeenAt > 0 && !mails.isEmpty()) {
          t.token = Invitee.token(mails.get(mails.size() - 1));
          t.mailSeenAt = System.currentTimeMillis();
          last = Math.max(last, t.mailSeenAt);
        }
        all &= t.waitingSeenAt > 0 && t.token != null;
      }
      if (all) {
        return last;
      }
      Thread.sleep(250);
    }
    for (Invited t : batch) {
      if (!t.undone && t.token == null) {
        note("%s: invitation mail not out by the deadline (%d stored, at %s)", t.prefix, invitationMails(rig, t).size(),
            whereNow(operator, t));
      }
    }
    return last;
  }

  private static List<MimeMessage> invitationMails(Rig rig, Invited t) {
    return rig.mail.messagesTo(t.adminEmail).stream().filter(m -> {
      String id = MailServer.messageIdOf(m);
      return id.startsWith("<invitation-") && !id.contains("-reminder-");
    }).toList();
  }

  /** The customer accepts on the page; 200 = recorded. A failure before an answer is tried again. */
  private void accept(Invitee invitee, Invited t, Instant deadline) throws Exception {
    while (true) {
      try {
        t.acceptStatus = invitee.accept(t.token);
        if (t.acceptStatus == 200) {
          t.acceptedAt = System.currentTimeMillis();
        } else {
          note("%s: acceptance answered HTTP %d", t.prefix, t.acceptStatus);
        }
        return;
      } catch (java.io.IOException e) {
        if (Instant.now().isAfter(deadline)) {
          note("%s: acceptance not answered (%s)", t.prefix, e);
          return;
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * After the restart: an acceptance answered 200 is undone when its link opens the form again
   * (the invitation is pending) or the engine's history no longer holds the wait for the answer as
   * completed.
   */
  private void acceptancesUndone(Operator operator, Invitee invitee, List<Invited> accepted) throws Exception {
    for (Invited t : accepted) {
      if (t.acceptedAt == 0 || t.undone) {
        continue;
      }
      int page = invitee.pageStatus(t.token);
      boolean completed = operator.completed(t.pi, AWAIT_ANSWER);
      if (page != 409 || !completed) {
        t.undone = true;
        note("%s: acceptance undone (page answers %d, wait for the answer %s; at %s)", t.prefix, page,
            completed ? "completed" : "not completed", whereNow(operator, t));
      }
    }
  }

  /**
   * Counts from the database and the mail server once every node stopped; returns the instances
   * not ended at *Relationship established*. Adds undone rows the HTTP checks could not see.
   */
  private int count(Rig rig, List<Invited> all) throws Exception {
    int notEnded = 0;
    Map<String, Integer> stored = rig.mail.copiesByMessageId();
    try (Connection c = rig.db.connect()) {
      for (Invited t : all) {
        String end = single(c, "select END_ACT_ID_ from ACT_HI_PROCINST where ID_ = ? and END_TIME_ is not null", t.pi);
        if (!END_ESTABLISHED.equals(end)) {
          notEnded++;
        }
        List<String> rows = list(c, "select id from invitation where process_instance_id = ?", t.pi);
        if (rows.isEmpty()) {
          if (!t.undone) {
            t.undone = true;
            note("%s: invitation acknowledged, no `invitation` row", t.prefix);
          }
          continue;
        }
        String id = rows.get(0);
        String status = single(c, "select status from invitation where id = ?", id);
        int events = list(c, "select id from relationship_event where invitation_id = ?", id).size();
        if (t.acceptedAt > 0) {
          if (!"ACCEPTED".equals(status) || events == 0) {
            if (!t.undone) {
              t.undone = true;
              note("%s: acceptance answered 200, invitation %s with %d relationship events", t.prefix, status, events);
            }
          }
        }
        if (events > 1) {
          duplicates += events - 1;
          note("%s: %d relationship events for one acceptance", t.prefix, events);
        }
        int customers = list(c, "select id from customer where domain_prefix = ?", t.prefix).size();
        if (customers > 1) {
          duplicates += customers - 1;
          note("%s: %d customers", t.prefix, customers);
        }
        countInvitationMails(rig, c, stored, t, id);
        countNotice(rig, c, stored, t, id, END_ESTABLISHED.equals(end));
      }
    }
    return notEnded;
  }

  /**
   * The invitation mails of one invitation: one key per send. Extra copies of a key are classified
   * by the crash window; a second key (a new link for the same send) is a duplicate.
   */
  private void countInvitationMails(Rig rig, Connection c, Map<String, Integer> stored, Invited t, String id)
      throws Exception {
    String prefix = "<invitation-" + id + "-send-";
    List<String> messageIds = stored.keySet().stream().filter(m -> m.startsWith(prefix) && !m.contains("-reminder-"))
        .sorted(Comparator.comparingLong(m -> {
          long at = rig.deliveries.firstAcceptedAt(m);
          return at == 0 ? Long.MAX_VALUE : at;
        })).toList();
    List<String> recorded = list(c, "select mail_key from sent_mail where mail_key like ?",
        "invitation-" + id + "-send-%").stream().filter(k -> !k.contains("-reminder-")).toList();
    for (String key : recorded) {
      if (!stored.containsKey(MailServer.messageIdOf(key))) {
        lost++;
        note("%s: invitation mail %s in sent_mail, not stored by the server", t.prefix, key);
      }
    }
    String previous = null;
    for (String messageId : messageIds) {
      String key = keyOf(messageId);
      if (!recorded.contains(key)) {
        note("%s: invitation mail %s stored by the server, not in sent_mail", t.prefix, key);
      }
      if (previous != null) {
        duplicates++;
        note("%s: a second invitation mail (another link) %s", t.prefix, key);
      }
      long committed = earliest(NodeLogs.recordedAt(rig.dir, key), t.waitingSeenAt);
      extra(rig, messageId, committed, stored.get(messageId) - 1,
          t.prefix + ": invitation mail " + key + " stored " + stored.get(messageId) + " times");
      previous = messageId;
    }
    if (messageIds.size() > 1) {
      note("%s: %d invitation mails (keys)", t.prefix, messageIds.size());
    }
  }

  /** The notice to operations once the relationship stands (key relationship-established-<id>). */
  private void countNotice(Rig rig, Connection c, Map<String, Integer> stored, Invited t, String id, boolean ended)
      throws Exception {
    String key = "relationship-established-" + id;
    String messageId = MailServer.messageIdOf(key);
    int copies = stored.getOrDefault(messageId, 0);
    int recorded = list(c, "select mail_key from sent_mail where mail_key = ?", key).size();
    extra(rig, messageId, earliest(NodeLogs.recordedAt(rig.dir, key), t.endedAt), copies - 1,
        t.prefix + ": notice to operations stored " + copies + " times");
    if (copies == 0 && (ended || recorded > 0)) {
      lost++;
      note("%s: no notice to operations stored (sent_mail rows: %d)", t.prefix, recorded);
    }
  }

  private void extra(Rig rig, String messageId, long committed, int n, String what) {
    if (n <= 0) {
      return;
    }
    if (rig.deliveries.firstCopyInWindow(messageId, rig.killTimes, rig.settings.windowMillis(), committed)) {
      windowDuplicates += n;
    } else {
      duplicates += n;
      note("%s", what);
    }
  }

  private static long earliest(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  private static String keyOf(String messageId) {
    String id = messageId.strip();
    return id.startsWith("<") && id.endsWith("@partnerflow>") ? id.substring(1, id.length() - "@partnerflow>".length())
        : id;
  }

  private void note(String format, Object... args) {
    if (notes.length() < 2000) {
      notes.append(String.format(format, args).replace('|', '/')).append("; ");
    }
  }

  private static String single(Connection c, String sql, String param) throws Exception {
    List<String> values = list(c, sql, param);
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<String> list(Connection c, String sql, String param) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, param);
      try (ResultSet rows = statement.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    }
  }
}
