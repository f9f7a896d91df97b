package io.partnerflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 7: a welcome-mail job in an incident, then "Retry" as Cockpit does it (PUT
 * /job/{id}/retries with 1, as admin): how long until it runs? Exhausting the real retries takes
 * about 26 minutes (PT10S,PT1M,PT5M,PT20M), so the suite lets the job fail once for real (SMTP
 * down) and then sets its retries to 0 as the administrator, which raises the same failed-job
 * incident with the real exception. SMTP is back before the retry.
 */
final class IncidentRetry extends Scenario {

  IncidentRetry() {
    super(7, "7-incident-retry", "mail job in an incident, then retries = 1 as Cockpit does");
  }

  @Override
  List<String> databases() {
    return List.of("h2", "postgres");
  }

  @Override
  Row run(Rig rig) throws Exception {
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    List<Tracked> instances = toReview(operator, rig.settings.rounds());
    rig.proxy.down();
    List<String> jobIds = new ArrayList<>();
    for (Tracked t : instances) {
      submitReview(operator, t);
    }
    for (Tracked t : instances) {
      JsonNode failed = failedJob(operator, t.pi, after(90));
      operator.setRetries(failed.get("id").asText(), 0);
      jobIds.add(failed.get("id").asText());
    }
    rig.proxy.up();
    sleep(2000);
    List<String> latencies = new ArrayList<>();
    int deadline = rig.settings.deadlineSeconds();
    for (int i = 0; i < instances.size(); i++) {
      long retried = System.currentTimeMillis();
      operator.setRetries(jobIds.get(i), 1);
      long ran = jobGone(operator, instances.get(i).pi, jobIds.get(i), after(deadline));
      latencies.add(ran == 0 ? "not within " + deadline + " s" : seconds(ran - retried));
    }
    settle(rig, () -> operator, instances, after(deadline));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    return row(rig, instances, 0, ledger, deadline,
        "job ran after retries = 1: " + String.join(", ", latencies));
  }

  /** The instance's job that failed once for real (it carries the exception). */
  private static JsonNode failedJob(Operator operator, String pi, Instant deadline) throws Exception {
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode job : operator.jobs(pi)) {
        if (!job.path("exceptionMessage").isNull() && !job.path("exceptionMessage").isMissingNode()) {
          return job;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the mail job of " + pi + " did not fail while SMTP was down");
  }

  /** When the job left the runtime (it ran and completed), or 0 at the deadline. */
  private static long jobGone(Operator operator, String pi, String jobId, Instant deadline) throws Exception {
    while (Instant.now().isBefore(deadline)) {
      boolean present = false;
      for (JsonNode job : operator.jobs(pi)) {
        present |= job.get("id").asText().equals(jobId);
      }
      if (!present) {
        return System.currentTimeMillis();
      }
      Thread.sleep(100);
    }
    return 0;
  }
}
