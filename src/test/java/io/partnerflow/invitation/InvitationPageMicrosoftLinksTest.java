package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.partnerflow.config.FullStopMessageSource;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.security.SecurityConfiguration;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The public invitation page in api mode: it shows what the customer accepts at Microsoft (Partner
 * Center's reseller link, the delegated admin approval link), and an acceptance on our page says
 * that the relationship still needs Microsoft. Registry, answers and links mocked.
 */
class InvitationPageMicrosoftLinksTest {

  private static final String TOKEN = InvitationTokens.newToken();
  private static final String PARTNER = "Northwind Cloud Partners";
  private static final String EMAIL = "ana.garcia@contoso.example";
  private static final String RESELLER_LINK =
      "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=p1#/BillingAccounts/partner-invitation";
  private static final String RELATIONSHIP_ID = "1a2b-3c4d";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final InvitationRegistry registry = mock(InvitationRegistry.class);
  private final InvitationAnswerService answers = mock(InvitationAnswerService.class);
  private final RelationshipService relationships = mock(RelationshipService.class);
  private final MicrosoftRequests microsoftRequests = mock(MicrosoftRequests.class);
  private final MockHttpSession session = new MockHttpSession();
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    FullStopMessageSource messages = FullStopMessageSource.of("i18n/messages", "i18n/mail", "i18n/invitation");
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);
    PartnerProfile partner = new PartnerProfile(PARTNER, "4800001", true, "EMEA", "ops@northwind.example");
    mvc = MockMvcBuilders.standaloneSetup(new InvitationPageController(registry, answers, relationships, partner,
            engine, messages, microsoftRequests))
        .addFilters(csrfAsInTheApp())
        .build();
    Invitation invitation = new Invitation("inv-1", "pi-1", "Contoso Ltd", "contoso", null, EMAIL, "Ana", "García",
        "en-US", "en", true, null, "ref-1", InvitationStatus.PENDING, Instant.parse("2026-04-01T10:00:00Z"), 1, null,
        null, null, null, null, "operator", Instant.parse("2026-03-01T10:00:00Z"));
    when(registry.findByToken(TOKEN)).thenReturn(Optional.of(invitation));
    when(answers.refusal(Optional.of(invitation))).thenReturn(Optional.empty());
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
  }

  @Test
  void thePageShowsTheLinksToAcceptAtMicrosoft() throws Exception {
    when(microsoftRequests.find("inv-1")).thenReturn(new MicrosoftRequest(RESELLER_LINK, RELATIONSHIP_ID,
        MicrosoftRequest.approvalLink(RELATIONSHIP_ID)));

    String page = body(mvc.perform(get("/invitation/" + TOKEN).session(session)).andExpect(status().isOk()));

    assertThat(page)
        .contains("<h2>Accept at Microsoft</h2>")
        .contains("id=\"microsoft-reseller-link\" href=\"" + RESELLER_LINK.replace("&", "&amp;") + "\"")
        .contains("href=\"https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
            + RELATIONSHIP_ID + "\"")
        .contains("name=\"action\" value=\"accept\"");
  }

  @Test
  void withoutLinksThePageIsTheLedgerOne() throws Exception {
    when(microsoftRequests.find("inv-1")).thenReturn(MicrosoftRequest.NONE);

    String page = body(mvc.perform(get("/invitation/" + TOKEN).session(session)).andExpect(status().isOk()));

    assertThat(page).doesNotContain("Accept at Microsoft", "microsoft-reseller-link");
  }

  @Test
  void acceptingOnOurPageSaysWhatIsLeftAtMicrosoft() throws Exception {
    when(microsoftRequests.find("inv-1")).thenReturn(new MicrosoftRequest(RESELLER_LINK, null, null));
    String csrf = csrfIn(body(mvc.perform(get("/invitation/" + TOKEN).session(session)).andExpect(status().isOk())));
    Answer expected = new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Ana García", EMAIL, null, null);
    when(answers.answerByToken(TOKEN, expected)).thenReturn(AnswerOutcome.ACCEPTED);

    String page = body(mvc.perform(post("/invitation/" + TOKEN).session(session).param("_csrf", csrf)
            .param("action", "accept").param("adminName", "Ana García").param("globalAdmin", "true"))
        .andExpect(status().isOk()));

    assertThat(page)
        .contains("<h1>Thank you — one step left at Microsoft</h1>")
        .contains(PARTNER + " becomes your reseller once a global administrator of your organization accepts")
        .contains("id=\"microsoft-reseller-link\"")
        .doesNotContain("is now your reseller", "microsoft-admin-approval-link", "<form");
  }

  private static Filter csrfAsInTheApp() {
    HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
    return (request, response, chain) -> {
      CsrfFilter csrf = new CsrfFilter(tokens);
      csrf.setRequestHandler(SecurityConfiguration.csrfRequestHandler());
      csrf.setAccessDeniedHandler((refused, answer, e) -> {
        refused.setAttribute(SecurityConfiguration.FORM_REFUSED_ATTRIBUTE, Boolean.TRUE);
        chain.doFilter(refused, answer);
      });
      csrf.doFilter(request, response, chain);
    };
  }

  private static String body(ResultActions actions) throws Exception {
    return actions.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String csrfIn(String page) {
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).as("form token in page").isTrue();
    return matcher.group(1);
  }
}
