package io.partnerflow.invitation;

import static io.partnerflow.invitation.ReplyPollerTest.invitationProperties;
import static io.partnerflow.invitation.ReplyPollerTest.provider;
import static io.partnerflow.invitation.ReplyPollerTest.reply;
import static io.partnerflow.invitation.ReplyPollerTest.sendOverSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.mail.ImapMailbox;
import io.partnerflow.testsupport.CapturedLogs;
import io.partnerflow.testsupport.SilentServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.TaskUtils;

/**
 * The reply poller through an IMAP outage: it reports the outage instead of throwing or hanging,
 * and once the server is back every reply that waited is handled exactly once, also by the
 * scheduled polling. The embedded server keeps its mail in a store folder, so it survives the stop.
 */
class ReplyPollerOutageTest {

  @TempDir Path store;

  private EmbeddedMailServer server;
  private DataSource dataSource;
  private JdbcClient jdbc;
  private CountingHandler handler;
  private CapturedLogs pollerLogs;

  @BeforeEach
  void setUp() {
    server = new EmbeddedMailServer(0, 0, store);
    server.start();
    dataSource = InvitationMailTestSupport.database();
    jdbc = JdbcClient.create(dataSource);
    handler = new CountingHandler();
    pollerLogs = CapturedLogs.of(ReplyPoller.class);
  }

  @AfterEach
  void tearDown() {
    pollerLogs.close();
    server.stop();
  }

  @Test
  void repliesThatWaitedThroughAnOutageAreHandledExactlyOnceWhenTheServerIsBack() throws Exception {
    sendOverSmtp(server, reply("<outage-1@contoso.example>", "Re: invitación", null, "Acepto"));
    sendOverSmtp(server, reply("<outage-2@contoso.example>", "Re: invitación", null, "Rechazo"));
    server.stop();
    ReplyPoller poller = poller(embeddedMailbox());

    assertThat(poller.pollOnce()).isZero();

    assertThat(handler.handled).isEmpty();
    assertThat(processedCounts()).isEmpty();
    assertThat(pollerLogs.warnings()).singleElement()
        .satisfies(warning -> assertThat(warning).contains("Could not read the invitation reply mailbox"));

    server.start();
    assertThat(poller.pollOnce()).isEqualTo(2);

    assertThat(processedCounts()).containsExactly(Map.entry("<outage-1@contoso.example>", 1L),
        Map.entry("<outage-2@contoso.example>", 1L));
    assertThat(handler.handled).containsExactly("<outage-1@contoso.example>", "<outage-2@contoso.example>");

    assertThat(poller.pollOnce()).isZero();
    assertThat(handler.handled).hasSize(2);
    assertThat(processedCounts()).hasSize(2);
  }

  @Test
  void aServerThatAcceptsButNeverAnswersCostsAPollNoMoreThanTheReadTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      ReplyPoller poller = poller(new ImapProperties(true, EmbeddedMailServer.HOST, silent.port(), null, "secret",
          "imap", Duration.ofSeconds(10)));

      long started = System.nanoTime();
      // preemptive bound far above the timeouts: a poll without them would hang here, not forever
      int handled = assertTimeoutPreemptively(Duration.ofSeconds(60), poller::pollOnce);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(handled).isZero();
      assertThat(silent.accepted()).as("the TCP connection was accepted").isEqualTo(1);
      assertThat(took).isLessThan(ImapMailbox.READ_TIMEOUT.plusSeconds(5));
      assertThat(pollerLogs.warnings()).singleElement()
          .satisfies(warning -> assertThat(warning).contains("Could not read the invitation reply mailbox"));
    }
  }

  @Test
  void theScheduledPollingKeepsGoingThroughAnOutageAndAFailingPollThenPicksTheReplyUp() throws Exception {
    sendOverSmtp(server, reply("<scheduled@contoso.example>", "Re: invitación", null, "Acepto"));
    server.stop();
    FirstPollThrows poller = new FirstPollThrows(embeddedMailbox());

    try (CapturedLogs scheduleLogs = CapturedLogs.of(ReplyPollingConfiguration.class);
        AnnotationConfigApplicationContext context = scheduledPolling(poller)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> poller.calls.get() >= 4);
      assertThat(handler.handled).isEmpty();
      assertThat(scheduleLogs.warnings()).singleElement()
          .satisfies(warning -> assertThat(warning).contains("Polling the invitation reply mailbox failed"));
      assertThat(pollerLogs.warnings()).isNotEmpty()
          .allSatisfy(warning -> assertThat(warning).contains("Could not read the invitation reply mailbox"));

      server.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled.size() == 1);
      int callsWhenHandled = poller.calls.get();
      await().atMost(Duration.ofSeconds(20)).until(() -> poller.calls.get() >= callsWhenHandled + 3);

      assertThat(handler.handled).containsExactly("<scheduled@contoso.example>");
      assertThat(processedCounts()).containsExactly(Map.entry("<scheduled@contoso.example>", 1L));
    }
  }

  /**
   * The polling configuration as the application runs it, on a scheduler whose error handler
   * rethrows: there a poll that throws would end the schedule, unless the configuration catches it.
   */
  private static AnnotationConfigApplicationContext scheduledPolling(ReplyPoller poller) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
        "partnerflow.invitation.imap.enabled", "true", "partnerflow.invitation.imap.poll-interval", "PT0.2S")));
    context.registerBean(ReplyPoller.class, () -> poller);
    context.registerBean(ThreadPoolTaskScheduler.class, () -> {
      ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
      scheduler.setErrorHandler(TaskUtils.LOG_AND_PROPAGATE_ERROR_HANDLER);
      return scheduler;
    });
    context.register(ReplyPollingConfiguration.class);
    context.refresh();
    return context;
  }

  /** The embedded server's mailbox, as the application resolves it (host and port from the server). */
  private static ImapProperties embeddedMailbox() {
    return new ImapProperties(true, null, 0, null, "secret", "imap", Duration.ofSeconds(10));
  }

  private ReplyPoller poller(ImapProperties imap) {
    return new ReplyPoller(imap, invitationProperties(), new ReplyReader(new InvitationRegistry(jdbc, Clock.systemUTC())),
        provider(InvitationReplyHandler.class, handler), provider(EmbeddedMailServer.class, server), jdbc,
        new DataSourceTransactionManager(dataSource), Clock.systemUTC());
  }

  /** How many processed_mail rows each Message-ID has. */
  private List<Map.Entry<String, Long>> processedCounts() {
    return jdbc.sql("select message_id, count(*) as n from processed_mail group by message_id order by message_id")
        .query((rs, n) -> Map.entry(rs.getString("message_id"), rs.getLong("n"))).list();
  }

  /** A poller whose first poll throws, as an unexpected failure would; every call is counted. */
  private final class FirstPollThrows extends ReplyPoller {
    final AtomicInteger calls = new AtomicInteger();

    FirstPollThrows(ImapProperties imap) {
      super(imap, invitationProperties(), new ReplyReader(new InvitationRegistry(jdbc, Clock.systemUTC())),
          provider(InvitationReplyHandler.class, handler), provider(EmbeddedMailServer.class, server), jdbc,
          new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }

    @Override
    public synchronized int pollOnce() {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("simulated: a poll that throws");
      }
      return super.pollOnce();
    }
  }

  /** Records the Message-ID of each reply it is handed; safe to read from the test's thread. */
  static final class CountingHandler implements InvitationReplyHandler {
    final Queue<String> handled = new ConcurrentLinkedQueue<>();

    @Override
    public String handle(ReadReply reply) {
      handled.add(reply.mail().messageId());
      return "unmatched";
    }
  }
}
