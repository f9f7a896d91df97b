package io.partnerflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

class MailboxControllerTest {

  private EmbeddedMailServer server;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    server = new EmbeddedMailServer(0, 0);
    server.start();
    mvc = mailbox(server);
  }

  private static MockMvc mailbox(EmbeddedMailServer server) {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(engine);
    views.setCharacterEncoding("UTF-8");

    return MockMvcBuilders.standaloneSetup(new MailboxController(server, EmbeddedMailServerConfiguration.mailSenderFor(server)))
        .setViewResolvers(views)
        .build();
  }

  @AfterEach
  void tearDown() {
    server.stop();
  }

  private void send(String subject, String html) throws Exception {
    send("ana.garcia@contoso.example", subject, html);
  }

  private void send(String to, String subject, String html) throws Exception {
    send(server, to, subject, html);
  }

  private static void send(EmbeddedMailServer server, String to, String subject, String html) throws Exception {
    JavaMailSenderImpl sender = EmbeddedMailServerConfiguration.mailSenderFor(server);
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("onboarding@northwind-partners.example");
    helper.setTo(to);
    helper.setSubject(subject);
    helper.setText("Plain: open https://partnerflow.example/invite/abc", html);
    sender.send(message);
  }

  @Test
  void listsMailsNewestFirst() throws Exception {
    send("First mail", "<p>one</p>");
    Thread.sleep(5);
    send("pedro@fabrikam.example", "Second mail", "<p>two</p>");
    Thread.sleep(5);
    send("Приглашение <Contoso>", "<p>three</p>");

    String page = mvc.perform(get("/mailbox")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("Приглашение &lt;Contoso&gt;", "First mail", "ana.garcia@contoso.example")
        .contains("href=\"/mailbox/2\"", "href=\"/mailbox/1\"", "href=\"/mailbox/0\"");
    // Newest first across mailboxes; each index keeps pointing at the same mail.
    assertThat(page.indexOf("Приглашение")).isLessThan(page.indexOf("Second mail"));
    assertThat(page.indexOf("Second mail")).isLessThan(page.indexOf("First mail"));
    assertThat(mvc.perform(get("/mailbox/2")).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8)).contains("Приглашение &lt;Contoso&gt;");
  }

  @Test
  void showsTheHtmlBodyEscapedInASandboxedFrame() throws Exception {
    send("Your invitation",
        "<html><head><title>x</title></head><body>"
            + "<a href=\"https://partnerflow.example/invite/abc?x=1&y=2\">Accept</a>"
            + "<script>alert('x')</script></body></html>");

    String page = mvc.perform(get("/mailbox/0")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("<h1>Your invitation</h1>")
        .contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"")
        .contains("srcdoc=\"&lt;html&gt;&lt;head&gt;&lt;base target=&quot;_blank&quot;&gt;&lt;title&gt;")
        .contains("&lt;a href=&quot;https://partnerflow.example/invite/abc?x=1&amp;y=2&quot;&gt;Accept&lt;/a&gt;")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script", "allow-scripts", "allow-same-origin")
        .contains("Plain: open https://partnerflow.example/invite/abc")
        .contains("<dt>Message-ID</dt>", "onboarding@northwind-partners.example");
  }

  @Test
  void onlyAMailWhoseAnswersAreReadSuggestsAnswerWords() throws Exception {
    // A welcome mail: no Reply-To, nothing reads an answer to it
    send("Su cuenta en la nube de Microsoft para Contoso está lista", "<p>Bienvenido</p>");
    JavaMailSenderImpl sender = EmbeddedMailServerConfiguration.mailSenderFor(server);
    MimeMessage invitation = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(invitation, false, "UTF-8");
    helper.setFrom("onboarding@northwind-partners.example");
    helper.setReplyTo("invitations@northwind-partners.example");
    helper.setTo("ana.garcia@contoso.example");
    helper.setSubject("Invitación [Ref: abc]");
    helper.setText("Responda ACEPTO o RECHAZO");
    sender.send(invitation);

    String welcome = mvc.perform(get("/mailbox/0")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    String invitationPage = mvc.perform(get("/mailbox/1")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(welcome).contains("placeholder=\"Your reply\"").doesNotContain("ACEPTO", "ACCEPT");
    assertThat(invitationPage).contains("placeholder=\"e.g. ACCEPT or DECLINE as the first word");
  }

  @Test
  void repliesToAMailAsItsRecipientToTheReplyToThreadedByInReplyTo() throws Exception {
    JavaMailSenderImpl sender = EmbeddedMailServerConfiguration.mailSenderFor(server);
    MimeMessage invitation = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(invitation, false, "UTF-8");
    helper.setFrom("onboarding@northwind-partners.example");
    helper.setReplyTo("invitations@northwind-partners.example");
    helper.setTo("ana.garcia@contoso.example");
    helper.setSubject("Invitación [Ref: abc]");
    helper.setText("Responda ACEPTO");
    sender.send(invitation);
    String messageId = server.receivedMessages().get(0).getMessageID();
    MockHttpSession session = new MockHttpSession();

    String page = mvc.perform(get("/mailbox/0").session(session)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("As <span>ana.garcia@contoso.example</span> to <span>invitations@northwind-partners.example</span>");

    // the form's CSRF token is Spring Security's (HttpSecurityTest proves the refusal over HTTP)
    assertThat(server.receivedMessages()).hasSize(1);
    mvc.perform(post("/mailbox/0/reply").session(session).param("text", "ACEPTO"))
        .andExpect(status().is3xxRedirection());

    MimeMessage reply = server.receivedMessages().get(1);
    assertThat(reply.getAllRecipients()[0].toString()).isEqualTo("invitations@northwind-partners.example");
    assertThat(reply.getFrom()[0].toString()).isEqualTo("ana.garcia@contoso.example");
    assertThat(reply.getSubject()).isEqualTo("RE: Invitación [Ref: abc]");
    assertThat(reply.getHeader("In-Reply-To")).containsExactly(messageId);
    assertThat(String.valueOf(reply.getContent()).strip()).isEqualTo("ACEPTO");
  }

  @Test
  void aMailKeepsItsIndexAcrossARestart(@TempDir Path store) throws Exception {
    server.stop();
    server = new EmbeddedMailServer(0, 0, store);
    server.start();
    send(server, "ana.garcia@contoso.example", "First mail", "<p>one</p>");
    send(server, "invitations@northwind-partners.example", "RE: second", "<p>two</p>");
    send(server, "pedro@fabrikam.example", "Third mail", "<p>three</p>");
    String listBefore = page(mailbox(server), "/mailbox");
    server.stop();

    server = new EmbeddedMailServer(0, 0, store);
    server.start();
    MockMvc restarted = mailbox(server);

    assertThat(page(restarted, "/mailbox")).isEqualTo(listBefore).doesNotContain("No mail has been sent yet");
    assertThat(page(restarted, "/mailbox/0")).contains("<h1>First mail</h1>");
    assertThat(page(restarted, "/mailbox/1")).contains("<h1>RE: second</h1>", "invitations@northwind-partners.example");
    assertThat(page(restarted, "/mailbox/2")).contains("<h1>Third mail</h1>", "pedro@fabrikam.example");
  }

  private static String page(MockMvc mvc, String path) throws Exception {
    return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownMailIsNotFound() throws Exception {
    mvc.perform(get("/mailbox/3")).andExpect(status().isNotFound());
  }
}
