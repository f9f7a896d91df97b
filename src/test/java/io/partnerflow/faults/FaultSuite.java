package io.partnerflow.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fault suite (README, "Fault suite"; {@code mvn -Pfaults verify}): runs the packaged product as
 * real processes, breaks them (kill -9, a misbehaving SMTP server, a second node dying) and counts
 * from the database and the mail server whether anything acknowledged was undone, lost or done
 * twice. Prints one Markdown row per scenario, writes {@code target/faults/report.md}, and exits
 * non-zero on any such finding (or a harness error).
 */
public final class FaultSuite {

  private FaultSuite() {}

  public static void main(String[] args) throws Exception {
    // GreenMail logs every mail at INFO; the rows are what this program prints
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    FaultSettings settings = FaultSettings.fromSystemProperties();
    Files.createDirectories(settings.out());
    Random random = new Random(settings.seed());
    Instant began = Instant.now();
    List<Row> rows = new ArrayList<>();
    System.out.println("Fault suite: jar " + settings.jar() + ", scenarios " + settings.scenarios() + ", db "
        + settings.dbs() + ", rounds " + settings.rounds() + ", seed " + settings.seed());
    System.out.println(Row.HEADER);
    try (MailServer mail = new MailServer(Rig.freePort(), Rig.freePort())) {
      for (int number : settings.scenarios()) {
        for (Scenario scenario : scenarios(number)) {
          for (String db : scenario.databases()) {
            if (!settings.runsOn(db)) {
              continue;
            }
            Row row = run(scenario, db, settings, mail, random);
            rows.add(row);
            System.out.println(row.markdown());
          }
        }
      }
    }
    Duration took = Duration.between(began, Instant.now());
    Path report = Report.write(settings, rows, took);
    boolean failed = rows.stream().anyMatch(r -> r.failed() || r.harnessError());
    System.out.println("Report: " + report + " (" + took.toSeconds() + " s)" + (failed ? ": FAILED" : ": passed"));
    System.exit(failed ? 1 : 0);
  }

  private static Row run(Scenario scenario, String db, FaultSettings settings, MailServer mail, Random random) {
    Path dir = settings.out().resolve(scenario.slug + (scenario.databases().size() > 1 ? "-" + db : ""));
    Database database = db.equals("h2") ? new Database.H2File(dir.resolve("data"))
        : new Database.Postgres(settings.postgresServer(), settings.postgresUser(), settings.postgresPassword());
    try {
      clear(dir); // logs of an earlier run would be appended to
    } catch (java.io.IOException e) {
      return Row.error(scenario.number, scenario.fault, database.label(), settings.rounds(), e);
    }
    try (Rig rig = new Rig(settings, database, dir, mail, random)) {
      return scenario.run(rig);
    } catch (Exception e) {
      e.printStackTrace();
      return Row.error(scenario.number, scenario.fault, database.label(), settings.rounds(), e);
    }
  }

  private static void clear(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static List<Scenario> scenarios(int number) {
    return switch (number) {
      case 1 -> List.of(new KillAfterHandOver());
      case 2 -> List.of(new KillAfterReview(2, "h2"));
      case 3 -> List.of(new KillAfterReview(3, "postgres"));
      case 4 -> List.of(new HeldSmtpReply());
      case 5 -> List.of(new TwoNodeFailover());
      case 6 -> List.of(new SmtpOutage());
      case 7 -> List.of(new IncidentRetry());
      case 8 -> List.of(new KillAfterInvitation());
      case 9 -> List.of(new KillAfterEnding());
      default -> throw new IllegalArgumentException("no scenario " + number + " (1–9)");
    };
  }
}
