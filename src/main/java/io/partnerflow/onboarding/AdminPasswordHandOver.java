package io.partnerflow.onboarding;

import io.partnerflow.customer.AdminPasswordGenerator;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The temporary admin password of one hand-over task, kept outside the engine (no variable, no
 * history): created the first time the task's assignee opens it, the same on every later view by
 * that assignee, and deleted when the task ends.
 */
@Component
public class AdminPasswordHandOver {

  private final JdbcClient jdbc;
  private final AdminPasswordGenerator generator;
  private final Clock clock;

  public AdminPasswordHandOver(JdbcClient jdbc, AdminPasswordGenerator generator, Clock clock) {
    this.jdbc = jdbc;
    this.generator = generator;
    this.clock = clock;
  }

  /** The task's password, created now if this is its first showing. */
  public String passwordFor(String taskId) {
    Optional<String> existing = find(taskId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      String password = generator.generate();
      jdbc.sql("INSERT INTO admin_password_handover (task_id, password, created_at) VALUES (?, ?, ?)")
          .params(taskId, password, Timestamp.from(clock.instant()))
          .update();
      return password;
    } catch (DuplicateKeyException concurrentFirstShowing) {
      return find(taskId).orElseThrow();
    }
  }

  /** Whether a password was created for the task (and not yet discarded). */
  public boolean exists(String taskId) {
    return find(taskId).isPresent();
  }

  public void discard(String taskId) {
    jdbc.sql("DELETE FROM admin_password_handover WHERE task_id = ?").param(taskId).update();
  }

  private Optional<String> find(String taskId) {
    return jdbc.sql("SELECT password FROM admin_password_handover WHERE task_id = ?").param(taskId)
        .query(String.class).optional();
  }
}
