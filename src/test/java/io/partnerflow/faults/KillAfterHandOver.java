package io.partnerflow.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: the operator's "Hand over admin credentials" is answered 204, and within 0–0.2 s the
 * node dies (kill -9) on its H2 file. After the restart, is the instance back at the hand-over?
 */
final class KillAfterHandOver extends Scenario {

  KillAfterHandOver() {
    super(1, "1-kill-after-hand-over", "kill -9 0–0.2 s after *Hand over admin credentials* answered 204");
  }

  @Override
  List<String> databases() {
    return List.of("h2");
  }

  @Override
  Row run(Rig rig) throws Exception {
    Node node = rig.startNode(1);
    Operator operator = rig.operator(node);
    List<Tracked> instances = new ArrayList<>();
    int undone = 0;
    for (int round = 0; round < rig.settings.rounds(); round++) {
      Tracked t = toReview(operator, 1).get(0);
      instances.add(t);
      submitReview(operator, t);
      if (operator.handOver(t.pi, STEP) != 204) {
        throw new IllegalStateException("hand-over of " + t.pi + " not acknowledged");
      }
      t.handOverAcknowledgedAt = System.currentTimeMillis();
      sleep(rig.random.nextInt(201));
      rig.kill(node);
      rig.restart(node);
      undone += countUndone(operator, instances, rig.notes);
    }
    settle(rig, () -> operator, instances, after(rig.settings.deadlineSeconds()));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    return row(rig, instances, undone, ledger, rig.settings.deadlineSeconds(),
        "kill 0–200 ms after the 204; " + rig.startupFigure());
  }
}
