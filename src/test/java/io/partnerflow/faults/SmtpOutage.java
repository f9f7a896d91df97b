package io.partnerflow.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: the SMTP server is down (connections refused) while {@code faults.batch} onboardings
 * pass Review, and comes back after {@code faults.outage-seconds}. Exactly one mail each, and how
 * long after the server came back? (The retry back-off decides.)
 */
final class SmtpOutage extends Scenario {

  SmtpOutage() {
    super(6, "6-smtp-outage", "SMTP down for a while during onboardings");
  }

  @Override
  List<String> databases() {
    return List.of("h2", "postgres");
  }

  @Override
  Row run(Rig rig) throws Exception {
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    List<Tracked> instances = toReview(operator, rig.settings.batch());
    rig.proxy.down();
    for (Tracked t : instances) {
      submitReview(operator, t);
    }
    sleep(rig.settings.outageSeconds() * 1000L);
    rig.proxy.up();
    long up = System.currentTimeMillis();
    settle(rig, () -> operator, instances, after(rig.settings.deadlineSeconds()));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    List<String> latencies = new ArrayList<>();
    for (Tracked t : instances) {
      long at = rig.deliveries.firstAcceptedAt(ledger.welcomeMessageIds.getOrDefault(t.prefix, ""));
      latencies.add(at == 0 ? "none" : seconds(at - up));
    }
    return row(rig, instances, 0, ledger, rig.settings.deadlineSeconds(),
        "down " + rig.settings.outageSeconds() + " s; mails after it came back: " + String.join(", ", latencies));
  }
}
