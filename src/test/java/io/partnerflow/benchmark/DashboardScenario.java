package io.partnerflow.benchmark;

import io.partnerflow.benchmark.BenchmarkSettings.Database;
import io.partnerflow.benchmark.DashboardTemplates.Kind;
import io.partnerflow.benchmark.DashboardTemplates.Template;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.referral.ReferralProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The manager dashboard at a big history: runs a few real instances of each outcome
 * ({@link DashboardTemplates}), times the page at that small history (the baseline), clones the
 * templates' rows into 100,000 finished onboardings and 100,000 invitations ({@link HistoryCloner}),
 * and times the page again, signed in as the manager, for a few periods and zones; if the migrations
 * create {@code dashboard_*} indexes, also without them. Runs last: it leaves its rows in the
 * variant's own database.
 */
final class DashboardScenario {

  static final String ONBOARDINGS_PROPERTY = "benchmark.dashboard.onboardings";
  static final String INVITATIONS_PROPERTY = "benchmark.dashboard.invitations";
  static final String CALLS_PROPERTY = "benchmark.dashboard.calls";
  static final String PAGE_PROPERTY = "benchmark.dashboard.page";
  static final int FULL_SIZE = 100_000;
  static final int FULL_CALLS = 200;
  static final String BATCH_PROPERTY = "benchmark.dashboard.batch";
  private static final String INDEX_PREFIX = "dashboard_";

  private DashboardScenario() {}

  /** 100,000 by default; 500 per onboarding of benchmark.n when that is small (CI's n = 4 seeds 2,000). */
  static int onboardings(BenchmarkSettings settings) {
    return SectionTiming.positiveProperty(ONBOARDINGS_PROPERTY, Math.min(FULL_SIZE, 500 * settings.instances()));
  }

  /** Referrals come in at a tenth of the onboardings (at least one of each template's). */
  static int referrals(int onboardings) {
    return Math.max(1, onboardings / 10);
  }

  static int invitations(BenchmarkSettings settings) {
    return SectionTiming.positiveProperty(INVITATIONS_PROPERTY, Math.min(FULL_SIZE, 500 * settings.invitations()));
  }

  /** 200 by default; 5 per onboarding of benchmark.n when that is small (CI: 20). */
  static int calls(BenchmarkSettings settings) {
    return SectionTiming.positiveProperty(CALLS_PROPERTY, Math.min(FULL_CALLS, 5 * settings.instances()));
  }

  /**
   * Clones per insert statement: H2 slows down with big statements (54,000 activity rows took 9.4 s in statements
   * of 2,000 clones, 3.9 s in statements of 50), PostgreSQL does not (and inserts without the secondary indexes).
   */
  static int batchClones(Database database) {
    return database == Database.H2 ? 100 : 2000;
  }

  /**
   * Over how many days the clones start: about 13 months, but within the history time-to-live the product is
   * configured with (partnerflow.history.time-to-live, P180D as shipped), less a week for the longest clones, since
   * Camunda's history cleanup removes what is older every night (and would remove clones during the run).
   */
  static int historyDays(Duration timeToLive) {
    return (int) Math.max(7, Math.min(395, timeToLive.toDays() - 7));
  }

  private static int historyDays(BenchmarkApp app) {
    String ttl = app.context.getEnvironment().getProperty("partnerflow.history.time-to-live");
    return historyDays(ttl == null || ttl.isBlank() ? Duration.ofDays(395 + 7) : Duration.parse(ttl));
  }

  static String page() {
    return BenchmarkSettings.property(PAGE_PROPERTY, "/dashboard");
  }

  /** A period the manager looks at: its query string (empty: the page's defaults). */
  record Period(String label, String query) {}

  static List<Period> periods(LocalDate todayUtc) {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZoneId newYork = ZoneId.of("America/New_York");
    // The previous calendar quarter (today's date in UTC; in Berlin it differs only around midnight)
    LocalDate quarterStart = todayUtc.withDayOfMonth(1).withMonth(((todayUtc.getMonthValue() - 1) / 3) * 3 + 1)
        .minusMonths(3);
    LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
    return List.of(
        new Period("last 30 days, UTC (the defaults)", ""),
        new Period("last quarter (" + quarterStart + " – " + quarterEnd + "), Europe/Berlin",
            "from=" + quarterStart + "&to=" + quarterEnd + "&zone=" + berlin.getId()),
        new Period("last 12 months, America/New_York",
            "from=" + todayUtc.minusMonths(12).plusDays(1) + "&to=" + todayUtc + "&zone=" + newYork.getId()));
  }

  private record Timing(List<Long> nanos) {
    double percentileMs(int p) {
      return Summary.percentile(nanos, p) / 1e6;
    }

    double maxMs() {
      return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
  }

  static String run(BenchmarkApp app, BenchmarkSettings settings, String variant) throws Exception {
    int onboardings = onboardings(settings);
    int invitations = invitations(settings);
    int calls = calls(settings);
    int warmup = Math.max(5, calls / 10);
    String page = page();
    JdbcTemplate jdbc = app.context.getBean(JdbcTemplate.class);
    HistoryCloner cloner = new HistoryCloner(jdbc, settings.database(),
        SectionTiming.positiveProperty(BATCH_PROPERTY, batchClones(settings.database())),
        settings.database() == Database.POSTGRES);
    PageClient client = new PageClient(app.port, "manager", app.managerPassword);
    List<Period> periods = periods(LocalDate.now(java.time.ZoneOffset.UTC));

    long started = System.nanoTime();
    HistoryCloner.RegistrySnapshot before = cloner.snapshot();
    DashboardTemplates driver = new DashboardTemplates(app, settings.timeoutMs(), "d" + Math.floorMod(variant.hashCode(), 100));
    List<Template> templates = driver.run();
    double templateSeconds = (System.nanoTime() - started) / 1e9;
    Benchmark.progress("%s dashboard: %d template instances in %.1f s", variant, templates.size(), templateSeconds);
    jdbc.execute("ANALYZE");
    double smallRefresh = refreshFacts(app, jdbc);
    String smallHistory = historySize(jdbc);
    // The page must answer before anything is seeded: a broken page fails here, not after minutes of seeding.
    // (Not before the templates: on an empty history the dashboard of 2026-12-06 answers 500, HistoryReach's
    // min(start_time_) being null.)
    client.get(page, periods.get(0).query());

    Map<Period, Timing> small = time(client, page, periods, warmup, calls);
    Benchmark.progress("%s dashboard: timed at the small history (%s)", variant, smallHistory);

    HistoryCloner.Result seeded = cloner.seed(templates, before, onboardings, invitations, referrals(onboardings),
        HistoryCloner.DEFAULT_ENGINE_TABLES, Instant.now(), historyDays(app));
    Benchmark.progress("%s dashboard: seeded %d onboardings and %d invitations in %.1f s (%s)", variant, onboardings,
        invitations, seeded.seconds(), seeded.rowsPerTable());
    long verifying = System.nanoTime();
    cloner.verify(Instant.now());
    Benchmark.progress("%s dashboard: the clones hang together (checked in %.1f s)", variant,
        (System.nanoTime() - verifying) / 1e9);
    // The facts as a node that ran through all of this history would have them: rebuilt from all of it (their
    // incremental refresh reads only what ended since the last one, and the clones ended in the past)
    double largeRefresh = refreshFacts(app, jdbc);
    Benchmark.progress("%s dashboard: facts rebuilt from all history in %.1f s", variant, largeRefresh);
    String largeHistory = historySize(jdbc);
    if (page.startsWith("/dashboard")) {
      requireSeen(client.body(page, periods.get(2).query()), onboardings);
    }
    Map<Period, Timing> large = time(client, page, periods, warmup, calls);
    Benchmark.progress("%s dashboard: timed at the large history (%s)", variant, largeHistory);

    Map<String, String> createStatements = RegistryScenario.migrationIndexes(settings.database());
    Set<String> ours = createStatements.keySet().stream().filter(i -> i.startsWith(INDEX_PREFIX))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Map<Period, Timing> withoutIndexes = Map.of();
    if (!ours.isEmpty()) {
      Set<String> dropped = new LinkedHashSet<>();
      try {
        RegistryScenario.setIndexes(jdbc, ours, dropped, createStatements);
        withoutIndexes = time(client, page, periods, warmup, calls);
      } finally {
        RegistryScenario.setIndexes(jdbc, Set.of(), dropped, createStatements);
      }
      Benchmark.progress("%s dashboard: timed without %s", variant, ours);
    }
    return report(settings, variant, page, calls, warmup, templates, driver.notes(), templateSeconds, seeded,
        smallHistory, largeHistory, periods, small, large, ours, withoutIndexes, smallRefresh, largeRefresh);
  }

  /** Rebuilds the dashboard's facts from all history, as its first refresh does; seconds taken. */
  private static double refreshFacts(BenchmarkApp app, JdbcTemplate jdbc) {
    long started = System.nanoTime();
    for (String facts : List.of("dashboard_instance", "dashboard_task", "dashboard_job")) {
      jdbc.update("delete from " + facts);
    }
    jdbc.update("update dashboard_refresh set refreshed_to = null where name = 'facts'");
    app.context.getBean(io.partnerflow.dashboard.DashboardFacts.class).refresh();
    jdbc.execute("ANALYZE");
    return (System.nanoTime() - started) / 1e9;
  }

  /** The dashboard counts the clones: the last 12 months hold most of the 13 months they are spread over. */
  private static void requireSeen(String body, int onboardings) {
    java.util.regex.Matcher started = java.util.regex.Pattern.compile("([0-9][0-9,.]*) onboardings started in the period")
        .matcher(body);
    if (!started.find()) {
      throw new IllegalStateException("Dashboard page shows no \"… onboardings started in the period\"");
    }
    long shown = Long.parseLong(started.group(1).replaceAll("[^0-9]", ""));
    if (shown < onboardings / 2) {
      throw new IllegalStateException("Dashboard shows " + shown + " onboardings started in the last 12 months, "
          + "fewer than half of the " + onboardings + " seeded over 13 months");
    }
  }

  private static Map<Period, Timing> time(PageClient client, String page, List<Period> periods, int warmup, int calls)
      throws Exception {
    Map<Period, Timing> timings = new LinkedHashMap<>();
    for (Period period : periods) {
      for (int i = 0; i < warmup; i++) {
        client.get(page, period.query());
      }
      List<Long> nanos = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        nanos.add(client.get(page, period.query()));
      }
      timings.put(period, new Timing(nanos));
      Benchmark.progress("  %s: p50 %.0f ms, p99 %.0f ms", period.label(), timings.get(period).percentileMs(50),
          timings.get(period).percentileMs(99));
    }
    return timings;
  }

  /** Finished onboardings and invitations in the engine's history. */
  private static String historySize(JdbcTemplate jdbc) {
    return String.format(Locale.ROOT, "%,d finished onboardings, %,d finished invitations, %,d finished referrals",
        finished(jdbc, OnboardingProcess.PROCESS_KEY), finished(jdbc, InvitationProcess.PROCESS_KEY),
        finished(jdbc, ReferralProcess.PROCESS_KEY));
  }

  private static long finished(JdbcTemplate jdbc, String processKey) {
    Long count = jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = ? and END_TIME_ is not null",
        Long.class, processKey);
    return count == null ? 0 : count;
  }

  private static String report(BenchmarkSettings settings, String variant, String page, int calls, int warmup,
      List<Template> templates, List<String> notes, double templateSeconds, HistoryCloner.Result seeded,
      String smallHistory, String largeHistory, List<Period> periods, Map<Period, Timing> small,
      Map<Period, Timing> large, Set<String> indexes, Map<Period, Timing> withoutIndexes, double smallRefresh,
      double largeRefresh) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n### Dashboard at %,d onboardings and %,d invitations (%s, %s)%n%n",
        seeded.onboardings(), seeded.invitations(), variant, settings.database()));
    out.append(String.format(Locale.ROOT, "Page `GET %s` as the manager (HTTP Basic), one client, sequential; "
        + "%d warm-up + %d timed calls per period and history size. Each answer checked: 200, an HTML page, no "
        + "login form (the dashboard: its period shown, no errors).%n%n", page, warmup, calls));
    Map<String, Long> outcomes = templates.stream().collect(Collectors.groupingBy(
        t -> t.kind().name().toLowerCase(Locale.ROOT) + " → " + t.outcome(), LinkedHashMap::new, Collectors.counting()));
    out.append(String.format(Locale.ROOT, "Templates: %d real instances through the engine in %.1f s (%s)",
        templates.size(), templateSeconds, outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "))));
    if (!notes.isEmpty()) {
      out.append("; not among them: ").append(String.join(", ", notes));
    }
    out.append(".\n\n");
    out.append(String.format(Locale.ROOT, "Seeding: %,d onboardings + %,d invitations + %,d referrals cloned in "
        + "**%.1f s**; rows inserted: %s.%n%n", seeded.onboardings(), seeded.invitations(), seeded.referrals(),
        seeded.seconds(), seeded.rowsPerTable().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "))));
    out.append(String.format(Locale.ROOT, "Clones start over the last %d days (within the history time-to-live), "
        + "busier towards now, weekdays 5× weekends, 07–18 UTC; durations are the templates' stretched 100–10,000×.%n%n",
        seeded.historyDays()));
    out.append(String.format(Locale.ROOT, "Dashboard facts rebuilt from all history (as the first refresh after a "
        + "start does): %.1f s at the small history, **%.1f s** at the large.%n%n", smallRefresh, largeRefresh));
    out.append("Small history: ").append(smallHistory).append(". Large: ").append(largeHistory).append(".\n\n");
    out.append("| period | history | p50 ms | p90 ms | p99 ms | max ms | p50 / small | p99 / small |\n");
    out.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
    for (Period period : periods) {
      Timing base = small.get(period);
      row(out, period.label(), "small (baseline)", base, null);
      row(out, period.label(), "large", large.get(period), base);
      if (withoutIndexes.containsKey(period)) {
        row(out, period.label(), "large, without " + String.join(", ", indexes), withoutIndexes.get(period), base);
      }
    }
    if (indexes.isEmpty()) {
      out.append("\nNo `").append(INDEX_PREFIX).append("*` index in the migrations: no variant without them.\n");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String period, String history, Timing timing, Timing base) {
    out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %s | %s |%n", period, history,
        timing.percentileMs(50), timing.percentileMs(90), timing.percentileMs(99), timing.maxMs(),
        base == null ? "–" : String.format(Locale.ROOT, "%.2f", timing.percentileMs(50) / base.percentileMs(50)),
        base == null ? "–" : String.format(Locale.ROOT, "%.2f", timing.percentileMs(99) / base.percentileMs(99))));
  }

  /** A signed-in manager's browser, reduced to timed GETs that fail loudly on anything but the page. */
  static final class PageClient {
    /** A page slower than this fails the run (one call would hold the section for as long). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    PageClient(int port, String user, String password) {
      this.baseUrl = "http://127.0.0.1:" + port;
      this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
    }

    /** Nanoseconds from sending the request to the whole body read. */
    long get(String path, String query) throws Exception {
      long start = System.nanoTime();
      body(path, query);
      return System.nanoTime() - start;
    }

    /** The checked page. */
    String body(String path, String query) throws Exception {
      URI uri = URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
      HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
          .header("Accept", "text/html").timeout(REQUEST_TIMEOUT).GET().build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.net.http.HttpTimeoutException e) {
        throw new IllegalStateException("Dashboard page too slow: GET " + uri + " did not answer within "
            + REQUEST_TIMEOUT.toSeconds() + " s", e);
      }
      check(uri, path, response);
      return response.body();
    }

    /** 200, an HTML page, no login form; the dashboard with its period and without errors. */
    static void check(URI uri, String path, HttpResponse<String> response) {
      String body = response.body() == null ? "" : response.body();
      String problem = null;
      if (response.statusCode() != 200) {
        problem = "answered " + response.statusCode() + response.headers().firstValue("Location")
            .map(l -> " → " + l).orElse("");
      } else if (!body.toLowerCase(Locale.ROOT).contains("<html")) {
        problem = "answered 200 without an HTML page";
      } else if (body.toLowerCase(Locale.ROOT).contains("type=\"password\"")) {
        problem = "answered a login form";
      } else if (path.startsWith("/dashboard") && (!body.contains("id=\"period-summary\"")
          || body.contains("id=\"errors\""))) {
        problem = "answered the dashboard without its period summary, or with errors";
      }
      if (problem != null) {
        throw new IllegalStateException("Dashboard page broken: GET " + uri + " " + problem + ": "
            + body.substring(0, Math.min(300, body.length())));
      }
    }
  }
}
