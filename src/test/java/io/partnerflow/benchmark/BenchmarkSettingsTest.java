package io.partnerflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.benchmark.BenchmarkSettings.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

  private static final List<String> SECTION_SIZES = List.of(RegistryScenario.CUSTOMERS_PROPERTY,
      RegistryScenario.CALLS_PROPERTY, SerializationScenario.OPERATIONS_PROPERTY, DashboardScenario.ONBOARDINGS_PROPERTY,
      DashboardScenario.INVITATIONS_PROPERTY, DashboardScenario.CALLS_PROPERTY, DashboardScenario.BATCH_PROPERTY);
  /** Every property the benchmark reads; Maven passes the unset ones as empty strings. */
  private static final List<String> PROPERTIES = Stream.concat(Stream.of("benchmark.n", "benchmark.invitations",
      "benchmark.rounds", "benchmark.warmup", "benchmark.threads", "benchmark.window", "benchmark.db",
      "benchmark.variants", "benchmark.scenarios", "benchmark.timeout-ms", DashboardScenario.PAGE_PROPERTY),
      SECTION_SIZES.stream()).toList();

  @Test
  void blankPropertiesFallBackToTheDefaults() {
    Map<String, String> blank = new HashMap<>();
    PROPERTIES.forEach(name -> blank.put(name, " "));
    BenchmarkSettings settings = with(blank, BenchmarkSettings::fromSystemProperties);
    assertThat(settings).isEqualTo(new BenchmarkSettings(200, 200, 5, 1, 3, List.of(1, 2), 16, Database.H2,
        List.of(Variant.PRODUCT), BenchmarkSettings.ALL_SCENARIOS, 600_000));
    assertThat(with(blank, () -> SectionTiming.positiveProperty(RegistryScenario.CUSTOMERS_PROPERTY, 20_000)))
        .isEqualTo(20_000);
  }

  @Test
  void theDashboardSeeds100000OfEachByDefaultAndAFewThousandAtCisSize() {
    Map<String, String> blank = new HashMap<>();
    PROPERTIES.forEach(name -> blank.put(name, ""));
    assertThat(with(blank, () -> dashboardSizes(BenchmarkSettings.fromSystemProperties())))
        .containsExactly(100_000, 100_000, 200);
    assertThat(dashboardPage(blank)).isEqualTo("/dashboard");
    // CI: -Dbenchmark.n=4 -Dbenchmark.invitations=4
    assertThat(with(Map.of("benchmark.n", "4", "benchmark.invitations", "4"),
        () -> dashboardSizes(BenchmarkSettings.fromSystemProperties()))).containsExactly(2_000, 2_000, 20);
    // Its own properties win
    assertThat(with(Map.of("benchmark.n", "4", DashboardScenario.ONBOARDINGS_PROPERTY, "50000",
        DashboardScenario.INVITATIONS_PROPERTY, "7", DashboardScenario.CALLS_PROPERTY, "3"),
        () -> dashboardSizes(BenchmarkSettings.fromSystemProperties()))).containsExactly(50_000, 7, 3);
    assertThat(dashboardPage(Map.of(DashboardScenario.PAGE_PROPERTY, " /customers "))).isEqualTo("/customers");
  }

  @Test
  void theDashboardIsAKnownScenarioAndRunsLast() {
    assertThat(BenchmarkSettings.ALL_SCENARIOS).last().isEqualTo("dashboard");
    assertThat(Benchmark.SECTIONS).containsKey("dashboard");
    assertThat(with(Map.of("benchmark.scenarios", "dashboard"), BenchmarkSettings::fromSystemProperties).scenarios())
        .containsExactly("dashboard");
  }

  @Test
  void theDashboardsPeriodsAreTheLast30DaysTheLastCalendarQuarterAndTheLast12Months() {
    List<DashboardScenario.Period> periods = DashboardScenario.periods(java.time.LocalDate.of(2026, 12, 6));
    assertThat(periods).extracting(DashboardScenario.Period::query).containsExactly("",
        "from=2026-07-01&to=2026-09-30&zone=Europe/Berlin",
        "from=2025-12-07&to=2026-12-06&zone=America/New_York");
    assertThat(DashboardScenario.periods(java.time.LocalDate.of(2026, 2, 1)).get(1).query())
        .isEqualTo("from=2025-10-01&to=2025-12-31&zone=Europe/Berlin");
  }

  @Test
  void clonesStartWithinTheHistoryTimeToLiveLessAWeekAndAtMost13Months() {
    assertThat(DashboardScenario.historyDays(java.time.Duration.ofDays(180))).isEqualTo(173);
    assertThat(DashboardScenario.historyDays(java.time.Duration.ofDays(1000))).isEqualTo(395);
    assertThat(DashboardScenario.historyDays(java.time.Duration.ofDays(3))).isEqualTo(7);
  }

  @Test
  void aClonesTagFitsWhereTheClonerPutsIt() {
    assertThat(HistoryCloner.tag(1)).isEqualTo("z000000001").hasSize(10);
    assertThat(HistoryCloner.tag(200_000)).isEqualTo("z000200000");
  }

  private static List<Integer> dashboardSizes(BenchmarkSettings settings) {
    return List.of(DashboardScenario.onboardings(settings), DashboardScenario.invitations(settings),
        DashboardScenario.calls(settings));
  }

  private static String dashboardPage(Map<String, String> properties) {
    return with(properties, DashboardScenario::page);
  }

  @Test
  void invitationsDefaultToTheNumberOfOnboardings() {
    assertThat(with(Map.of("benchmark.n", "7"), BenchmarkSettings::fromSystemProperties).invitations()).isEqualTo(7);
  }

  @Test
  void valuesAreTrimmedAndParsed() {
    BenchmarkSettings settings = with(Map.of("benchmark.threads", " 1, 4 ", "benchmark.db", "postgres",
        "benchmark.variants", "product, history-audit", "benchmark.scenarios", "registry,serialization"),
        BenchmarkSettings::fromSystemProperties);
    assertThat(settings.threads()).containsExactly(1, 4);
    assertThat(settings.database()).isEqualTo(Database.POSTGRES);
    assertThat(settings.variants()).containsExactly(Variant.PRODUCT, Variant.HISTORY_AUDIT);
    assertThat(settings.scenarios()).containsExactly("registry", "serialization");
  }

  @Test
  void aNumberThatIsNotWholeNamesThePropertyAndTheRule() {
    assertRejected("benchmark.n", "abc", "benchmark.n must be a whole number, was 'abc'");
    assertRejected(RegistryScenario.CUSTOMERS_PROPERTY, "2k",
        RegistryScenario.CUSTOMERS_PROPERTY + " must be a whole number, was '2k'");
  }

  @Test
  void aNumberBelowItsMinimumNamesThePropertyAndTheMinimum() {
    assertRejected("benchmark.rounds", "0", "benchmark.rounds must be at least 1, was 0");
    assertRejected("benchmark.warmup", "-1", "benchmark.warmup must be at least 0, was -1");
    assertRejected("benchmark.timeout-ms", "0", "benchmark.timeout-ms must be at least 1, was 0");
    assertRejected(SerializationScenario.OPERATIONS_PROPERTY, "0",
        SerializationScenario.OPERATIONS_PROPERTY + " must be at least 1, was 0");
  }

  @Test
  void anUnknownScenarioOrVariantNamesThePropertyAndWhatIsKnown() {
    assertRejected("benchmark.scenarios", "onboarding,nonsense",
        "benchmark.scenarios: unknown scenario 'nonsense'; known: " + BenchmarkSettings.ALL_SCENARIOS);
    assertRejected("benchmark.variants", "turbo", "benchmark.variants: unknown variant 'turbo'; known: [product,");
  }

  @Test
  void badThreadCountsNameThePropertyAndTheRule() {
    assertRejected("benchmark.threads", "1,two", "benchmark.threads");
    assertRejected("benchmark.threads", "0", "benchmark.threads");
  }

  @Test
  void anUnknownDatabaseNamesTheProperty() {
    assertRejected("benchmark.db", "oracle", "benchmark.db");
  }

  private static void assertRejected(String property, String value, String message) {
    // The sections read their own sizes; BenchmarkSettings reads the rest
    Supplier<Object> read = SECTION_SIZES.contains(property) ? () -> SectionTiming.positiveProperty(property, 1)
        : BenchmarkSettings::fromSystemProperties;
    assertThatThrownBy(() -> with(Map.of(property, value), read))
        .as("%s=%s", property, value)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  /** Runs with exactly these benchmark properties set (all others cleared), then restores what was there. */
  private static <T> T with(Map<String, String> properties, Supplier<T> action) {
    Map<String, String> before = new HashMap<>();
    PROPERTIES.forEach(name -> before.put(name, System.getProperty(name)));
    try {
      PROPERTIES.forEach(System::clearProperty);
      properties.forEach(System::setProperty);
      return action.get();
    } finally {
      before.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
  }
}
