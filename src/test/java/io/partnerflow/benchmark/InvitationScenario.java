package io.partnerflow.benchmark;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.testsupport.ProcessTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * N invitations started as the operator and sent by the job executor to the in-process SMTP
 * server; then each admin opens the link from the mail and accepts on the page. Measured: the
 * accept request until the relationship is recorded (the page records it in the request's
 * transaction; if it ever did not, the wait for the row would be measured too), and the async
 * steps (sending the invitation, notifying operations).
 */
final class InvitationScenario {

  private static final Pattern LINK = Pattern.compile("/invitation/([A-Za-z0-9_-]{43})");
  private static final String[][] LOCALES = {
    {"es-ES", "es"}, {"en-US", "en"}, {"it-IT", "it"}, {"pt-BR", "pt"}, {"ru-RU", "ru"}
  };
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ProcessEngine engine;
  private final JdbcClient jdbc;
  private final EmbeddedMailServer mailServer;
  private final String baseUrl;
  private final String runTag;
  private final long timeoutMs;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  InvitationScenario(ProcessEngine engine, JdbcClient jdbc, EmbeddedMailServer mailServer, int port, String runTag,
      long timeoutMs) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.mailServer = mailServer;
    this.baseUrl = "http://127.0.0.1:" + port;
    this.runTag = runTag;
    this.timeoutMs = timeoutMs;
  }

  record Invited(String processInstanceId, String domainPrefix, String adminEmail) {}

  RoundResult round(int invitations, int threads) throws Exception {
    List<Invited> invited = sendInvitations(invitations);
    Map<String, String> tokens = tokensByRecipient(invited);
    ConcurrentLinkedQueue<Invited> queue = new ConcurrentLinkedQueue<>(invited);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double perSecond;
    try {
      long started = System.currentTimeMillis();
      List<Future<?>> customers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        customers.add(pool.submit(() -> {
          for (Invited next = queue.poll(); next != null; next = queue.poll()) {
            latencies.add(accept(next, tokens.get(next.adminEmail())));
          }
          return null;
        }));
      }
      for (Future<?> customer : customers) {
        customer.get();
      }
      perSecond = invitations * 1000.0 / Math.max(1, System.currentTimeMillis() - started);
    } finally {
      pool.shutdownNow();
    }
    List<String> ids = invited.stream().map(Invited::processInstanceId).toList();
    awaitEnded(ids);
    double heapMb = Heap.usedAfterGcMb();
    EndEvents.requireAll(engine, ids, Ids.END_RELATIONSHIP_ESTABLISHED);
    List<Long> async = new ProcessMetrics(engine).asyncLatencies(ids, List.of(Ids.SEND_INVITATION, Ids.NOTIFY_OPERATIONS));
    return new RoundResult(perSecond, Summary.percentile(latencies, 50), Summary.percentile(latencies, 99),
        Summary.percentile(async, 50), Summary.percentile(async, 99), heapMb);
  }

  List<Invited> sendInvitations(int count) throws InterruptedException {
    FormService forms = engine.getFormService();
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId();
    List<Invited> invited = new ArrayList<>();
    engine.getIdentityService().setAuthentication("operator", List.of("operators"));
    try {
      for (int i = 0; i < count; i++) {
        int sequence = SEQUENCE.incrementAndGet();
        String[] locale = LOCALES[sequence % LOCALES.length];
        String prefix = "inv" + runTag + sequence;
        String adminEmail = "admin@" + prefix + ".example";
        VariableMap request = Variables.createVariables();
        COMPANY_NAME.putIn(request, "Contoso " + prefix);
        DOMAIN_PREFIX.putIn(request, prefix);
        ADMIN_EMAIL.putIn(request, adminEmail);
        ADMIN_FIRST_NAME.putIn(request, "Lucía");
        ADMIN_LAST_NAME.putIn(request, "García");
        CULTURE.putIn(request, locale[0]);
        LANGUAGE.putIn(request, locale[1]);
        PERSONAL_MESSAGE.putIn(request, "We would like to be your Microsoft cloud reseller.");
        INCLUDE_DELEGATED_ADMIN.putIn(request, true);
        invited.add(new Invited(forms.submitStartForm(definitionId, request).getId(), prefix, adminEmail));
      }
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    // The mail leaves in the send job's transaction: the customer clicks once it has committed
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (waitingForAnswer() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Invitations not sent within " + timeoutMs + " ms");
      }
      engine.getTaskService().createTaskQuery().processDefinitionKey(PROCESS_KEY).list().stream().findFirst()
          .ifPresent(task -> {
            throw new IllegalStateException("An invitation went to " + task.getTaskDefinitionKey() + ": "
                + engine.getTaskService().getVariables(task.getId()));
          });
      Thread.sleep(5);
    }
    return invited;
  }

  private long waitingForAnswer() {
    // Earlier rounds' invitations have all been answered, so every waiting one is this round's
    return engine.getRuntimeService().createExecutionQuery().processDefinitionKey(PROCESS_KEY)
        .activityId(Ids.AWAIT_ANSWER).count();
  }

  Map<String, String> tokensByRecipient(List<Invited> invited) throws Exception {
    Map<String, String> tokens = new HashMap<>();
    List<MimeMessage> received = mailServer.receivedMessages();
    for (Invited one : invited) {
      for (MimeMessage mail : received) {
        if (ProcessTestSupport.isTo(mail, one.adminEmail())) {
          Matcher link = LINK.matcher(ProcessTestSupport.bodyPart(mail, "text/plain"));
          if (link.find()) {
            tokens.put(one.adminEmail(), link.group(1));
          }
        }
      }
    }
    require(tokens.size() == invited.size(), tokens.size() + " of " + invited.size()
        + " invitation mails with a link received");
    return tokens;
  }

  /** Opens the page (not measured), then accepts: measured until the relationship is recorded. */
  private long accept(Invited invited, String token) throws Exception {
    long start = answerOnPage(token, "accept", null);
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!relationshipRecorded(invited.domainPrefix())) {
      require(System.currentTimeMillis() < deadline, "relationship of " + invited.domainPrefix() + " never recorded");
      Thread.sleep(1);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Declines on the page, as the invited admin does, with a reason. */
  void decline(String token, String reason) throws Exception {
    answerOnPage(token, "decline", reason);
  }

  /** Opens the page, then posts the answer; returns System.nanoTime() when the answer was sent. */
  private long answerOnPage(String token, String action, String declineReason) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invitation/" + token)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    require(page.statusCode() == 200, "invitation page answered " + page.statusCode());
    String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"").matcher(page.body());
    require(csrf.find(), "no CSRF token on the page");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf.group(1));
    form.put("adminName", "Lucía García");
    form.put("globalAdmin", "true");
    form.put("agreementAccepted", "true");
    form.put("action", action);
    if (declineReason != null) {
      form.put("declineReason", declineReason);
    }
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));

    long start = System.nanoTime();
    HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invitation/" + token))
        .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    require(accepted.statusCode() == 200, action + " answered " + accepted.statusCode());
    return start;
  }

  private boolean relationshipRecorded(String domainPrefix) {
    return jdbc.sql("select count(*) from relationship_event e join customer c on c.id = e.customer_id "
        + "where c.domain_prefix = ? and c.relationship = 'RESELLER'").param(domainPrefix).query(Integer.class).single() > 0;
  }

  private void awaitEnded(List<String> ids) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(new HashSet<>(ids))
        .count() > 0) {
      require(System.currentTimeMillis() < deadline, "invitations still running after acceptance");
      Thread.sleep(10);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("Invitation run failed: " + message);
    }
  }
}
