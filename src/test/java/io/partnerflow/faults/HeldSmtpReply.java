package io.partnerflow.faults;

import java.util.List;

/**
 * Scenario 4: the SMTP server takes each welcome mail's data and stores it, but holds its final
 * "250" for {@code faults.hold-seconds} (once per mail; the issue saw 400 s). A sender without a
 * read timeout waits all that time inside its job; once the job's lock runs out, the job runs again
 * and sends again. No kill here, so any extra copy is a duplicate.
 */
final class HeldSmtpReply extends Scenario {

  HeldSmtpReply() {
    super(4, "4-held-smtp-reply", "SMTP stores the mail but holds its final reply");
  }

  @Override
  List<String> databases() {
    return List.of("h2", "postgres");
  }

  @Override
  Row run(Rig rig) throws Exception {
    int hold = rig.settings.holdSeconds();
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    List<Tracked> instances = toReview(operator, rig.settings.rounds());
    rig.proxy.holdFinalReply(hold * 1000L);
    long submitted = System.currentTimeMillis();
    for (Tracked t : instances) {
      submitReview(operator, t);
    }
    int deadline = hold + rig.settings.deadlineSeconds();
    settle(rig, () -> operator, instances, after(deadline));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    return row(rig, instances, 0, ledger, deadline,
        "reply held " + hold + " s; " + onboardedFigure(instances, submitted, "the submits"));
  }
}
