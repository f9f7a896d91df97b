package io.partnerflow.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A browser journey: the whole product on a real port with its job executor and mail pollers
 * running, as on the embedded default, and a real Chromium that works it as a person does. Only
 * the browser drives the processes; {@link Registry} reads the engine and the database to assert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "partnerflow.invitation.imap.enabled=true",
    "partnerflow.invitation.imap.poll-interval=PT1S",
    "partnerflow.referral.mail.enabled=true",
    "partnerflow.referral.mail.poll-interval=PT1S"})
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class JourneyTestBase {

  public static final String OPERATOR = "operator";
  public static final String MANAGER = "manager";

  /** Chosen before the context starts, so that mail links (public base URL) point at this server. */
  private static final int PORT = freePort();

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension(() -> "http://localhost:" + PORT);

  @Autowired
  protected Registry registry;

  /** This test's browser (a fresh one each test). */
  protected Browser browser;

  @DynamicPropertySource
  static void serverPort(DynamicPropertyRegistry properties) {
    properties.add("server.port", () -> PORT);
    properties.add("partnerflow.public-base-url", () -> "http://localhost:" + PORT);
  }

  @BeforeEach
  void takeBrowser() {
    browser = chromium.browser();
  }

  /** Signs in to Tasklist as the demo operator. */
  protected Tasklist operatorInTasklist() {
    return Tasklist.signIn(browser, OPERATOR, OPERATOR);
  }

  /** A domain prefix no other journey uses: letters and digits, as the forms require. */
  protected static String uniquePrefix(String base) {
    return base + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
