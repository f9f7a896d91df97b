package io.partnerflow.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scenario 9: ending relationships under kill -9. Each round onboards a batch of customers through
 * the onboarding (each then has an active subscription and a reseller relationship), then the
 * operator signs in at {@code /login} and presses "End relationship" on each customer's page (the
 * page's CSRF token; 302 to the page, whose message names the instance = acknowledged); kill -9
 * 0–1.8 s after the last, restart on the same database. The ending then waits at *Confirm
 * suspension*: the operator confirms each ("suspend", through {@code /engine-rest} as Tasklist
 * does; 204 = acknowledged), and the node is killed 0–1.8 s after the last confirmation, while
 * the suspensions (Partner Center, then our table), the removal and the notice to the customer run
 * as jobs; restart. Is any acknowledged ending or confirmation undone, does each customer end with
 * every subscription suspended once (our table and the simulated Partner Center's), the
 * relationship removed once, and one notice?
 */
final class KillAfterEnding extends Scenario {

  static final String PROCESS_KEY = "end-relationship";
  static final String CONFIRM_SUSPENSION = "Task_ConfirmSuspension";
  static final String END_RELATIONSHIP_ENDED = "EndEvent_RelationshipEnded";
  static final String SOURCE_END_RELATIONSHIP = "END_RELATIONSHIP";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One customer whose relationship the harness ends (epoch ms, 0 = not yet). */
  static final class Ending extends Awaited {
    final Tracked onboarding;
    String customerId;
    long acknowledgedAt;
    long confirmedAt;
    boolean undone;

    Ending(Tracked onboarding) {
      this.onboarding = onboarding;
    }

    String prefix() {
      return onboarding.prefix;
    }
  }

  private int duplicates;
  private int windowDuplicates;
  private int lost;
  private final StringBuilder notes = new StringBuilder();

  KillAfterEnding() {
    super(9, "9-kill-after-ending",
        "kill -9 0–1.8 s after \"End relationship\" on the customer pages (batch), 0–1.8 s after the last *Confirm suspension*");
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
    CustomerPages pages = new CustomerPages(node.baseUrl(), Rig.CREDENTIALS);
    int deadline = rig.settings.deadlineSeconds();
    List<Ending> all = new ArrayList<>();
    long lastRestart = 0;
    long slowestRound = 0;
    long slowestSetup = 0;
    for (int round = 0; round < rig.settings.rounds(); round++) {
      long roundBegan = System.currentTimeMillis();
      // customers with an active subscription and a reseller relationship: onboarded as an operator does
      List<Tracked> onboardings = toReview(operator, rig.settings.batch());
      for (Tracked t : onboardings) {
        submitReview(operator, t);
      }
      settle(rig, () -> operator, onboardings, after(deadline));
      slowestSetup = Math.max(slowestSetup, System.currentTimeMillis() - roundBegan);
      List<Ending> batch = new ArrayList<>();
      for (Tracked t : onboardings) {
        if (t.finishedAt == 0) {
          throw new IllegalStateException("set-up: " + t.prefix + " not onboarded (" + lastProblem + ")");
        }
        Ending e = new Ending(t);
        e.customerId = operator.variable(t.pi, "customerId");
        if (e.customerId == null) {
          throw new IllegalStateException("set-up: onboarding " + t.pi + " without a customerId");
        }
        batch.add(e);
      }

      pages.signIn();
      for (Ending e : batch) {
        CustomerPages.Ending answer = pages.endRelationship(e.customerId, "fault suite round " + round);
        if (answer.status() != 302 || answer.processInstanceId() == null) {
          throw new IllegalStateException("End relationship for " + e.prefix() + ": HTTP " + answer.status() + " "
              + answer.message());
        }
        e.pi = answer.processInstanceId();
        e.acknowledgedAt = System.currentTimeMillis();
      }
      all.addAll(batch);
      sleep(rig.random.nextInt(1801));
      rig.kill(node);
      rig.restart(node);
      missing(operator, batch);

      List<Ending> open = batch.stream().filter(e -> !e.undone).toList();
      for (Ending e : open) {
        ObjectNode decision = JSON.createObjectNode();
        decision.putObject("suspensionDecision").put("value", "suspend");
        if (operator.complete(e.pi, CONFIRM_SUSPENSION, decision, STEP) == 204) {
          e.confirmedAt = System.currentTimeMillis();
        }
      }
      sleep(rig.random.nextInt(1801));
      rig.kill(node);
      rig.restart(node);
      confirmationsUndone(operator, open);
      lastRestart = System.currentTimeMillis();
      slowestRound = Math.max(slowestRound, lastRestart - roundBegan);
    }
    awaitEnded(operator, all, END_RELATIONSHIP_ENDED, e -> true, after(deadline));
    for (Ending e : all) {
      if (e.endedAt == 0) {
        note("%s still at %s", e.prefix(), whereNow(operator, e));
      }
    }
    rig.stopAll();
    int notEnded = count(rig, all);
    int undone = (int) all.stream().filter(e -> e.undone).count();
    String figures = endedFigure(all, "Relationship ended", lastRestart) + "; set-up (onboarding) ≤ " + seconds(slowestSetup)
        + "; round ≤ " + seconds(slowestRound) + "; " + rig.startupFigure();
    String allNotes = Stream.of(figures, notes.toString(), rig.notes.toString())
        .flatMap(part -> java.util.Arrays.stream(part.split(";"))).map(String::strip).filter(p -> !p.isEmpty())
        .collect(Collectors.joining("; "));
    return new Row(number, fault, rig.db.label(), rig.settings.rounds(), all.size(), undone, notEnded, deadline,
        duplicates, windowDuplicates, lost, allNotes);
  }

  /** After the first restart: an acknowledged ending the engine no longer knows is undone. */
  private void missing(Operator operator, List<Ending> batch) throws Exception {
    for (Ending e : batch) {
      if (operator.history(e.pi) == null) {
        e.undone = true;
        note("%s: ending acknowledged, unknown to the engine after the restart", e.prefix());
      }
    }
  }

  /** After the second restart: a confirmation answered 204 whose task is not completed is undone. */
  private void confirmationsUndone(Operator operator, List<Ending> confirmed) throws Exception {
    for (Ending e : confirmed) {
      if (e.confirmedAt > 0 && !operator.completed(e.pi, CONFIRM_SUSPENSION)) {
        e.undone = true;
        note("%s: confirmation answered 204, not completed after the restart (at %s)", e.prefix(),
            whereNow(operator, e));
      }
    }
  }

  /**
   * Counts from the database and the mail server once every node stopped; returns the endings not
   * at *Relationship ended*.
   */
  private int count(Rig rig, List<Ending> all) throws Exception {
    int notEnded = 0;
    Map<String, Integer> stored = rig.mail.copiesByMessageId();
    try (Connection c = rig.db.connect()) {
      for (Ending e : all) {
        String end = single(c, "select END_ACT_ID_ from ACT_HI_PROCINST where ID_ = ? and END_TIME_ is not null", e.pi);
        boolean ended = END_RELATIONSHIP_ENDED.equals(end);
        if (!ended) {
          notEnded++;
        }
        List<String> instances = list(c,
            "select ID_ from ACT_HI_PROCINST where PROC_DEF_KEY_ = '" + PROCESS_KEY + "' and BUSINESS_KEY_ = ?",
            e.prefix());
        if (instances.size() > 1) {
          duplicates += instances.size() - 1;
          note("%s: %d endings started for one press", e.prefix(), instances.size());
        }
        countSubscriptions(c, e, ended);
        countRelationship(c, e, ended);
        countNotice(rig, c, stored, e, ended);
      }
    }
    return notEnded;
  }

  /** Every subscription SUSPENDED in our table, and suspended once in the simulated Partner Center. */
  private void countSubscriptions(Connection c, Ending e, boolean ended) throws Exception {
    List<String> subscriptions = list(c, "select id from subscription where customer_id = ?", e.customerId);
    if (subscriptions.isEmpty()) {
      note("%s: no subscription to suspend (set-up)", e.prefix());
    }
    for (String id : subscriptions) {
      String status = single(c, "select status from subscription where id = ?", id);
      List<String> suspensions = list(c,
          "select idempotency_key from simulated_partner_center_suspension where subscription_id = ?", id);
      if (suspensions.size() > 1) {
        duplicates += suspensions.size() - 1;
        note("%s: subscription %s suspended %d times in Partner Center (%s)", e.prefix(), id, suspensions.size(),
            String.join(", ", suspensions));
      }
      if (ended && (!"SUSPENDED".equals(status) || suspensions.isEmpty())) {
        lost++;
        note("%s: ended, subscription %s %s here and suspended %d times in Partner Center", e.prefix(), id, status,
            suspensions.size());
      } else if (!ended && "SUSPENDED".equals(status) && suspensions.isEmpty()) {
        lost++;
        note("%s: subscription %s SUSPENDED here, never in Partner Center", e.prefix(), id);
      }
    }
  }

  /** The relationship removed (NONE, no delegated admin) with one END_RELATIONSHIP event. */
  private void countRelationship(Connection c, Ending e, boolean ended) throws Exception {
    String relationship = single(c, "select relationship from customer where id = ?", e.customerId);
    String delegated = single(c, "select delegated_admin from customer where id = ?", e.customerId);
    int events = list(c, "select id from relationship_event where customer_id = ? and source = '"
        + SOURCE_END_RELATIONSHIP + "'", e.customerId).size();
    if (events > 1) {
      duplicates += events - 1;
      note("%s: %d relationship events of an ending", e.prefix(), events);
    }
    boolean removed = "NONE".equals(relationship) && !List.of("true", "t", "1").contains(String.valueOf(delegated).toLowerCase());
    if (ended && (!removed || events == 0)) {
      lost++;
      note("%s: ended, relationship %s (delegated admin %s), %d ending events", e.prefix(), relationship, delegated,
          events);
    }
  }

  /**
   * The notice to the customer, key {@code relationship-ended-<customer>-<instance>}: extra copies
   * classified by the crash window; a notice under another instance's key is a duplicate.
   */
  private void countNotice(Rig rig, Connection c, Map<String, Integer> stored, Ending e, boolean ended)
      throws Exception {
    String key = "relationship-ended-" + e.customerId + "-" + e.pi;
    String messageId = MailServer.messageIdOf(key);
    int copies = stored.getOrDefault(messageId, 0);
    int recorded = list(c, "select mail_key from sent_mail where mail_key = ?", key).size();
    extra(rig, messageId, earliest(NodeLogs.recordedAt(rig.dir, key), e.endedAt), copies - 1,
        e.prefix() + ": notice stored " + copies + " times");
    if (copies == 0 && (ended || recorded > 0)) {
      lost++;
      note("%s: no notice to the customer stored (sent_mail rows: %d)", e.prefix(), recorded);
    }
    String others = "<relationship-ended-" + e.customerId + "-";
    List<String> otherKeys = stored.keySet().stream().filter(m -> m.startsWith(others) && !m.equals(messageId))
        .toList();
    if (!otherKeys.isEmpty()) {
      duplicates += otherKeys.size();
      note("%s: notices under other keys %s", e.prefix(), otherKeys);
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
