package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralMailPollerTest.mail;
import static io.partnerflow.referral.ReferralMailPollerTest.provider;
import static io.partnerflow.referral.ReferralMailPollerTest.sendOverSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The referral mail poller through an IMAP outage: it reports the outage instead of throwing or
 * hanging, and once the server is back every mail that waited becomes exactly one referral (one
 * process start), also by the scheduled polling. The embedded server keeps its mail in a store
 * folder, so it survives the stop; the intake is real (H2), the engine a stand-in that counts starts.
 */
class ReferralMailPollerOutageTest {

  private static final String MAILBOX = "referrals@northwind-partners.example";

  @TempDir Path store;

  private EmbeddedMailServer server;
  private DataSource dataSource;
  private JdbcClient jdbc;
  private ReferralRegistry registry;
  /** The business key (referral id) of every process start, in order. */
  private final Queue<String> started = new ConcurrentLinkedQueue<>();
  private RuntimeService runtimeService;
  private CapturedLogs pollerLogs;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() {
    server = new EmbeddedMailServer(0, 0, store);
    server.start();
    dataSource = ReferralTestData.database();
    jdbc = JdbcClient.create(dataSource);
    registry = new ReferralRegistry(jdbc, Clock.systemUTC());
    runtimeService = mock(RuntimeService.class);
    when(runtimeService.startProcessInstanceByKey(eq(ReferralProcess.PROCESS_KEY), anyString(), any(Map.class)))
        .thenAnswer(call -> {
          started.add(call.getArgument(1));
          ProcessInstance instance = mock(ProcessInstance.class);
          when(instance.getId()).thenReturn("pi-" + started.size());
          return instance;
        });
    pollerLogs = CapturedLogs.of(ReferralMailPoller.class);
  }

  @AfterEach
  void tearDown() {
    pollerLogs.close();
    server.stop();
  }

  @Test
  void mailsThatWaitedThroughAnOutageBecomeOneReferralEachWhenTheServerIsBack() throws Exception {
    sendOverSmtp(server, referralMail("<outage-1@contoso.example>", "Contoso Ibérica"));
    sendOverSmtp(server, referralMail("<outage-2@fabrikam.example>", "Fabrikam Spain"));
    server.stop();
    ReferralMailPoller poller = poller(embeddedMailbox());

    assertThat(poller.pollOnce()).isZero();

    assertThat(processedCounts()).isEmpty();
    assertThat(started).isEmpty();
    assertThat(pollerLogs.warnings()).singleElement()
        .satisfies(warning -> assertThat(warning).contains("Could not read the referrals mailbox"));

    server.start();
    assertThat(poller.pollOnce()).isEqualTo(2);

    assertThat(processedCounts()).containsExactly(Map.entry("<outage-1@contoso.example>", 1L),
        Map.entry("<outage-2@fabrikam.example>", 1L));
    assertThat(registry.search(null, null, 0, 10).items()).extracting(Referral::externalReference)
        .containsExactlyInAnyOrder("<outage-1@contoso.example>", "<outage-2@fabrikam.example>");
    assertThat(started).as("one process per mail").hasSize(2).doesNotHaveDuplicates();

    assertThat(poller.pollOnce()).isZero();
    assertThat(registry.search(null, null, 0, 10).total()).isEqualTo(2);
    assertThat(started).hasSize(2);
  }

  @Test
  void aServerThatAcceptsButNeverAnswersCostsAPollNoMoreThanTheReadTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      ReferralMailPoller poller = poller(new ReferralMailProperties(true, MAILBOX, EmbeddedMailServer.HOST,
          silent.port(), null, "secret", "imap", Duration.ofSeconds(10)));

      long begun = System.nanoTime();
      // preemptive bound far above the timeouts: a poll without them would hang here, not forever
      int recorded = assertTimeoutPreemptively(Duration.ofSeconds(60), poller::pollOnce);
      Duration took = Duration.ofNanos(System.nanoTime() - begun);

      assertThat(recorded).isZero();
      assertThat(silent.accepted()).as("the TCP connection was accepted").isEqualTo(1);
      assertThat(took).isLessThan(ImapMailbox.READ_TIMEOUT.plusSeconds(5));
      assertThat(pollerLogs.warnings()).singleElement()
          .satisfies(warning -> assertThat(warning).contains("Could not read the referrals mailbox"));
    }
  }

  @Test
  void theScheduledPollingKeepsGoingThroughAnOutageAndAFailingPollThenPicksTheMailUp() throws Exception {
    sendOverSmtp(server, referralMail("<scheduled@contoso.example>", "Contoso Ibérica"));
    server.stop();
    FirstPollThrows poller = new FirstPollThrows(embeddedMailbox());

    try (CapturedLogs scheduleLogs = CapturedLogs.of(ReferralMailPollingConfiguration.class);
        AnnotationConfigApplicationContext context = scheduledPolling(poller)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> poller.calls.get() >= 4);
      assertThat(started).isEmpty();
      assertThat(scheduleLogs.warnings()).singleElement()
          .satisfies(warning -> assertThat(warning).contains("Polling the referrals mailbox failed"));
      assertThat(pollerLogs.warnings()).isNotEmpty()
          .allSatisfy(warning -> assertThat(warning).contains("Could not read the referrals mailbox"));

      server.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> started.size() == 1);
      int callsWhenHandled = poller.calls.get();
      await().atMost(Duration.ofSeconds(20)).until(() -> poller.calls.get() >= callsWhenHandled + 3);

      assertThat(started).hasSize(1);
      assertThat(registry.findByExternalReference("<scheduled@contoso.example>")).isPresent();
      assertThat(processedCounts()).containsExactly(Map.entry("<scheduled@contoso.example>", 1L));
    }
  }

  /**
   * The polling configuration as the application runs it, on a scheduler whose error handler
   * rethrows: there a poll that throws would end the schedule, unless the configuration catches it.
   */
  private static AnnotationConfigApplicationContext scheduledPolling(ReferralMailPoller poller) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
        "partnerflow.referral.mail.enabled", "true", "partnerflow.referral.mail.poll-interval", "PT0.2S")));
    context.registerBean(ReferralMailPoller.class, () -> poller);
    context.registerBean(ThreadPoolTaskScheduler.class, () -> {
      ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
      scheduler.setErrorHandler(TaskUtils.LOG_AND_PROPAGATE_ERROR_HANDLER);
      return scheduler;
    });
    context.register(ReferralMailPollingConfiguration.class);
    context.refresh();
    return context;
  }

  /** The embedded server's referrals mailbox, as the application resolves it. */
  private static ReferralMailProperties embeddedMailbox() {
    return new ReferralMailProperties(true, MAILBOX, null, 0, null, "secret", "imap", Duration.ofSeconds(10));
  }

  private static jakarta.mail.internet.MimeMessage referralMail(String messageId, String company) throws Exception {
    return mail(messageId, "lucia@contoso.example", "Lucía García", company,
        "Empresa: " + company + "\nPaís: ES\nIdioma: es\nNecesidad: 20 buzones");
  }

  private ReferralMailPoller poller(ReferralMailProperties properties) {
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    return new ReferralMailPoller(properties, new ReferralMailParser(), intake(transactions), provider(server), jdbc,
        transactions, Clock.systemUTC());
  }

  private ReferralIntake intake(DataSourceTransactionManager transactions) {
    return new ReferralIntake(registry, new ReferralStarter(runtimeService), transactions);
  }

  /** How many processed_mail rows each Message-ID has. */
  private List<Map.Entry<String, Long>> processedCounts() {
    return jdbc.sql("select message_id, count(*) as n from processed_mail group by message_id order by message_id")
        .query((rs, n) -> Map.entry(rs.getString("message_id"), rs.getLong("n"))).list();
  }

  /** A poller whose first poll throws, as an unexpected failure would; every call is counted. */
  private final class FirstPollThrows extends ReferralMailPoller {
    final AtomicInteger calls = new AtomicInteger();

    FirstPollThrows(ReferralMailProperties properties) {
      this(properties, new DataSourceTransactionManager(dataSource));
    }

    private FirstPollThrows(ReferralMailProperties properties, DataSourceTransactionManager transactions) {
      super(properties, new ReferralMailParser(), intake(transactions), provider(server), jdbc, transactions,
          Clock.systemUTC());
    }

    @Override
    public synchronized int pollOnce() {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("simulated: a poll that throws");
      }
      return super.pollOnce();
    }
  }
}
