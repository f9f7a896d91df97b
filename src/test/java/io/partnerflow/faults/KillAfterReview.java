package io.partnerflow.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios 2 and 3: a batch of Review submits answered 204, then kill -9 0–1.8 s after the last,
 * while provisioning and the welcome mail run as jobs against the external SMTP server; restart on
 * the same database. Do all finish, with one mail and one subscription each?
 */
final class KillAfterReview extends Scenario {

  private final String database;

  KillAfterReview(int number, String database) {
    super(number, number + "-kill-after-review-" + database,
        "kill -9 0–1.8 s after *Review* submit, external SMTP");
    this.database = database;
  }

  @Override
  List<String> databases() {
    return List.of(database);
  }

  @Override
  Row run(Rig rig) throws Exception {
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    List<Tracked> instances = new ArrayList<>();
    int undone = 0;
    long lastRestart = 0;
    for (int round = 0; round < rig.settings.rounds(); round++) {
      List<Tracked> batch = toReview(operator, rig.settings.batch());
      instances.addAll(batch);
      for (Tracked t : batch) {
        submitReview(operator, t);
      }
      sleep(rig.random.nextInt(1801));
      rig.kill(node);
      rig.restart(node);
      lastRestart = System.currentTimeMillis();
      undone += countUndone(operator, instances, rig.notes);
    }
    settle(rig, () -> operator, instances, after(rig.settings.deadlineSeconds()));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    return row(rig, instances, undone, ledger, rig.settings.deadlineSeconds(),
        onboardedFigure(instances, lastRestart, "the last restart") + "; " + rig.startupFigure());
  }
}
