package io.partnerflow.faults;

import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A row of the table: one fault, played against running nodes, then counted. The helpers
 * are what every scenario does as an operator: bring onboardings to Review, check after a restart
 * what an acknowledged submit left behind, and work the instances to their end.
 */
abstract class Scenario {

  static final Duration STEP = Duration.ofSeconds(60);

  final int number;
  final String slug;
  final String fault;

  Scenario(int number, String slug, String fault) {
    this.number = number;
    this.slug = slug;
    this.fault = fault;
  }

  /** The databases this scenario is about ("h2", "postgres"). */
  abstract List<String> databases();

  abstract Row run(Rig rig) throws Exception;

  Row row(Rig rig, List<Tracked> instances, int undone, Ledger ledger, int deadlineSeconds, String figures) {
    String all = java.util.stream.Stream.of(figures, ledger.notes.toString(), rig.notes.toString())
        .flatMap(part -> java.util.Arrays.stream(part.split(";"))).map(String::strip).filter(p -> !p.isEmpty())
        .collect(java.util.stream.Collectors.joining("; "));
    return new Row(number, fault, rig.db.label(), rig.settings.rounds(), instances.size(), undone,
        ledger.notFinished, deadlineSeconds, ledger.duplicates, ledger.windowDuplicates, ledger.lost, all);
  }

  /** Starts n onboardings and brings each to Review. */
  static List<Tracked> toReview(Operator operator, int n) throws Exception {
    List<Tracked> instances = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String prefix = "faults" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
      Tracked t = new Tracked(operator.start(prefix), prefix);
      operator.toReview(t.pi, STEP);
      instances.add(t);
    }
    return instances;
  }

  static void submitReview(Operator operator, Tracked t) throws Exception {
    int status = operator.submitReview(t.pi, STEP);
    if (status == 204) {
      t.reviewAcknowledgedAt = System.currentTimeMillis();
    }
  }

  /**
   * After a restart: is what was acknowledged still done? A task completion answered 204 is undone
   * when the engine's history no longer holds that task as completed (its task is open again, or
   * the instance is back at an earlier step), or when the engine no longer knows the instance.
   * Where each undone instance stands is added to {@code notes}.
   */
  static int countUndone(Operator operator, List<Tracked> instances, StringBuilder notes) throws Exception {
    int undone = 0;
    for (Tracked t : instances) {
      if (t.undone) {
        continue;
      }
      boolean lost = operator.history(t.pi) == null
          || (t.handOverAcknowledgedAt > 0 && !operator.completed(t.pi, Operator.HAND_OVER))
          || (t.reviewAcknowledgedAt > 0 && !operator.completed(t.pi, Operator.REVIEW));
      if (lost) {
        t.undone = true;
        undone++;
        notes.append(t.prefix).append(" undone, back at ").append(operator.whereNow(t.pi)).append("; ");
      }
    }
    return undone;
  }

  /**
   * Works every instance to its end as the operator would (hand over the credentials; submit a
   * Review that came back), until all are onboarded or the deadline passes. The operator may change
   * node (the supplier answers the one that runs).
   */
  static void settle(Rig rig, Supplier<Operator> operators, List<Tracked> instances, Instant deadline)
      throws Exception {
    work(operators, instances, deadline);
    for (Tracked t : instances) {
      if (t.finishedAt == 0) {
        try {
          rig.notes.append(t.prefix).append(" still at ").append(operators.get().whereNow(t.pi)).append("; ");
        } catch (Exception e) {
          rig.notes.append(t.prefix).append(" not finished (").append(lastProblem).append("); ");
        }
      }
    }
  }

  private static void work(Supplier<Operator> operators, List<Tracked> instances, Instant deadline)
      throws Exception {
    while (Instant.now().isBefore(deadline)) {
      boolean all = true;
      for (Tracked t : instances) {
        if (t.finishedAt > 0) {
          continue;
        }
        try {
          step(operators.get(), t);
        } catch (Exception e) {
          // a node going away under the request, a task not there yet: try again next time round
          lastProblem = e.toString();
        }
        all &= t.finishedAt > 0;
      }
      if (all) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static void step(Operator operator, Tracked t) throws Exception {
    if (operator.onboarded(t.pi)) {
      t.finishedAt = System.currentTimeMillis();
      return;
    }
    JsonNode handOver = operator.openTask(t.pi, Operator.HAND_OVER);
    if (handOver != null) {
      if (operator.handOver(t.pi, STEP) == 204) {
        t.handOverAcknowledgedAt = System.currentTimeMillis();
      }
      return;
    }
    if (operator.openTask(t.pi, Operator.REVIEW) != null && t.reviewAcknowledgedAt > 0) {
      submitReview(operator, t); // the operator submits again what the crash took back
    }
  }

  /** The last thing that went wrong while settling (printed when instances did not finish). */
  static volatile String lastProblem = "";

  /** "all onboarded X s after <since>", or how many were not. */
  static String onboardedFigure(List<Tracked> instances, long since, String sinceWhat) {
    long open = instances.stream().filter(t -> t.finishedAt == 0).count();
    if (open > 0) {
      return open + " of " + instances.size() + " not onboarded by the deadline";
    }
    long slowest = instances.stream().mapToLong(t -> t.finishedAt).max().orElse(since);
    return "all onboarded " + seconds(slowest - since) + " after " + sinceWhat;
  }

  static Instant after(int seconds) {
    return Instant.now().plusSeconds(seconds);
  }

  static String seconds(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }

  static void sleep(long millis) throws InterruptedException {
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /**
   * Polls until every instance that {@code expected} says should end is at {@code endEvent}, or the
   * deadline passes; records when each got there.
   */
  static <T extends Awaited> void awaitEnded(Operator operator, List<T> all, String endEvent, Predicate<T> expected,
      Instant deadline) throws Exception {
    while (Instant.now().isBefore(deadline)) {
      boolean done = true;
      for (T t : all) {
        if (t.endedAt > 0 || t.pi == null || !expected.test(t)) {
          continue;
        }
        try {
          if (operator.endedAt(t.pi, endEvent)) {
            t.endedAt = System.currentTimeMillis();
          }
        } catch (Exception e) {
          lastProblem = e.toString();
        }
        done &= t.endedAt > 0;
      }
      if (done) {
        return;
      }
      Thread.sleep(250);
    }
  }

  /** "all at *End* x s after the last restart", or how many are not there. */
  static String endedFigure(List<? extends Awaited> all, String endName, long since) {
    long open = all.stream().filter(t -> t.endedAt == 0).count();
    if (open > 0) {
      return open + " of " + all.size() + " not at *" + endName + "* by the deadline";
    }
    long slowest = all.stream().mapToLong(t -> t.endedAt).max().orElse(since);
    return "all at *" + endName + "* " + seconds(Math.max(0, slowest - since)) + " after the last restart";
  }

  /** Where the instance stands, or why the harness cannot tell. */
  static String whereNow(Operator operator, Awaited t) {
    try {
      return operator.whereNow(t.pi);
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }
}
