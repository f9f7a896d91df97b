package io.partnerflow.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One product node: the packaged jar as its own OS process, on a fixed port, logging to
 * {@code node-<n>.log} (appended across restarts). Killed with SIGKILL ({@link Process#destroyForcibly()}
 * on Linux), so nothing of the product's shutdown runs.
 */
final class Node {

  /** Every process started, so the shutdown hook can kill what a failure left behind. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  final int number;
  final int port;
  private final Path jar;
  private final Path workDir;
  private final Path log;
  private final List<String> args;
  private final String adminAuth;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  Node(int number, int port, Path jar, Path workDir, List<String> args, String adminAuth) {
    this.number = number;
    this.port = port;
    this.jar = jar;
    this.workDir = workDir;
    this.log = workDir.resolve("node-" + number + ".log");
    this.args = args;
    this.adminAuth = adminAuth;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Starts the node and waits until its REST API answers; returns how long that took. */
  Duration start(Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Files.writeString(log, "\n==== start " + Instant.now() + " ====\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar.toString(),
        "--server.port=" + port));
    command.addAll(args);
    Instant begin = Instant.now();
    process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    RUNNING.add(process);
    Instant deadline = begin.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + number + " exited with " + process.exitValue() + "; see " + log);
      }
      if (ready()) {
        return Duration.between(begin, Instant.now());
      }
      Thread.sleep(250);
    }
    killNow();
    throw new IllegalStateException("node " + number + " not ready within " + timeout + "; see " + log);
  }

  private boolean ready() {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/version"))
          .header("Authorization", adminAuth).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** kill -9; returns the moment of the kill (epoch millis). */
  long killNow() throws InterruptedException {
    long at = System.currentTimeMillis();
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      RUNNING.remove(process);
      appendLog("\n==== kill -9 " + Instant.ofEpochMilli(at) + " ====\n");
    }
    return at;
  }

  /** SIGTERM: the product shuts down and closes its database (H2 then leaves a clean file). */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    RUNNING.remove(process);
    appendLog("\n==== stopped " + Instant.now() + " ====\n");
  }

  private void appendLog(String line) {
    try {
      Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the log is for diagnosis only
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
