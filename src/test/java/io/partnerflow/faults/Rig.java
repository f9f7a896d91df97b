package io.partnerflow.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One scenario's set-up: its database (fresh), the SMTP proxy in front of the suite's mail server,
 * the nodes, the kills done so far, and its folder {@code target/faults/<scenario>/} with the
 * nodes' logs. {@link #close()} kills whatever still runs.
 */
final class Rig implements AutoCloseable {

  static final Operator.Credentials CREDENTIALS =
      new Operator.Credentials("faults-admin-pw", "faults-operator-pw", "faults-manager-pw", "faults-monitor-pw");
  static final Duration STARTUP = Duration.ofSeconds(180);

  final FaultSettings settings;
  final Database db;
  final Path dir;
  final MailServer mail;
  final Deliveries deliveries = new Deliveries();
  final SmtpProxy proxy;
  final Random random;
  final List<Long> killTimes = new CopyOnWriteArrayList<>();
  final List<Duration> startups = new ArrayList<>();
  /** Observations for the report row (where undone instances stood, and the like). */
  final StringBuilder notes = new StringBuilder();
  private final List<Node> nodes = new ArrayList<>();

  Rig(FaultSettings settings, Database db, Path dir, MailServer mail, Random random) throws Exception {
    this.settings = settings;
    this.db = db;
    this.dir = dir;
    this.mail = mail;
    this.random = random;
    db.reset();
    mail.purge();
    proxy = new SmtpProxy(freePort(), mail.smtpPort(), deliveries);
    proxy.up();
  }

  /** Creates and starts node n; a second node starts only after the first has migrated the schema. */
  Node startNode(int number) throws Exception {
    List<String> args = new ArrayList<>(db.productArgs());
    args.addAll(List.of(
        "--camunda.bpm.admin-user.password=" + CREDENTIALS.admin(),
        "--partnerflow.security.operator-password=" + CREDENTIALS.operator(),
        "--partnerflow.security.manager-password=" + CREDENTIALS.manager(),
        "--partnerflow.security.monitor-password=" + CREDENTIALS.monitor(),
        // the external mail server (ours, behind the proxy) instead of the in-process one
        "--partnerflow.mail.embedded.enabled=false",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + proxy.port(),
        // the pollers read GreenMail's IMAP; they are off: no scenario mails the product
        "--partnerflow.invitation.imap.enabled=false",
        "--partnerflow.invitation.imap.host=127.0.0.1",
        "--partnerflow.invitation.imap.port=" + mail.imapPort(),
        "--partnerflow.referral.mail.enabled=false",
        "--partnerflow.referral.mail.host=127.0.0.1",
        "--partnerflow.referral.mail.port=" + mail.imapPort()));
    args.addAll(settings.nodeArgs());
    Node node = new Node(number, freePort(), settings.jar(), dir, args,
        Operator.basic("admin", CREDENTIALS.admin()));
    nodes.add(node);
    startups.add(node.start(STARTUP));
    return node;
  }

  /** Starts a killed or stopped node again on the same database and port. */
  void restart(Node node) throws Exception {
    startups.add(node.start(STARTUP));
  }

  long kill(Node node) throws InterruptedException {
    long at = node.killNow();
    killTimes.add(at);
    return at;
  }

  Operator operator(Node node) {
    return new Operator(node.baseUrl(), CREDENTIALS);
  }

  /** Stops every node (gracefully: H2 is then readable from here). */
  void stopAll() throws InterruptedException {
    for (Node node : nodes) {
      node.stop();
    }
  }

  String startupFigure() {
    return startups.stream().mapToLong(Duration::toMillis).max().stream()
        .mapToObj(ms -> String.format("start ≤ %.1f s", ms / 1000.0)).findFirst().orElse("");
  }

  @Override
  public void close() {
    for (Node node : nodes) {
      try {
        node.killNow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    proxy.close();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
