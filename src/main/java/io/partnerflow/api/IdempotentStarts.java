package io.partnerflow.api;

import io.partnerflow.validation.Violation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a process at most once per client request id (header {@value #HEADER}), recorded in table
 * {@code api_request}. The row is inserted before the process starts, in the same transaction, so
 * a concurrent request with the same key waits on (or collides with) that row, starts nothing, and
 * answers with the instance the first request started once that one has committed.
 *
 * <p>The same key again is a replay only for the same operation, the same user and the same
 * request: the start variables are compared with those the instance was started with (the
 * engine's initial history details); anything else is a {@link IdempotencyConflictException}.
 */
@Component
public class IdempotentStarts {

  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_KEY_LENGTH = 100;

  /** process_instance_id until the start returns, inside the inserting transaction only. */
  static final String PENDING = "pending";
  private static final Duration CONCURRENT_WAIT = Duration.ofSeconds(15);
  private static final int MAX_ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final HistoryService historyService;
  private final Clock clock;

  public IdempotentStarts(JdbcClient jdbc, PlatformTransactionManager transactionManager,
      HistoryService historyService, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.historyService = historyService;
    this.clock = clock;
  }

  /** A row of {@code api_request}. */
  record ApiRequest(String clientRequestId, String operation, String processInstanceId, String requestedBy,
      Instant createdAt) {}

  /** The instance for the key and whether this call started it. */
  public record Started(String processInstanceId, boolean created) {}

  /** The header's rules: present and 1 to {@value #MAX_KEY_LENGTH} characters (not only blanks). */
  public static List<Violation> checkKey(String key) {
    List<Violation> violations = new ArrayList<>();
    if (key == null || key.isBlank()) {
      violations.add(new Violation(HEADER, "required",
          "Header " + HEADER + " is required: the client's id of this request (1 to " + MAX_KEY_LENGTH
              + " characters), so that a retried request starts nothing twice"));
    } else if (key.length() > MAX_KEY_LENGTH) {
      violations.add(new Violation(HEADER, "max-length",
          "Header " + HEADER + " must be at most " + MAX_KEY_LENGTH + " characters (it has " + key.length() + ")"));
    }
    return violations;
  }

  /**
   * Starts the process with {@code starter} (which returns the new instance's id) unless the key was
   * used before; then returns that instance.
   *
   * @param startVariables the variables the request starts the process with, compared on a replay
   * @throws IdempotencyConflictException the key was used for something else
   */
  public Started start(String key, String operation, String userId, Map<String, Object> startVariables,
      Supplier<String> starter) {
    for (int attempt = 1; ; attempt++) {
      Optional<ApiRequest> existing = find(key);
      if (existing.isPresent()) {
        return replay(existing.get(), operation, userId, startVariables);
      }
      AtomicBoolean inserted = new AtomicBoolean();
      try {
        String processInstanceId = transaction.execute(status -> {
          jdbc.sql("""
              insert into api_request (client_request_id, operation, process_instance_id, requested_by, created_at)
              values (?, ?, ?, ?, ?)""")
              .params(key, operation, PENDING, userId, Timestamp.from(clock.instant()))
              .update();
          inserted.set(true);
          String id = starter.get();
          jdbc.sql("update api_request set process_instance_id = ? where client_request_id = ?")
              .params(id, key).update();
          return id;
        });
        return new Started(processInstanceId, true);
      } catch (DuplicateKeyException | TransientDataAccessException e) {
        if (inserted.get()) {
          throw e; // not our row: something in the process itself
        }
        // A request with the same key is (or was) under way: answer with its instance once committed.
        // PostgreSQL waits for the other transaction and then reports the duplicate; H2 may report
        // the duplicate at once or give up waiting for the row lock (a lock timeout).
        Optional<ApiRequest> winner = awaitCommitted(key);
        if (winner.isPresent()) {
          return replay(winner.get(), operation, userId, startVariables);
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        // the other request rolled back: try again
      }
    }
  }

  Optional<ApiRequest> find(String key) {
    return jdbc.sql("select * from api_request where client_request_id = ?").param(key)
        .query((rs, n) -> new ApiRequest(rs.getString("client_request_id"), rs.getString("operation"),
            rs.getString("process_instance_id"), rs.getString("requested_by"),
            rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  private Optional<ApiRequest> awaitCommitted(String key) {
    long deadline = System.nanoTime() + CONCURRENT_WAIT.toNanos();
    while (true) {
      Optional<ApiRequest> row = find(key);
      if (row.isPresent() || System.nanoTime() > deadline) {
        return row;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private Started replay(ApiRequest existing, String operation, String userId, Map<String, Object> startVariables) {
    if (!existing.operation().equals(operation)) {
      throw new IdempotencyConflictException(HEADER + " '" + existing.clientRequestId()
          + "' was already used for another operation (" + existing.operation() + ")");
    }
    if (!existing.requestedBy().equals(userId)) {
      throw new IdempotencyConflictException(HEADER + " '" + existing.clientRequestId()
          + "' was already used by another user");
    }
    List<String> differing = differingVariables(existing.processInstanceId(), startVariables);
    if (!differing.isEmpty()) {
      throw new IdempotencyConflictException(HEADER + " '" + existing.clientRequestId()
          + "' was already used with a different request (differs in " + String.join(", ", differing) + ")");
    }
    return new Started(existing.processInstanceId(), false);
  }

  /**
   * The request's variables whose values differ from those the instance was started with. Empty
   * when the engine keeps no initial history details (history level below full): then the
   * operation and the user decide alone.
   */
  private List<String> differingVariables(String processInstanceId, Map<String, Object> startVariables) {
    List<HistoricDetail> details = historyService.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().initial().list();
    if (details.isEmpty()) {
      return List.of();
    }
    Map<String, Object> initial = new HashMap<>();
    for (HistoricDetail detail : details) {
      if (detail instanceof HistoricVariableUpdate update && !initial.containsKey(update.getVariableName())) {
        initial.put(update.getVariableName(), update.getValue());
      }
    }
    List<String> differing = new ArrayList<>();
    startVariables.forEach((name, value) -> {
      if (!Objects.equals(normalize(value), normalize(initial.get(name)))) {
        differing.add(name);
      }
    });
    return differing;
  }

  private static Object normalize(Object value) {
    return value instanceof String text && text.isEmpty() ? null : value;
  }
}
