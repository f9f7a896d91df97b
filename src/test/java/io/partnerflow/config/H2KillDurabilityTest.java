package io.partnerflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.testsupport.ShippedConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's H2 URL, as application.yml ships it, keeps every commit a client saw
 * succeed when the process is killed with {@code kill -9} right after. H2's default write delay
 * (500 ms) lost such commits: acknowledged task completions came back after a restart.
 */
class H2KillDurabilityTest {

  @TempDir Path folder;

  @Test
  void theShippedUrlDelaysNoWrite() {
    assertThat(ShippedConfiguration.h2Url()).containsIgnoringCase(";WRITE_DELAY=0");
  }

  @Test
  void everyCommitSeenBeforeAKillIsThereAfterARestart() throws Exception {
    String url = ShippedConfiguration.h2UrlAt(folder.resolve("partnerflow"));
    for (int round = 0; round < 5; round++) {
      int lastAcknowledged = commitUntilKilled(url, committedRows(url) + 20 + round * 15);
      assertThat(committedRows(url))
          .as("round %d: rows after the restart, %d acknowledged before kill -9", round, lastAcknowledged)
          .isGreaterThanOrEqualTo(lastAcknowledged);
    }
  }

  /** Starts the writer, kills it with SIGKILL right after it acknowledged {@code commits} rows. */
  private static int commitUntilKilled(String url, int commits) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), H2CommitWriter.class.getName(), url));
    Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
    int last = 0;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
        if (line.matches("\\d+")) {
          last = Integer.parseInt(line);
          if (last >= commits) {
            break;
          }
        }
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the database
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(last).as("the writer acknowledged commits; it printed:%n%s", output).isGreaterThanOrEqualTo(commits);
    return last;
  }

  private static int committedRows(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet rows = connection.createStatement().executeQuery(
            "select count(*) from information_schema.tables where table_name = 'COMMITTED'")) {
      rows.next();
      if (rows.getInt(1) == 0) {
        return 0;
      }
    }
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet rows = connection.createStatement().executeQuery("select count(*) from committed")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
