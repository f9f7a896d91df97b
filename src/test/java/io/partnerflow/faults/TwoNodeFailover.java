package io.partnerflow.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scenario 5: two nodes on one PostgreSQL database; {@code faults.submits} Review submits alternate
 * between them, and node 1 is killed during them, right after one of its submits, as soon as its
 * job executor holds a job (at most 1.5 s later). The survivor takes the rest. Fail-over time = from
 * the kill until the last job node 1 had locked has completed on the survivor (it waits for the lock
 * to expire). Node 1's lock owner is the owner of the lock on a job of an instance submitted to it.
 */
final class TwoNodeFailover extends Scenario {

  TwoNodeFailover() {
    super(5, "5-two-node-failover", "two nodes, one killed during the submits");
  }

  @Override
  List<String> databases() {
    return List.of("postgres");
  }

  @Override
  Row run(Rig rig) throws Exception {
    Node first = rig.startNode(1);
    Node second = rig.startNode(2);
    Operator one = rig.operator(first);
    Operator two = rig.operator(second);
    int submits = rig.settings.submits();
    List<Tracked> instances = toReview(two, submits);
    int killAfter = submits / 4 + rig.random.nextInt(Math.max(1, submits / 2));
    Set<String> lockedAtKill = Set.of();
    long killedAt = 0;
    List<String> submittedToFirst = new ArrayList<>();
    for (int i = 0; i < submits; i++) {
      Tracked t = instances.get(i);
      boolean toFirst = first.alive() && i % 2 == 0;
      submitReview(toFirst ? one : two, t);
      if (toFirst) {
        submittedToFirst.add(t.pi);
      }
      if (toFirst && i >= killAfter && killedAt == 0) {
        lockedAtKill = waitForOwnLock(rig, submittedToFirst, System.currentTimeMillis() + 1500);
        killedAt = rig.kill(first);
      }
    }
    long failover = awaitJobsGone(rig, lockedAtKill, killedAt, rig.settings.failoverDeadlineSeconds());
    settle(rig, () -> two, instances, after(rig.settings.failoverDeadlineSeconds()));
    rig.stopAll();
    Ledger ledger = Ledger.count(rig, instances);
    String figure = lockedAtKill.isEmpty() ? "node 1 held no job lock at the kill"
        : failover < 0 ? lockedAtKill.size() + " locked job(s) of node 1 not done within "
            + rig.settings.failoverDeadlineSeconds() + " s"
        : "fail-over of node 1's " + lockedAtKill.size() + " locked job(s): " + seconds(failover);
    return row(rig, instances, 0, ledger, rig.settings.failoverDeadlineSeconds(), figure);
  }

  /** Polls until a job of an instance submitted to node 1 is locked, then returns all jobs of that owner. */
  private static Set<String> waitForOwnLock(Rig rig, List<String> pis, long until) throws Exception {
    try (Connection connection = rig.db.connect()) {
      do {
        String owner = lockOwner(connection, pis);
        if (owner != null) {
          return jobsLockedBy(connection, owner);
        }
        Thread.sleep(5);
      } while (System.currentTimeMillis() < until);
    }
    return Set.of();
  }

  private static String lockOwner(Connection connection, List<String> pis) throws Exception {
    String marks = String.join(",", pis.stream().map(p -> "?").toList());
    try (PreparedStatement statement = connection.prepareStatement("select LOCK_OWNER_ from ACT_RU_JOB"
        + " where LOCK_OWNER_ is not null and PROCESS_INSTANCE_ID_ in (" + marks + ")")) {
      for (int i = 0; i < pis.size(); i++) {
        statement.setString(i + 1, pis.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static Set<String> jobsLockedBy(Connection connection, String owner) throws Exception {
    Set<String> ids = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "select ID_ from ACT_RU_JOB where LOCK_OWNER_ = ?")) {
      statement.setString(1, owner);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** Milliseconds from the kill until none of these jobs is left, or -1 at the deadline. */
  private static long awaitJobsGone(Rig rig, Set<String> jobs, long killedAt, int deadlineSeconds) throws Exception {
    if (jobs.isEmpty()) {
      return 0;
    }
    long until = killedAt + deadlineSeconds * 1000L;
    try (Connection connection = rig.db.connect()) {
      while (System.currentTimeMillis() < until) {
        int left = 0;
        for (String id : jobs) {
          try (PreparedStatement statement = connection.prepareStatement("select 1 from ACT_RU_JOB where ID_ = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
              left += rows.next() ? 1 : 0;
            }
          }
        }
        if (left == 0) {
          return System.currentTimeMillis() - killedAt;
        }
        Thread.sleep(250);
      }
    }
    return -1;
  }
}
