package io.partnerflow.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;

/**
 * Reads the nodes' logs for proof of a commit: TemplatedMailService logs "Sent mail <key>" only
 * after its {@code sent_mail} transaction committed, so a kill after that line is outside the
 * crash window, and the mail sent again means the database lost an acknowledged commit.
 */
final class NodeLogs {

  private NodeLogs() {}

  /** When a node logged that it recorded this mail key (epoch ms, the earliest), or 0. */
  static long recordedAt(Path dir, String mailKey) {
    String marker = "Sent mail " + mailKey + " ";
    long earliest = 0;
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().matches("node-\\d+\\.log")).toList()) {
        try (Stream<String> lines = Files.lines(log)) {
          for (String line : lines.filter(l -> l.contains(marker)).toList()) {
            long at = timestamp(line);
            if (at > 0 && (earliest == 0 || at < earliest)) {
              earliest = at;
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // no proof
    }
    return earliest;
  }

  private static long timestamp(String line) {
    int space = line.indexOf(' ');
    try {
      return space > 0 ? Instant.parse(line.substring(0, space)).toEpochMilli() : 0;
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
