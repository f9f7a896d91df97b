package io.partnerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.security.DemoUsersInitializer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The Camunda webapps in a real (headless) Chromium. An operator starts "Add a new customer" from
 * Tasklist (login, "Start process", the Camunda Form {@code form-account-info}) and the engine holds
 * the instance waiting in {@code Task_ConfirmCustomerAgreement}; a manager finds finished instances
 * in Cockpit through our "Finished instances" plugin (business keys, paging, filter, links to the
 * customer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CamundaWebappsBrowserTest {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path ARTIFACTS = Paths.get("target", "browser");
  static final String START_FORM = "forms/account-info.form";
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  HistoryService historyService;

  @Autowired
  ManagementService managementService;

  @Autowired
  IdentityService identityService;

  @Autowired
  EmbeddedMailServer mailServer;

  @Autowired
  JdbcClient jdbc;

  ChromeDriverService service;
  ChromeDriver driver;
  WebDriverWait wait;
  Path userDataDir;

  @BeforeEach
  void startBrowser() throws IOException {
    // In CI the browser must be there (.ci/run installs it): never skip there.
    assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
        "Chromium not installed at " + CHROMIUM + " (apt-get install chromium chromium-driver)");

    userDataDir = Files.createTempDirectory("partnerflow-chromium-");
    // Explicit driver and browser: Selenium Manager (which would download both) never runs.
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1100", "--lang=en-US",
        "--user-data-dir=" + userDataDir.toAbsolutePath());
    options.setAcceptInsecureCerts(false);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (userDataDir != null) {
      FileSystemUtils.deleteRecursively(userDataDir);
    }
  }

  @Test
  void operatorStartsOnboardingFromTasklist(TestInfo testInfo) throws Exception {
    String domainPrefix = "bt" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("companyName", "Browser Test Contoso Ltd");
    values.put("domainPrefix", domainPrefix);
    values.put("addressLine1", "1 Microsoft Way");
    values.put("city", "Redmond");
    values.put("state", "WA");
    values.put("postalCode", "98052");
    values.put("country", "US");
    values.put("culture", "en-US");
    values.put("language", "en");
    values.put("contactFirstName", "Ada");
    values.put("contactLastName", "Lovelace");
    values.put("contactEmail", "ada.lovelace@contoso.example");
    values.put("contactPhone", "+1 425 555 0100");

    try {
      login("operator", "operator");
      openStartForm("Add a new customer");
      Map<String, JsonNode> fields = startFormFieldsByKey();
      for (Map.Entry<String, String> value : values.entrySet()) {
        JsonNode field = fields.get(value.getKey());
        assertThat(field).as("field with key '%s' in %s", value.getKey(), START_FORM).isNotNull();
        fill(field, value.getValue());
      }
      submitStartForm();
    } catch (Throwable e) {
      saveArtifacts(testInfo);
      throw e;
    }

    ProcessInstance instance = new FluentWait<>(runtimeService)
        .withTimeout(TIMEOUT)
        .pollingEvery(Duration.ofMillis(200))
        .until(rs -> rs.createProcessInstanceQuery()
            .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
            .variableValueEquals("domainPrefix", domainPrefix)
            .singleResult());

    Map<String, Object> variables = runtimeService.getVariables(instance.getId());
    values.forEach((key, value) -> assertThat(variables).as(key).containsEntry(key, value));
    assertThat(runtimeService.getActiveActivityIds(instance.getId()))
        .containsExactly(OnboardingProcess.Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(OnboardingProcess.Ids.CONFIRM_CUSTOMER_AGREEMENT).count()).isEqualTo(1);
    HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult();
    assertThat(history.getStartUserId()).as("started by the logged-in operator").isEqualTo("operator");
  }

  @Test
  void managerSeesFinishedInstanceAndItsEndEventInCockpit(TestInfo testInfo) {
    // The seeded customer's domain ends an API-started onboarding at once, handing over to an invitation
    ProcessInstance finished = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
        fabrikamFromTheApi());
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(finished.getId())
        .finished().count()).isEqualTo(1);
    String endEventName = "Existing customer: invitation sent";

    try {
      signIn("cockpit", "manager", "manager", By.cssSelector("a[href*='#/processes']"));
      driver.get(baseUrl() + "/camunda/app/cockpit/default/#/process-definition/"
          + finished.getProcessDefinitionId() + "/runtime?detailsTab=partnerflow.finishedInstances");
      By row = By.xpath("//table[contains(@class,'partnerflow-finished-instances')]//tr[td[normalize-space(.)='"
          + finished.getId() + "']]");
      WebElement instanceRow = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
      assertThat(instanceRow.findElement(By.cssSelector("td.end-event")).getText()).isEqualTo(endEventName);
      assertThat(instanceRow.getText()).contains("COMPLETED");
    } catch (Throwable e) {
      saveArtifacts(testInfo);
      throw e;
    }
  }

  @Test
  void managerPagesFinishedInstancesSeesBusinessKeysAndFollowsARowToItsCustomer(TestInfo testInfo) {
    // 55 onboardings of the seeded customer's domain, each ended at once (started through the API, so no
    // note waits in Tasklist), started by the operator; one, abandoned at "Edit account info", has a domain
    // prefix with markup, which becomes its business key (business keys come from user input)
    String hostileKey = "fabrikam<img src=x onerror=\"window.pwned=1\">&amp;";
    ProcessInstance fabrikam = null;
    ProcessInstance hostile;
    ProcessInstance waiting;
    identityService.setAuthentication("operator", List.of(DemoUsersInitializer.OPERATORS));
    try {
      for (int i = 0; i < 55; i++) {
        fabrikam = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY, fabrikamFromTheApi());
      }
      hostile = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
          OnboardingProcess.DOMAIN_PREFIX.putIn(Variables.createVariables(), hostileKey));
      // and the newest one deleted (by an admin) while waiting for an edit: no customer known, no end event
      waiting = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
          OnboardingProcess.DOMAIN_PREFIX.putIn(Variables.createVariables(), "bt-deleted"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(runtimeService.getActiveActivityIds(hostile.getId())).containsExactly(OnboardingProcess.Ids.EDIT_ACCOUNT_INFO);
    runtimeService.deleteProcessInstance(hostile.getId(), "test: abandoned");
    assertThat(runtimeService.getActiveActivityIds(waiting.getId())).containsExactly(OnboardingProcess.Ids.EDIT_ACCOUNT_INFO);
    runtimeService.deleteProcessInstance(waiting.getId(), "test: abandoned");
    String definitionId = fabrikam.getProcessDefinitionId();
    // What the tab must show, in its order: most recently finished first, ties by id
    List<HistoricProcessInstance> expected = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionId(definitionId).finished()
        .orderByProcessInstanceEndTime().desc().orderByProcessInstanceId().desc().list();
    assertThat(expected).hasSizeGreaterThan(55);
    String total = " of " + expected.size() + " finished instances";
    By rows = By.cssSelector("table.partnerflow-finished-instances tbody tr");
    By status = By.cssSelector(".partnerflow-finished-status");

    try {
      signIn("cockpit", "manager", "manager", By.cssSelector("a[href*='#/processes']"));
      driver.get(baseUrl() + "/camunda/app/cockpit/default/#/process-definition/" + definitionId
          + "/runtime?detailsTab=partnerflow.finishedInstances");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–50" + total));
      assertThat(instanceIds(rows)).containsExactlyElementsOf(expected.subList(0, 50).stream()
          .map(HistoricProcessInstance::getId).toList());

      WebElement deleted = driver.findElements(rows).get(0);
      assertThat(deleted.getText()).contains("TERMINATED", "bt-deleted", "operator");
      assertThat(deleted.findElements(By.tagName("a"))).as("no customer, no link").isEmpty();
      assertThat(deleted.findElement(By.cssSelector("td.end-event")).getText()).isEmpty();

      WebElement hostileRow = row(hostile.getId());
      assertThat(hostileRow.findElement(By.cssSelector("td.business-key")).getText()).isEqualTo(hostileKey);
      assertThat(hostileRow.findElement(By.cssSelector("td.end-event")).getText()).isEmpty();
      assertThat(row(fabrikam.getId()).findElement(By.cssSelector("td.end-event")).getText())
          .isEqualTo("Existing customer: invitation sent");
      assertThat(row(fabrikam.getId()).findElement(By.cssSelector("td.business-key")).getText()).isEqualTo("fabrikam");
      assertThat(driver.findElements(By.cssSelector("table.partnerflow-finished-instances img"))).isEmpty();
      assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);

      driver.findElement(By.cssSelector(".partnerflow-finished-pager .next-page")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "51–" + expected.size() + total));
      assertThat(instanceIds(rows)).containsExactlyElementsOf(expected.subList(50, expected.size()).stream()
          .map(HistoricProcessInstance::getId).toList());
      assertThat(driver.findElement(By.cssSelector(".partnerflow-finished-pager .next-page")).isEnabled()).isFalse();

      WebElement filter = driver.findElement(By.cssSelector(".business-key-filter"));
      filter.sendKeys("<img");
      driver.findElement(By.cssSelector(".partnerflow-finished-filter button[type='submit']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–1 of 1 finished instances"));
      assertThat(instanceIds(rows)).containsExactly(hostile.getId());

      assertThat(row(hostile.getId()).findElements(By.tagName("a"))).as("no customer, no link").isEmpty();

      // An onboarding that found Fabrikam (existingCustomerId): its id links to Fabrikam's customer page
      filter = driver.findElement(By.cssSelector(".business-key-filter"));
      filter.clear();
      driver.findElement(By.cssSelector(".partnerflow-finished-filter button[type='submit']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–50" + total));
      row(fabrikam.getId()).findElement(By.linkText(fabrikam.getId())).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("primary-domain"), "fabrikam.onmicrosoft.com"));
      assertThat(driver.getCurrentUrl()).endsWith("/customers/0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fabrikam, Inc.");
    } catch (Throwable e) {
      saveArtifacts(testInfo);
      throw e;
    }
  }

  /** The seeded customer's domain, as the integration API starts it: the instance ends at once. */
  private static VariableMap fabrikamFromTheApi() {
    VariableMap variables = OnboardingProcess.DOMAIN_PREFIX.putIn(Variables.createVariables(), "fabrikam");
    return OnboardingProcess.STARTED_BY_API.putIn(variables, true);
  }

  @Test
  void customerAdminAcceptsInvitationOnThePublicPageAndASecondVisitSaysAlreadyAnswered(TestInfo testInfo)
      throws Exception {
    String prefix = "bi" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    VariableMap request = Variables.createVariables();
    InvitationProcess.COMPANY_NAME.putIn(request, "Browser Invite GmbH");
    InvitationProcess.DOMAIN_PREFIX.putIn(request, prefix);
    InvitationProcess.ADMIN_EMAIL.putIn(request, "admin@" + prefix + ".example");
    InvitationProcess.ADMIN_FIRST_NAME.putIn(request, "Giulia");
    InvitationProcess.ADMIN_LAST_NAME.putIn(request, "Rossi");
    InvitationProcess.CULTURE.putIn(request, "it-IT");
    InvitationProcess.LANGUAGE.putIn(request, "it");
    InvitationProcess.INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    ProcessInstance invitation = runtimeService.startProcessInstanceByKey(InvitationProcess.PROCESS_KEY, request);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(invitation.getId())
        .singleResult().getId());
    String link = invitationLink("admin@" + prefix + ".example");

    try {
      driver.get(link);
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("adminName")));
      assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("it");
      assertThat(name.getAttribute("value")).isEqualTo("Giulia Rossi");
      driver.findElement(By.id("globalAdmin")).click();
      driver.findElement(By.id("agreementAccepted")).click();
      driver.findElement(By.cssSelector("button[name='action'][value='accept']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Grazie"));

      driver.get(link);
      wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Grazie")));
      assertThat(driver.findElements(By.id("adminName"))).as("no form after the answer").isEmpty();
      assertThat(driver.findElement(By.tagName("h1")).getText()).containsIgnoringCase("già");
    } catch (Throwable e) {
      saveArtifacts(testInfo);
      throw e;
    }

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(invitation.getId()).singleResult()
        .getProcessDefinitionId()).startsWith(InvitationProcess.PROCESS_KEY);
    assertThat(taskService.createTaskQuery().processInstanceId(invitation.getId()).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(invitation.getId())
        .activityId(InvitationProcess.Ids.RECORD_RELATIONSHIP).finished().count()).isEqualTo(1);
    assertThat(jdbc.sql("select relationship from customer where domain_prefix = ?").param(prefix)
        .query(String.class).single()).isEqualTo("RESELLER");
  }

  @Test
  void operatorSearchesTheCustomerListAndOpensFabrikam(TestInfo testInfo) {
    try {
      // The Tasklist session carries over to our pages: no second login
      login("operator", "operator");
      driver.get(baseUrl() + "/customers");
      WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
      search.sendKeys("fab");
      driver.findElement(By.id("search")).click();
      wait.until(ExpectedConditions.urlContains("q=fab"));
      wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Fabrikam, Inc."))).click();

      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("primary-domain"),
          "fabrikam.onmicrosoft.com"));
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fabrikam, Inc.");
      assertThat(driver.findElement(By.id("contact")).getText()).contains("dana.birkby@fabrikam.example");
      assertThat(driver.getCurrentUrl()).endsWith("/customers/0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");
    } catch (Throwable e) {
      saveArtifacts(testInfo);
      throw e;
    }
  }

  /** The instance ids of the finished-instances table's rows, top to bottom. */
  private List<String> instanceIds(By rows) {
    return driver.findElements(rows).stream().map(r -> r.findElement(By.cssSelector("td.instance-id")).getText()).toList();
  }

  private WebElement row(String instanceId) {
    return driver.findElement(By.xpath("//table[contains(@class,'partnerflow-finished-instances')]"
        + "//tr[td[contains(@class,'instance-id') and normalize-space(.)='" + instanceId + "']]"));
  }

  /** The acceptance link from the invitation mail the embedded mail server received. */
  private String invitationLink(String recipient) throws Exception {
    for (MimeMessage mail : mailServer.receivedMessages()) {
      if (recipient.equals(((InternetAddress) mail.getAllRecipients()[0]).getAddress())) {
        Matcher link = Pattern.compile("https?://[^\\s\"<>]+/invitation/[A-Za-z0-9_-]{43}")
            .matcher(mailText(mail));
        if (link.find()) {
          // The mail links to the configured public base URL; this test's server runs on a random port
          return link.group().replaceFirst("https?://[^/]+", baseUrl());
        }
      }
    }
    throw new AssertionError("no invitation mail with a link for " + recipient);
  }

  private static String mailText(MimeMessage mail) throws Exception {
    Object content = mail.getContent();
    if (content instanceof MimeMultipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(multipart.getBodyPart(i).getContent());
      }
      return text.toString();
    }
    return String.valueOf(content);
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private void login(String username, String password) {
    signIn("tasklist", username, password, By.cssSelector(".start-process-action a"));
  }

  private void signIn(String app, String username, String password, By signedIn) {
    driver.get(baseUrl() + "/camunda/app/" + app + "/");
    WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
    user.sendKeys(username);
    driver.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(signedIn));
  }

  private void openStartForm(String processName) {
    driver.findElement(By.cssSelector(".start-process-action a")).click();
    By process = By.xpath("//div[contains(@class,'modal-body')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space(.)='" + processName + "']");
    wait.until(ExpectedConditions.elementToBeClickable(process)).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-body .fjs-form")));
  }

  /** Components of the deployed start form by variable key (form-js DOM ids use the component id). */
  private static Map<String, JsonNode> startFormFieldsByKey() throws IOException {
    try (InputStream in = CamundaWebappsBrowserTest.class.getClassLoader().getResourceAsStream(START_FORM)) {
      assertThat(in).as(START_FORM + " on the classpath").isNotNull();
      Map<String, JsonNode> byKey = new LinkedHashMap<>();
      collect(new ObjectMapper().readTree(in).path("components"), byKey);
      return byKey;
    }
  }

  private static void collect(JsonNode components, Map<String, JsonNode> byKey) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        byKey.put(component.get("key").asText(), component);
      }
      collect(component.path("components"), byKey);
    }
  }

  private void fill(JsonNode field, String value) {
    String type = field.path("type").asText();
    By input = By.cssSelector(".modal-body .fjs-form [id$='-" + field.path("id").asText() + "']");
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(input));
    switch (type) {
      case "textfield", "textarea", "number" -> {
        element.clear();
        element.sendKeys(value);
        wait.until(ExpectedConditions.attributeToBe(element, "value", value));
      }
      case "select" -> select(field, element, value);
      default -> throw new IllegalStateException("no filler for form-js type " + type + " (" + field.path("id") + ")");
    }
  }

  /** form-js selects: open the dropdown (searchable ones filter on typed text), click the option's label. */
  private void select(JsonNode field, WebElement input, String value) {
    String label = null;
    for (JsonNode option : field.path("values")) {
      if (value.equals(option.path("value").asText())) {
        label = option.path("label").asText();
      }
    }
    assertThat(label).as("static option %s of select %s", value, field.path("id").asText()).isNotNull();
    WebElement container = input.findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field-select')]"));
    if (field.path("searchable").asBoolean(false)) {
      input.click();
      input.sendKeys(value);
    } else {
      container.findElement(By.cssSelector(".fjs-select-display")).click();
    }
    String expected = label;
    WebElement option = wait.until(d -> container.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
        .filter(item -> item.getText().strip().equals(expected))
        .findFirst()
        .orElse(null));
    option.click();
    wait.until(d -> !container.findElements(By.cssSelector(".fjs-select-cross")).isEmpty()
        || expected.equals(input.getAttribute("value")));
  }

  private void submitStartForm() {
    By start = By.cssSelector(".modal-footer button.btn-primary[ng-click='startProcessInstance()']");
    assertThat(driver.findElements(By.cssSelector(".modal-body .fjs-form-field-error")).stream()
        .map(WebElement::getText).filter(t -> !t.isBlank()).toList()).as("form validation errors").isEmpty();
    wait.until(ExpectedConditions.elementToBeClickable(start)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
  }

  private void saveArtifacts(TestInfo testInfo) {
    if (driver == null) {
      return;
    }
    try {
      Files.createDirectories(ARTIFACTS);
      String name = testInfo.getTestMethod().map(m -> m.getName()).orElse("browser");
      File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(screenshot.toPath(), ARTIFACTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(ARTIFACTS.resolve(name + ".html"), String.valueOf(driver.getPageSource()), StandardCharsets.UTF_8);
      List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
      Files.write(ARTIFACTS.resolve(name + "-console.log"), console, StandardCharsets.UTF_8);
      Object url = ((JavascriptExecutor) driver).executeScript("return window.location.href");
      Files.writeString(ARTIFACTS.resolve(name + "-url.txt"), String.valueOf(url), StandardCharsets.UTF_8);
    } catch (Exception e) {
      System.err.println("Could not save browser artifacts: " + e);
    }
  }
}
