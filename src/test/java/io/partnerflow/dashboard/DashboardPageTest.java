package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The dashboard over HTTP as a manager reads it: each figure checked against what the engine's
 * history API says (computed here in Java, not with the page's SQL), its CSV, bad periods, and who
 * may open it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // Every open Review and every incident is past its target at once: the breach list has them
    "partnerflow.dashboard.task-targets[Task_Review]=PT0S",
    "partnerflow.dashboard.incident-target=PT0S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardPageTest {

  private static DashboardScenario.Run scenario;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  HistoryService history;
  @Autowired
  ApplicationContext context;

  LocalDate from;
  LocalDate to;

  /** The demo users' passwords (other profiles must change them). */
  protected String password(String user) {
    return user;
  }

  @BeforeEach
  void driveOnce() {
    if (scenario == null || engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(scenario.atReview().getId()).count() == 0) {
      scenario = new DashboardScenario(context).drive();
    }
    // Yesterday to tomorrow (UTC): a run across midnight still finds its instances
    from = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    to = from.plusDays(2);
  }

  @Test
  void theFunnelCountsEachStageAsTheHistoryShowsIt() throws Exception {
    Document page = page("manager");
    List<HistoricProcessInstance> cohort = startedInPeriod();
    Map<String, Long> table = column(page, "onboarding.funnel", 1);

    assertThat(table.get("Started")).isEqualTo(cohort.size()).isGreaterThanOrEqualTo(4);
    assertThat(table.get("Agreement confirmed")).isEqualTo(reached(cohort, Ids.GATEWAY_IS_INDIRECT_PROVIDER));
    assertThat(table.get("Reseller assigned")).isEqualTo(reached(cohort, Ids.GATEWAY_RESELLER_CHOSEN));
    assertThat(table.get("Subscriptions chosen")).isEqualTo(reached(cohort, Ids.REVIEW));
    assertThat(table.get("Submitted")).isEqualTo(reached(cohort, Ids.CREATE_CUSTOMER));
    assertThat(table.get("Onboarded")).isEqualTo(reached(cohort, Ids.END_CUSTOMER_ONBOARDED)).isGreaterThanOrEqualTo(1);
    // The cancelled one stopped before the agreement: the funnel narrows
    assertThat(table.get("Agreement confirmed")).isLessThan(table.get("Started"));
  }

  @Test
  void outcomesAndCancellationReasonsAreThoseOfTheHistory() throws Exception {
    Document page = page("manager");
    List<HistoricProcessInstance> cohort = startedInPeriod();
    Map<String, Long> outcomes = column(page, "onboarding.outcomes", 1);
    assertThat(outcomes.get("Customer onboarded"))
        .isEqualTo(cohort.stream().filter(p -> Ids.END_CUSTOMER_ONBOARDED.equals(p.getEndActivityId())).count());
    assertThat(outcomes.get("Onboarding cancelled"))
        .isEqualTo(cohort.stream().filter(p -> Ids.END_ONBOARDING_CANCELLED.equals(p.getEndActivityId())).count());
    assertThat(outcomes.get("Still running")).isEqualTo(cohort.stream().filter(p -> p.getEndTime() == null).count());

    Map<String, Long> reasons = column(page, "onboarding.cancellations", 1);
    assertThat(reasons).containsEntry(DashboardScenario.CANCELLATION_REASON, history.createHistoricVariableInstanceQuery()
        .variableName(OnboardingProcess.CANCELLATION_REASON.name()).list().stream()
        .filter(v -> DashboardScenario.CANCELLATION_REASON.equals(v.getValue())).count());
  }

  @Test
  void cycleTimesAreThePercentilesOfTheHistory() throws Exception {
    Document page = page("manager");
    List<HistoricProcessInstance> ended = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.PROCESS_KEY).finishedAfter(Date.from(start()))
        .finishedBefore(Date.from(end())).list();
    Element row = row(page, "cycle.processes", onboardingName());
    assertThat(number(row, 1)).isEqualTo(ended.size());
    List<Double> hours = ended.stream().map(p -> p.getDurationInMillis() / 3_600_000d).toList();
    assertThat(number(row, 2)).isCloseTo(percentile(hours, 0.5), org.assertj.core.data.Offset.offset(0.001));
    assertThat(number(row, 3)).isCloseTo(percentile(hours, 0.9), org.assertj.core.data.Offset.offset(0.001));

    // Review: waiting = created until claimed (identity link history), working = claimed until completed
    List<HistoricTaskInstance> reviews = history.createHistoricTaskInstanceQuery().taskDefinitionKey(Ids.REVIEW)
        .finished().taskDeleteReason("completed").list().stream()
        .filter(t -> !t.getEndTime().toInstant().isBefore(start()) && t.getEndTime().toInstant().isBefore(end())).toList();
    List<Double> waiting = new ArrayList<>();
    List<Double> working = new ArrayList<>();
    for (HistoricTaskInstance task : reviews) {
      Instant claimed = history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type("assignee")
          .operationType("add").list().stream().map(HistoricIdentityLinkLog::getTime).map(Date::toInstant)
          .min(Instant::compareTo).orElse(task.getEndTime().toInstant());
      waiting.add((claimed.toEpochMilli() - task.getStartTime().getTime()) / 3_600_000d);
      working.add((task.getEndTime().getTime() - claimed.toEpochMilli()) / 3_600_000d);
    }
    Element review = row(page, "cycle.tasks", "Review");
    assertThat(number(review, 2)).isEqualTo(reviews.size());
    assertThat(number(review, 3)).isCloseTo(percentile(waiting, 0.5), org.assertj.core.data.Offset.offset(0.001));
    assertThat(number(review, 5)).isCloseTo(percentile(working, 0.5), org.assertj.core.data.Offset.offset(0.001));

    // Provisioning: one job done at once, one failed its only attempt (incident)
    Element provisioning = row(page, "cycle.steps", "Provision subscriptions");
    assertThat(number(provisioning, 2)).isGreaterThanOrEqualTo(2);
    assertThat(number(provisioning, 6)).isGreaterThanOrEqualTo(1);
    assertThat(number(provisioning, 7)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void slaBreachesLinkToTheTaskInTasklistAndTheIncidentInCockpit() throws Exception {
    Document page = page("manager");
    String reviewTask = engine.getTaskService().createTaskQuery().processInstanceId(scenario.atReview().getId())
        .singleResult().getId();
    Set<String> links = page.select("#work\\.breaches a.breach-link").stream().map(a -> a.attr("href"))
        .collect(Collectors.toSet());
    assertThat(links).contains(WorkNowFigures.TASKLIST_TASK + reviewTask,
        WorkNowFigures.COCKPIT_INSTANCE + scenario.incident().getId() + "/runtime?tab=incidents-tab");
    assertThat(page.getElementById("work-summary").text()).contains("1 incidents past their target")
        .doesNotStartWith("0 tasks");
  }

  @Test
  void everyTableIsAlsoACsvWithTheSameColumns() throws Exception {
    Document page = page("manager");
    List<Element> tables = page.select("table[data-chart]");
    assertThat(tables).hasSizeGreaterThanOrEqualTo(10);
    for (Element table : tables) {
      HttpResponse<String> csv = get("manager", "/dashboard/csv/" + table.id() + "?" + period());
      assertThat(csv.statusCode()).as(table.id()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
      assertThat(lines[0]).as(table.id()).isEqualTo(String.join(",", table.select("thead th").eachText()));
      assertThat(lines.length - 1).as(table.id()).isEqualTo(table.select("tbody tr").size());
    }
    assertThat(get("manager", "/dashboard/csv/onboarding.nothing?" + period()).statusCode()).isEqualTo(404);
  }

  @Test
  void aBadPeriodIsRefusedNamingTheFieldAndShowsNoFigures() throws Exception {
    Map<String, String> cases = Map.of(
        "from=2026-02-30&to=2026-03-01", "From: \"2026-02-30\" is not a date",
        "from=2026-03-05&to=2026-03-01", "From: must not be after To",
        "from=2020-01-01&to=2026-03-01", "To: a period covers at most 400 days",
        "zone=Mars/Olympus", "Time zone: \"Mars/Olympus\" is not a known time zone");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      HttpResponse<String> response = get("manager", "/dashboard?" + bad.getKey());
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      Document page = Jsoup.parse(response.body());
      assertThat(page.select("#errors li").eachText()).as(bad.getKey()).anyMatch(t -> t.startsWith(bad.getValue()));
      assertThat(page.select("table[data-chart]")).isEmpty();
      assertThat(get("manager", "/dashboard/csv/onboarding.funnel?" + bad.getKey()).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void managersAndOperatorsMayOpenItMonitoringAndOthersMayNot() throws Exception {
    assertThat(get("manager", "/dashboard?" + period()).statusCode()).isEqualTo(200);
    assertThat(get("operator", "/dashboard?" + period()).statusCode()).isEqualTo(200);
    assertThat(get("operator", "/dashboard/csv/work.tasks?" + period()).statusCode()).isEqualTo(200);

    // Anonymous: a browser is sent to the login page, any other client gets 401
    HttpResponse<String> browser = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/dashboard")).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(browser.statusCode()).isIn(302, 303);
    assertThat(browser.headers().firstValue("Location").orElse("")).contains("/login");
    assertThat(get(null, "/dashboard").statusCode()).isEqualTo(401);
    assertThat(get(null, "/dashboard/csv/work.tasks").statusCode()).isEqualTo(401);

    // Monitoring staff read metrics, not the business
    assertThat(get("monitor", "/dashboard").statusCode()).isEqualTo(403);

    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("nogroup").count() == 0) {
      User user = identity.newUser("nogroup");
      user.setPassword("nogroup-pw-1");
      identity.saveUser(user);
    }
    assertThat(get("nogroup", "nogroup-pw-1", "/dashboard").statusCode()).isEqualTo(403);
    assertThat(get("nogroup", "nogroup-pw-1", "/dashboard/csv/work.tasks").statusCode()).isEqualTo(403);
  }

  @Test
  void theHistoryReachAndItsCleanupAreShown() throws Exception {
    Document page = page("manager");
    assertThat(page.getElementById("as-of").text()).startsWith("Figures from history as of ");
    assertThat(page.getElementById("history-summary").text()).contains("History reaches back to")
        .contains("history cleanup runs daily from 22:00 to 06:00");
    assertThat(column(page, "history.ttl", 1)).containsEntry(onboardingName(), 180L);
  }

  // --- reading the page -----------------------------------------------------------------------

  private Document page(String user) throws IOException, InterruptedException {
    HttpResponse<String> response = get(user, "/dashboard?" + period());
    assertThat(response.statusCode()).isEqualTo(200);
    return Jsoup.parse(response.body());
  }

  private String period() {
    return "from=" + from + "&to=" + to + "&zone=UTC";
  }

  private String onboardingName() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(OnboardingProcess.PROCESS_KEY)
        .latestVersion().singleResult().getName();
  }

  private Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private List<HistoricProcessInstance> startedInPeriod() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(OnboardingProcess.PROCESS_KEY)
        .startedAfter(Date.from(start().minusMillis(1))).startedBefore(Date.from(end())).list();
  }

  private long reached(List<HistoricProcessInstance> cohort, String activityId) {
    return cohort.stream().filter(p -> history.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
        .activityId(activityId).count() > 0).count();
  }

  /** The table's rows as first cell → the count in that column. */
  private static Map<String, Long> column(Document page, String tableId, int index) {
    Element table = page.getElementById(tableId);
    assertThat(table).as(tableId).isNotNull();
    return table.select("tbody tr").stream().collect(Collectors.toMap(tr -> tr.child(0).text(),
        tr -> Long.parseLong(tr.child(index).attr("data-value"))));
  }

  private static Element row(Document page, String tableId, String firstCell) {
    Element table = page.getElementById(tableId);
    assertThat(table).as(tableId).isNotNull();
    return table.select("tbody tr").stream().filter(tr -> tr.children().stream().anyMatch(td -> td.text().equals(firstCell)))
        .findFirst().orElseThrow(() -> new AssertionError(tableId + " has no row " + firstCell + ": " + table.text()));
  }

  /** A cell's plain value (the one charts and CSV use). */
  private static double number(Element row, int index) {
    return Double.parseDouble(row.child(index).attr("data-value"));
  }

  /** The database's percentile_cont: linear between the two nearest ranks. */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    double rank = p * (sorted.size() - 1);
    int lower = (int) Math.floor(rank);
    int upper = (int) Math.ceil(rank);
    double value = sorted.get(lower) + (rank - lower) * (sorted.get(upper) - sorted.get(lower));
    return Math.round(value * 1000) / 1000.0;
  }

  private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return get(user, user == null ? null : password(user), path);
  }

  private HttpResponse<String> get(String user, String password, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
