package io.partnerflow.benchmark;

import java.util.Arrays;
import java.util.Map;

/**
 * A configuration the product runs in for one part of the benchmark: a fresh database and engine
 * each. {@code product} is application.yml as shipped; the others undo or try one tuning step, so
 * every before/after in the README can be rerun.
 */
enum Variant {
  PRODUCT("product", "application.yml as shipped", Map.of()),

  /** H2 only, before: H2's default write delay (500 ms), which lost acknowledged commits on kill -9. */
  H2_DELAYED_WRITES("h2-delayed-writes", "H2 without WRITE_DELAY=0 (its default 500 ms; loses commits on kill -9)",
      Map.of("spring.datasource.url", "jdbc:h2:file:" + Variant.H2_FILE + ";DB_CLOSE_ON_EXIT=FALSE")),

  /** The tuning tried and rejected: a small fixed pool taking more jobs per acquisition, short idle waits. */
  JOB_EXECUTOR_SMALL_POOL("job-executor-small-pool", "job executor: 4 threads, 8 jobs per acquisition, 100 ms-1 s idle wait",
      Map.of(
          "camunda.bpm.job-execution.core-pool-size", "4",
          "camunda.bpm.job-execution.max-pool-size", "4",
          "camunda.bpm.job-execution.queue-capacity", "8",
          "camunda.bpm.job-execution.max-jobs-per-acquisition", "8",
          "camunda.bpm.job-execution.wait-time-in-millis", "100",
          "camunda.bpm.job-execution.max-wait", "1000")),

  /** Before our history filter: every intermediate variable value in ACT_HI_DETAIL. */
  HISTORY_ALL_VARIABLE_DETAILS("history-all-variable-details", "every variable update as a history detail",
      Map.of("partnerflow.history.variable-details", "all")),

  /** Before: the starter publishes every execution, task and history event as a Spring event. */
  EVENTING_ON("eventing-on", "the starter's Spring eventing on (its default)", Map.of(
      "camunda.bpm.eventing.execution", "true",
      "camunda.bpm.eventing.task", "true",
      "camunda.bpm.eventing.history", "true")),

  HISTORY_AUDIT("history-audit", "history level audit instead of full", Map.of("camunda.bpm.history-level", "audit")),

  /** PostgreSQL only, before: one INSERT statement per row of the engine's batched flush. */
  NO_REWRITE_BATCHED_INSERTS("no-rewrite-batched-inserts", "PostgreSQL reWriteBatchedInserts=false", Map.of(
      "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "false")),

  /** PostgreSQL only: commits acknowledged before the WAL reaches disk (a crash may lose the last ones). */
  ASYNC_COMMIT("async-commit", "PostgreSQL synchronous_commit=off (measured, not shipped)", Map.of(
      "spring.datasource.hikari.connection-init-sql", "SET synchronous_commit = off")),

  /** Lets the serialization section measure Java-serialized variables, which the product's engine rejects. */
  JAVA_SERIALIZATION_ALLOWED("java-serialization-allowed", "Java-serialized variables allowed (measured, not shipped)",
      Map.of("camunda.bpm.generic-properties.properties.java-serialization-format-enabled", "true"));

  /** Stands for the variant's H2 database file in property values. */
  static final String H2_FILE = "{h2-file}";

  final String id;
  final String description;
  final Map<String, String> properties;

  Variant(String id, String description, Map<String, String> properties) {
    this.id = id;
    this.description = description;
    this.properties = properties;
  }

  static Variant byId(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("benchmark.variants: unknown variant '" + id + "'; known: "
            + Arrays.stream(values()).map(v -> v.id).toList()));
  }
}
