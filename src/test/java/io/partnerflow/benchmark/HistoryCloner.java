package io.partnerflow.benchmark;

import io.partnerflow.benchmark.BenchmarkSettings.Database;
import io.partnerflow.benchmark.DashboardTemplates.Kind;
import io.partnerflow.benchmark.DashboardTemplates.Template;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies the rows of finished template instances (engine history and our registry) many times with
 * SQL ({@code insert … select} in batches of clones), so the dashboard sees a big history without the
 * engine running every instance. Each clone {@code n} belongs to one template; every id that is local
 * to the instance gets the clone's tag (engine ids: {@code id || tag}, cut to fit 64; registry ids:
 * the UUID's first 26 characters and the tag, so still 36), and every timestamp is moved to the
 * clone's start and stretched: {@code t' = anchor + (t - templateStart) × stretch}. Definition-level
 * ids (definition, job definition, deployment, activity, task definition key, users and groups) and
 * byte arrays (shared by the clones, which only read them) stay as they are.
 */
final class HistoryCloner {

  /** The engine history tables cloned; every one has ROOT_PROC_INST_ID_. */
  static final List<String> ENGINE_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_IDENTITYLINK", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT", "ACT_HI_OP_LOG");
  /**
   * What the section clones by default: all but ACT_HI_DETAIL (the variable updates, the biggest table, which the
   * dashboard does not read).
   */
  static final List<String> DEFAULT_ENGINE_TABLES = ENGINE_TABLES.stream().filter(t -> !t.equals("ACT_HI_DETAIL"))
      .toList();
  /** Columns ending in ID_ that name something every instance shares: kept. */
  private static final Set<String> DEFINITION_LEVEL = Set.of("PROC_DEF_ID_", "PROCESS_DEF_ID_", "JOB_DEF_ID_",
      "DEPLOYMENT_ID_", "ACT_ID_", "FAILED_ACT_ID_", "FAILED_ACTIVITY_ID_", "START_ACT_ID_", "END_ACT_ID_", "USER_ID_",
      "GROUP_ID_", "TENANT_ID_", "BYTEARRAY_ID_", "JOB_EXCEPTION_STACK_ID_", "ERROR_DETAILS_ID_", "CASE_DEF_ID_",
      "START_USER_ID_", "DECISION_DEF_ID_", "DECISION_REQ_DEF_ID_", "ROOT_PROC_INST_ID_");
  /** Not named …ID_ but holding an instance-local id (a failed-job incident's job and job log entry). */
  private static final Set<String> INSTANCE_LOCAL = Set.of("ID_", "CONFIGURATION_", "HISTORY_CONFIGURATION_");
  private static final int TAG_LENGTH = 10;
  private static final int ENGINE_ID_WIDTH = 64;
  private static final int REGISTRY_ID_WIDTH = 36;

  /** How a registry column is written for a clone. */
  private enum Mapping { REGISTRY_ID, ENGINE_ID, OMIT, MAIL_KEY }

  /** A registry table: how its rows find their template's registry id, and its special columns. */
  private record RegistryTable(String name, String joinOn, Map<String, Mapping> mappings, Map<String, Integer> unique) {}

  /** Parents before children (foreign keys). {@code t} is the row, {@code r} the bench_regid row it belongs to. */
  private static final List<RegistryTable> REGISTRY_TABLES = List.of(
      new RegistryTable("customer", "r.id = t.id",
          Map.of("id", Mapping.REGISTRY_ID, "onboarding_process_instance_id", Mapping.ENGINE_ID),
          Map.of("domain_prefix", 27)),
      new RegistryTable("contact", "r.id = t.customer_id",
          Map.of("id", Mapping.OMIT, "customer_id", Mapping.REGISTRY_ID), Map.of()),
      new RegistryTable("agreement_attestation", "r.id = t.customer_id",
          Map.of("id", Mapping.OMIT, "customer_id", Mapping.REGISTRY_ID), Map.of()),
      new RegistryTable("order_line", "r.id = t.customer_id", Map.of("customer_id", Mapping.REGISTRY_ID), Map.of()),
      new RegistryTable("subscription", "r.id = t.customer_id", Map.of("customer_id", Mapping.REGISTRY_ID),
          Map.of("id", 64)),
      new RegistryTable("invitation", "r.id = t.id",
          Map.of("id", Mapping.REGISTRY_ID, "customer_id", Mapping.REGISTRY_ID, "process_instance_id", Mapping.ENGINE_ID),
          Map.of("domain_prefix", 27, "reply_reference", 32)),
      new RegistryTable("invitation_token", "r.id = t.invitation_id", Map.of("invitation_id", Mapping.REGISTRY_ID),
          Map.of("token_hash", 64)),
      new RegistryTable("relationship_event", "r.id = t.customer_id",
          Map.of("id", Mapping.OMIT, "customer_id", Mapping.REGISTRY_ID, "invitation_id", Mapping.REGISTRY_ID), Map.of()),
      new RegistryTable("referral", "r.id = t.id", Map.of("id", Mapping.REGISTRY_ID, "process_instance_id",
          Mapping.ENGINE_ID, "onboarding_process_instance_id", Mapping.ENGINE_ID), Map.of("external_reference", 200)),
      new RegistryTable("sent_mail", "t.mail_key like ('%' || r.id || '%')", Map.of("mail_key", Mapping.MAIL_KEY),
          Map.of()));

  /** What was seeded: rows per table, clones per kind, seconds. */
  record Result(Map<String, Long> rowsPerTable, int onboardings, int invitations, int referrals, int historyDays,
      double seconds) {}

  private final JdbcTemplate jdbc;
  private final Database database;
  private final int batchClones;
  private final boolean dropIndexes;

  /**
   * {@code dropIndexes}: drop the engine tables' secondary indexes while inserting and build them afterwards
   * (PostgreSQL: 2× faster in all; H2: no faster, its rebuild takes as long as the row-by-row upkeep).
   */
  HistoryCloner(JdbcTemplate jdbc, Database database, int batchClones, boolean dropIndexes) {
    this.jdbc = jdbc;
    this.database = database;
    this.batchClones = batchClones;
    this.dropIndexes = dropIndexes;
  }

  /** The registry rows as they were before the templates ran: only rows created since belong to a template. */
  record RegistrySnapshot(Set<String> customerIds, Set<String> invitationIds, Set<String> referralIds) {}

  RegistrySnapshot snapshot() {
    return new RegistrySnapshot(new HashSet<>(jdbc.queryForList("select id from customer", String.class)),
        new HashSet<>(jdbc.queryForList("select id from invitation", String.class)),
        new HashSet<>(jdbc.queryForList("select id from referral", String.class)));
  }

  Result seed(List<Template> templates, RegistrySnapshot before, int onboardings, int invitations, int referrals,
      List<String> tables, Instant now, int historyDays) {
    long started = System.nanoTime();
    dropHelpers();
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> droppedIndexes = new ArrayList<>();
    try {
      jdbc.execute("create table bench_clone (n integer primary key, tpl varchar(64) not null, tag varchar(10) not null, "
          + "tpl_start timestamp not null, tpl_end timestamp not null, anchor timestamp not null, "
          + "root_end timestamp not null, stretch double precision not null)");
      jdbc.execute("create table bench_regid (id varchar(64) primary key, tpl varchar(64) not null)");
      planClones(templates, Map.of(Kind.ONBOARDING, onboardings, Kind.INVITATION, invitations, Kind.REFERRAL,
          referrals), now, historyDays);
      jdbc.execute("create index bench_clone_tpl on bench_clone (tpl, n)");
      registryIds(templates, before);
      int clones = onboardings + invitations + referrals;
      // Secondary indexes are built once afterwards rather than row by row (H2 sorts a big table's rebuild)
      for (String table : dropIndexes ? tables : List.<String>of()) {
        List<String> creates = secondaryIndexes(table);
        long t0 = System.nanoTime();
        for (String create : creates) {
          jdbc.execute("drop index " + indexName(create));
        }
        droppedIndexes.addAll(creates);
        Benchmark.progress("  %s: dropped %d secondary indexes in %.1f s", table, creates.size(),
            (System.nanoTime() - t0) / 1e9);
      }
      for (String table : tables) {
        long t0 = System.nanoTime();
        rows.put(table, cloneEngineTable(table, clones));
        Benchmark.progress("  %s: %,d rows in %.1f s", table, rows.get(table), (System.nanoTime() - t0) / 1e9);
      }
      for (RegistryTable table : REGISTRY_TABLES) {
        long t0 = System.nanoTime();
        rows.put(table.name(), cloneRegistryTable(table, clones));
        Benchmark.progress("  %s: %,d rows in %.1f s", table.name(), rows.get(table.name()),
            (System.nanoTime() - t0) / 1e9);
      }
    } finally {
      dropHelpers();
      long t0 = System.nanoTime();
      for (String create : List.copyOf(droppedIndexes)) {
        jdbc.execute(create);
        droppedIndexes.remove(create);
      }
      if (!droppedIndexes.isEmpty() || dropIndexes) {
        Benchmark.progress("  recreated the secondary indexes in %.1f s", (System.nanoTime() - t0) / 1e9);
      }
    }
    jdbc.execute("ANALYZE");
    return new Result(rows, onboardings, invitations, referrals, historyDays, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Fails unless the clones hang together: every activity, task and variable belongs to an instance, every task's
   * identity link to a task, every onboarded customer and invitation to an instance, and nothing ends in the future.
   */
  void verify(Instant now) {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("activity instances without their process instance", "select count(*) from ACT_HI_ACTINST a "
        + "where not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = a.PROC_INST_ID_)");
    checks.put("tasks without their process instance", "select count(*) from ACT_HI_TASKINST t "
        + "where not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = t.PROC_INST_ID_)");
    checks.put("task identity links without their task", "select count(*) from ACT_HI_IDENTITYLINK l "
        + "where l.TASK_ID_ is not null and not exists (select 1 from ACT_HI_TASKINST t where t.ID_ = l.TASK_ID_)");
    checks.put("variables without their process instance", "select count(*) from ACT_HI_VARINST v "
        + "where not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = v.PROC_INST_ID_)");
    checks.put("customers without their onboarding", "select count(*) from customer c "
        + "where c.onboarding_process_instance_id is not null "
        + "and not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = c.onboarding_process_instance_id)");
    checks.put("invitations without their instance", "select count(*) from invitation i "
        + "where i.process_instance_id is not null "
        + "and not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = i.process_instance_id)");
    List<String> broken = new ArrayList<>();
    checks.forEach((what, sql) -> {
      Long count = jdbc.queryForObject(sql, Long.class);
      if (count != null && count > 0) {
        broken.add(count + " " + what);
      }
    });
    // The product's processes only: the benchmark's own (benchmark-*, e.g. the serialization section's, kept a
    // day) share the database when every section runs
    Long removedSoon = jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where REMOVAL_TIME_ < ? "
        + "and PROC_DEF_KEY_ not like 'benchmark-%'", Long.class, Timestamp.from(now.plus(Duration.ofDays(1))));
    if (removedSoon != null && removedSoon > 0) {
      broken.add(removedSoon + " instances the history cleanup removes within a day");
    }
    Timestamp latest = jdbc.queryForObject("select max(END_TIME_) from ACT_HI_PROCINST", Timestamp.class);
    if (latest != null && latest.toInstant().isAfter(now.plusSeconds(60))) {
      broken.add("an instance ends in the future (" + latest + ")");
    }
    if (!broken.isEmpty()) {
      throw new IllegalStateException("Cloned history inconsistent: " + String.join("; ", broken));
    }
  }

  // --- the plan -----------------------------------------------------------------------------------

  /**
   * Clone n of a kind goes to its templates in proportion to their weights, interleaved. Its start is spread
   * over the last ~13 months: busier towards now (the business grows), weekdays five times as busy as weekends,
   * office hours (07–18 UTC); its durations are the template's stretched by a log-uniform factor of 100–10,000
   * (seconds of a template become minutes to days), and it ends before now.
   */
  private void planClones(List<Template> templates, Map<Kind, Integer> counts, Instant now, int historyDays) {
    Random random = new Random(counts.values().stream().mapToLong(Integer::longValue).sum());
    List<Object[]> rows = new ArrayList<>();
    int n = 0;
    for (Kind kind : Kind.values()) {
      List<Template> ofKind = templates.stream().filter(t -> t.kind() == kind).toList();
      int count = counts.get(kind);
      if (ofKind.isEmpty() || count == 0) {
        continue;
      }
      List<Template> wheel = new ArrayList<>();
      for (Template template : ofKind) {
        for (int w = 0; w < Math.max(1, template.weight()); w++) {
          wheel.add(template);
        }
      }
      Map<String, Timestamp[]> spans = new LinkedHashMap<>();
      for (Template template : ofKind) {
        Timestamp[] span = jdbc.queryForObject("select START_TIME_, END_TIME_ from ACT_HI_PROCINST where ID_ = ?",
            (rs, i) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)}, template.processInstanceId());
        if (span[1] == null) {
          throw new IllegalStateException("Template " + template.processInstanceId() + " has not ended");
        }
        spans.put(template.processInstanceId(), span);
      }
      for (int i = 0; i < count; i++) {
        n++;
        // A stride coprime to most wheel sizes, so neighbouring clones differ
        Template template = wheel.get((int) ((i * 7919L) % wheel.size()));
        Timestamp[] span = spans.get(template.processInstanceId());
        double stretch = Math.exp(Math.log(100) + random.nextDouble() * (Math.log(10_000) - Math.log(100)));
        // Registry rows may be written a little after the instance's end: a margin of a tenth and a minute
        long stretchedMs = (long) ((span[1].getTime() - span[0].getTime()) * stretch * 1.1) + 60_000;
        Instant anchor = startTime(random, now, historyDays);
        Instant latest = now.minusMillis(stretchedMs);
        if (anchor.isAfter(latest)) {
          anchor = latest.minusSeconds(random.nextInt(3600));
        }
        // The clone's end as its timestamps are moved: anchor + (end - start) × stretch
        Timestamp rootEnd = Timestamp.from(anchor.plusMillis((long) ((span[1].getTime() - span[0].getTime()) * stretch)));
        rows.add(new Object[] {n, template.processInstanceId(), tag(n), span[0], span[1], Timestamp.from(anchor), rootEnd,
            stretch});
      }
    }
    for (List<Object[]> batch : Chunks.of(rows, 5000)) {
      jdbc.batchUpdate("insert into bench_clone (n, tpl, tag, tpl_start, tpl_end, anchor, root_end, stretch) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?)",
          batch);
    }
  }

  private static Instant startTime(Random random, Instant now, int historyDays) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    while (true) {
      int daysAgo = random.nextInt(historyDays);
      // Linear growth: twice as busy now as at the start of the history
      if (random.nextDouble() * 2 > 2 - daysAgo / (double) historyDays) {
        continue;
      }
      LocalDate day = today.minusDays(daysAgo);
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (weekend && random.nextInt(5) > 0) {
        continue;
      }
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(7 * 60 + random.nextInt(11 * 60)))
          .plusSeconds(random.nextInt(60));
      if (start.isBefore(now)) {
        return start;
      }
    }
  }

  /** z and nine digits: no UUID or engine id contains a z, so a cloned id never equals a template's. */
  static String tag(int n) {
    return String.format(Locale.ROOT, "z%09d", n);
  }

  /** The registry rows the templates created: customers (onboarded, or by an accepted invitation) and invitations. */
  private void registryIds(List<Template> templates, RegistrySnapshot before) {
    Set<String> roots = templates.stream().map(Template::processInstanceId).collect(Collectors.toSet());
    Map<String, String> tplById = new LinkedHashMap<>();
    Map<String, String> invitationTpl = new LinkedHashMap<>();
    jdbc.query("select id, process_instance_id, customer_id from invitation", rs -> {
      String id = rs.getString(1);
      if (!before.invitationIds().contains(id) && roots.contains(rs.getString(2))) {
        tplById.put(id, rs.getString(2));
        if (rs.getString(3) != null) {
          invitationTpl.put(rs.getString(3), rs.getString(2));
        }
      }
    });
    jdbc.query("select id, process_instance_id from referral", rs -> {
      if (!before.referralIds().contains(rs.getString(1)) && roots.contains(rs.getString(2))) {
        tplById.put(rs.getString(1), rs.getString(2));
      }
    });
    jdbc.query("select id, onboarding_process_instance_id from customer", rs -> {
      String id = rs.getString(1);
      if (before.customerIds().contains(id)) {
        return;
      }
      String tpl = roots.contains(rs.getString(2)) ? rs.getString(2) : invitationTpl.get(id);
      if (tpl != null) {
        tplById.put(id, tpl);
      }
    });
    jdbc.batchUpdate("insert into bench_regid (id, tpl) values (?, ?)",
        tplById.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
  }

  // --- cloning ------------------------------------------------------------------------------------

  private long cloneEngineTable(String table, int clones) {
    List<Column> columns = columns(table);
    if (columns.stream().noneMatch(c -> c.upper().equals("ROOT_PROC_INST_ID_"))) {
      throw new IllegalStateException(table + " has no ROOT_PROC_INST_ID_: cannot tell its template rows");
    }
    String staging = "bench_s_" + table.toLowerCase(Locale.ROOT);
    jdbc.execute("create table " + staging + " as select t.* from " + table + " t where t.ROOT_PROC_INST_ID_ in "
        + "(select distinct tpl from bench_clone)");
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column column : columns) {
      names.add(column.name());
      String value = "t." + column.name();
      if (column.upper().equals("REMOVAL_TIME_")) {
        value = removalTime(value);
      } else if (column.isTime()) {
        value = shifted(value, column.type());
      } else if (column.isText() && (INSTANCE_LOCAL.contains(column.upper())
          || column.upper().endsWith("ID_") && !DEFINITION_LEVEL.contains(column.upper()))) {
        value = tagged(value, ENGINE_ID_WIDTH);
      } else if (column.upper().equals("ROOT_PROC_INST_ID_")) {
        value = tagged(value, ENGINE_ID_WIDTH);
      } else if (column.upper().equals("TEXT_")) {
        // A variable holding a registry id of the template (customerId, invitationId): the clone's
        value = "case when " + value + " in (select id from bench_regid) then " + tagged(value, REGISTRY_ID_WIDTH)
            + " else " + value + " end";
      } else if (column.upper().equals("DURATION_")) {
        value = "cast(" + value + " * c.stretch as bigint)";
      }
      values.add(value);
    }
    String sql = "insert into " + table + " (" + String.join(", ", names) + ") select " + String.join(", ", values)
        + " from " + staging + " t join bench_clone c on c.tpl = t.ROOT_PROC_INST_ID_ where c.n between ? and ?";
    return insertInBatches(sql, clones);
  }

  private long cloneRegistryTable(RegistryTable table, int clones) {
    List<Column> columns = columns(table.name());
    String staging = "bench_s_" + table.name();
    jdbc.execute("create table " + staging + " as select t.*, r.tpl as bench_tpl, r.id as bench_rid from "
        + table.name() + " t join bench_regid r on " + table.joinOn());
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column column : columns) {
      String lower = column.name().toLowerCase(Locale.ROOT);
      Mapping mapping = table.mappings().get(lower);
      if (mapping == Mapping.OMIT) {
        continue;
      }
      names.add(column.name());
      String value = "t." + column.name();
      if (mapping == Mapping.REGISTRY_ID) {
        value = "case when " + value + " in (select id from bench_regid) then " + tagged(value, REGISTRY_ID_WIDTH)
            + " else " + value + " end";
      } else if (mapping == Mapping.ENGINE_ID) {
        value = tagged(value, ENGINE_ID_WIDTH);
      } else if (mapping == Mapping.MAIL_KEY) {
        value = "replace(" + value + ", t.bench_rid, " + tagged("t.bench_rid", REGISTRY_ID_WIDTH) + ")";
      } else if (table.unique().containsKey(lower)) {
        value = tagged(value, table.unique().get(lower));
      } else if (column.isTime()) {
        value = shifted(value, column.type());
      }
      values.add(value);
    }
    String sql = "insert into " + table.name() + " (" + String.join(", ", names) + ") select "
        + String.join(", ", values) + " from " + staging + " t join bench_clone c on c.tpl = t.bench_tpl "
        + "where c.n between ? and ?";
    return insertInBatches(sql, clones);
  }

  private long insertInBatches(String sql, int clones) {
    long rows = 0;
    for (int first = 1; first <= clones; first += batchClones) {
      rows += jdbc.update(sql, first, Math.min(clones, first + batchClones - 1));
    }
    return rows;
  }

  /** The value with the clone's tag, cut so it fits {@code width}: the same function wherever the id appears. */
  private static String tagged(String value, int width) {
    int keep = width - TAG_LENGTH;
    return "case when " + value + " is null then null when length(" + value + ") <= " + keep + " then " + value
        + " || c.tag else substring(" + value + " from 1 for " + keep + ") || c.tag end";
  }

  /**
   * The engine's removal time (the root instance's end plus the definition's time-to-live): the clone's end plus
   * what the template had, so history cleanup removes a clone exactly when it would remove such an instance.
   */
  private String removalTime(String value) {
    return switch (database) {
      case H2 -> "dateadd(millisecond, datediff(millisecond, c.tpl_end, " + value + "), c.root_end)";
      case POSTGRES -> "(c.root_end + (" + value + " - c.tpl_end))";
    };
  }

  /** anchor + (t - template start) × stretch, in the column's type. */
  private String shifted(String value, int type) {
    String timestamp = type == Types.DATE ? "cast(" + value + " as timestamp)" : value;
    String moved = switch (database) {
      case H2 -> "dateadd(millisecond, cast(datediff(millisecond, c.tpl_start, " + timestamp
          + ") * c.stretch as bigint), c.anchor)";
      case POSTGRES -> "(c.anchor + (extract(epoch from (" + timestamp + " - c.tpl_start)) * c.stretch) "
          + "* interval '1 second')";
    };
    return type == Types.DATE ? "cast(" + moved + " as date)" : moved;
  }

  private record Column(String name, int type) {
    String upper() {
      return name.toUpperCase(Locale.ROOT);
    }

    boolean isTime() {
      return type == Types.TIMESTAMP || type == Types.DATE || type == Types.TIMESTAMP_WITH_TIMEZONE;
    }

    boolean isText() {
      return type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR || type == Types.LONGVARCHAR
          || type == Types.CLOB;
    }
  }

  private List<Column> columns(String table) {
    List<Column> columns = jdbc.execute((java.sql.Connection connection) -> {
      DatabaseMetaData meta = connection.getMetaData();
      String name = database == Database.POSTGRES ? table.toLowerCase(Locale.ROOT) : table.toUpperCase(Locale.ROOT);
      List<Column> found = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, database == Database.POSTGRES ? "public" : "PUBLIC", name, null)) {
        while (rs.next()) {
          found.add(new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")));
        }
      }
      return found;
    });
    if (columns == null || columns.isEmpty()) {
      throw new IllegalStateException("No columns found for table " + table);
    }
    return columns;
  }

  /** {@code create index} statements of the table's indexes that back no primary key or unique constraint. */
  List<String> secondaryIndexes(String table) {
    if (database == Database.POSTGRES) {
      return jdbc.queryForList("select pg_get_indexdef(i.indexrelid) from pg_index i join pg_class t on t.oid = i.indrelid "
          + "where t.relname = ? and not i.indisprimary and not i.indisunique "
          + "and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)", String.class,
          table.toLowerCase(Locale.ROOT));
    }
    Map<String, List<String>> columns = new LinkedHashMap<>();
    jdbc.query("select i.INDEX_NAME, c.COLUMN_NAME, c.ORDERING_SPECIFICATION from INFORMATION_SCHEMA.INDEXES i "
        + "join INFORMATION_SCHEMA.INDEX_COLUMNS c on c.INDEX_SCHEMA = i.INDEX_SCHEMA and c.INDEX_NAME = i.INDEX_NAME "
        + "and c.TABLE_NAME = i.TABLE_NAME where i.TABLE_SCHEMA = 'PUBLIC' and i.TABLE_NAME = ? "
        + "and i.INDEX_TYPE_NAME = 'INDEX' and not exists (select 1 from INFORMATION_SCHEMA.TABLE_CONSTRAINTS k "
        + "where k.INDEX_NAME = i.INDEX_NAME and k.TABLE_SCHEMA = i.TABLE_SCHEMA) order by i.INDEX_NAME, c.ORDINAL_POSITION",
        rs -> {
          columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add("\"" + rs.getString(2) + "\"" + ("DESC".equals(rs.getString(3)) ? " desc" : ""));
        }, table.toUpperCase(Locale.ROOT));
    return columns.entrySet().stream().map(e -> "create index \"" + e.getKey() + "\" on " + table + " ("
        + String.join(", ", e.getValue()) + ")").toList();
  }

  /** The (quoted, as it was) index name of a create index statement. */
  private static String indexName(String create) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)create\\s+index\\s+(\"[^\"]+\"|\\S+)\\s+on")
        .matcher(create);
    if (!m.find()) {
      throw new IllegalStateException("Not a create index statement: " + create);
    }
    return m.group(1);
  }

  private void dropHelpers() {
    List<String> helpers = new ArrayList<>(List.of("bench_clone", "bench_regid"));
    ENGINE_TABLES.forEach(t -> helpers.add("bench_s_" + t.toLowerCase(Locale.ROOT)));
    REGISTRY_TABLES.forEach(t -> helpers.add("bench_s_" + t.name()));
    for (String helper : helpers) {
      jdbc.execute("drop table if exists " + helper);
    }
  }
}
