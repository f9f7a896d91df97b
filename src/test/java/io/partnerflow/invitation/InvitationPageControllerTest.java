package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.partnerflow.config.FullStopMessageSource;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.partner.PartnerProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.partnerflow.security.SecurityConfiguration;
import jakarta.servlet.Filter;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The public invitation page, with the registry and the answer service mocked. */
class InvitationPageControllerTest {

  private static final String TOKEN = InvitationTokens.newToken();
  private static final String PARTNER = "Northwind Cloud Partners";
  private static final String EMAIL = "ana.garcia@contoso.example";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final InvitationRegistry registry = mock(InvitationRegistry.class);
  /** Ledger mode: Microsoft handed out nothing. */
  private final MicrosoftRequests microsoftRequests = mock(MicrosoftRequests.class);
  private final InvitationAnswerService answers = mock(InvitationAnswerService.class);
  private final RelationshipService relationships = mock(RelationshipService.class);
  private final MockHttpSession session = new MockHttpSession();
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    when(microsoftRequests.find(any())).thenReturn(MicrosoftRequest.NONE);
    mvc = pagesOf(PARTNER);
  }

  /** The pages of a partner with this name. */
  private MockMvc pagesOf(String partnerName) {
    // Like the app: spring.messages (UTF-8, no system-locale fallback), templates under templates/
    FullStopMessageSource messages = FullStopMessageSource.of("i18n/messages", "i18n/mail", "i18n/invitation");
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);

    PartnerProfile partner = new PartnerProfile(partnerName, "4800001", true, "EMEA", "ops@northwind.example");
    return MockMvcBuilders.standaloneSetup(
            new InvitationPageController(registry, answers, relationships, partner, engine, messages, microsoftRequests))
        .addFilters(csrfAsInTheApp())
        .build();
  }

  /**
   * Spring Security's CSRF filter; a refused token reaches the page marked, as the app's forward
   * does (SecurityConfiguration; proven over real HTTP by InvitationEndToEndTest).
   */
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

  // --- GET: the open invitation ---

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en-US | en | en    | By accepting, you grant:                | Decline",
      "es-MX | es | es    | Al aceptar, concede:                    | Rechazar",
      "pt-PT | pt | pt-BR | Ao aceitar, você concede:               | Recusar",
      "''    | ru | ru    | Приняв приглашение, Вы предоставляете:  | Отклонить",
      "it-IT | it | it    | Accettando concede:                     | Rifiuta"})
  void showsTheOpenInvitationInItsLanguage(String culture, String language, String lang, String grants,
      String declineButton) throws Exception {
    open(invitation(culture, language, false, null));

    String page = body(mvc.perform(get(url(TOKEN)).session(session).header("Accept-Language", "de-DE"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Language", lang))
        .andExpect(header().string("Content-Type", "text/html;charset=UTF-8"))
        // CSP, framing and referrer: Spring Security's (HttpSecurityTest, over HTTP)
        .andExpect(header().string("Cache-Control", "no-store")));

    assertThat(page)
        .contains("<html lang=\"" + lang + "\"")
        .contains("<h2>" + grants + "</h2>", ">" + declineButton + "</button>")
        .contains(PARTNER, "Contoso Ltd", "contoso.onmicrosoft.com")
        .contains("id=\"adminName\"", "value=\"Ana García\"", "maxlength=\"120\"", "required")
        .contains("name=\"globalAdmin\"", "name=\"action\" value=\"accept\"", "name=\"action\" value=\"decline\"")
        .contains("name=\"declineReason\"", "maxlength=\"1000\"")
        .doesNotContain("<script", "grant-delegated-admin", "aria-invalid");
    // No message of the operator's: the standard one, in the page's language
    assertThat(page).contains("id=\"personal-message\"").doesNotContain("link below");
    assertThat(csrfIn(page)).isNotBlank();
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en-US | en | Northwind Cloud Partners asks to become the Microsoft reseller of Contoso S.p.A.</p>",
      "es-ES | es | Northwind Cloud Partners solicita ser el revendedor de Microsoft de Contoso S.p.A.</p>",
      "pt-BR | pt | Northwind Cloud Partners solicita tornar-se o revendedor Microsoft de Contoso S.p.A.</p>",
      "ru-RU | ru | просит стать реселлером Microsoft для компании «Contoso S.p.A.».</p>",
      "it-IT | it | Northwind Cloud Partners chiede di diventare il rivenditore Microsoft di Contoso S.p.A.</p>"})
  void aCompanyNameEndingWithAFullStopEndsItsSentenceWithOne(String culture, String language, String sentenceEnd)
      throws Exception {
    open(invitation("Contoso S.p.A.", culture, language, true, null));

    assertThat(get200()).contains(sentenceEnd, "<dd>Contoso S.p.A.</dd>").doesNotContain("S.p.A..");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en-US | en | please contact Northwind Partners S.p.A.</p>",
      "es-ES | es | póngase en contacto con Northwind Partners S.p.A.</p>",
      "pt-BR | pt | entre em contato com Northwind Partners S.p.A.</p>",
      "ru-RU | ru | свяжитесь с компанией «Northwind Partners S.p.A.».</p>",
      "it-IT | it | contatti Northwind Partners S.p.A.</p>"})
  void aPartnerNameEndingWithAFullStopEndsItsSentenceWithOne(String culture, String language, String sentenceEnd)
      throws Exception {
    MockMvc partnerPages = pagesOf("Northwind Partners S.p.A.");
    refused(Optional.of(invitation(culture, language, false, null)), AnswerOutcome.ALREADY_ANSWERED);

    assertThat(body(partnerPages.perform(get(url(TOKEN))).andExpect(status().isConflict())))
        .contains(sentenceEnd).doesNotContain("S.p.A..");
  }

  @Test
  void namesTheDomainInTheGlobalAdministratorCheckbox() throws Exception {
    open(invitation("en-GB", "en", false, null));
    assertThat(get200()).contains("I am a global administrator of the contoso.onmicrosoft.com tenant");
  }

  @Test
  void mentionsDelegatedAdministrationOnlyWhenAsked() throws Exception {
    open(invitation("en-US", "en", true, null));
    assertThat(get200())
        .contains("a reseller relationship with " + PARTNER)
        .contains("delegated administration privileges (the partner can administer your tenant’s services)");

    open(invitation("en-US", "en", false, null));
    assertThat(get200())
        .contains("a reseller relationship with " + PARTNER)
        .doesNotContain("delegated administration");
  }

  @Test
  void asksForTheCustomerAgreementOnlyWhenNoneIsOnRecord() throws Exception {
    open(invitation("en-US", "en", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(false);
    assertThat(get200())
        .contains("name=\"agreementAccepted\"", "I accept the")
        .contains("href=\"https://www.microsoft.com/licensing/docs/customeragreement\"",
            ">Microsoft Customer Agreement</a>");

    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
    assertThat(get200()).doesNotContain("agreementAccepted", "Microsoft Customer Agreement");
  }

  @Test
  void escapesThePersonalMessage() throws Exception {
    open(invitation("en-US", "en", false, "<script>alert('x')</script>\nBest, Bob & team"));

    assertThat(get200())
        .contains("Message from " + PARTNER)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\nBest, Bob &amp; team")
        .doesNotContain("<script");
  }

  // --- GET: links that cannot be answered ---

  @ParameterizedTest
  @CsvSource({
      "UNKNOWN,          404, This invitation link is not valid",
      "ALREADY_ANSWERED, 409, This invitation has already been answered",
      "EXPIRED,          410, This invitation has expired"})
  void refusesLinksThatCannotBeAnswered(AnswerOutcome refusal, int status, String title) throws Exception {
    Optional<Invitation> invitation =
        refusal == AnswerOutcome.UNKNOWN ? Optional.empty() : Optional.of(invitation("en-US", "en", false, null));
    refused(invitation, refusal);

    String page = body(mvc.perform(get(url(TOKEN)).session(session))
        .andExpect(status().is(status))
        .andExpect(header().string("Cache-Control", "no-store")));

    assertThat(page).contains("<h1>" + title + "</h1>").doesNotContain("<form", "_csrf");
    assertThat(session.getAttributeNames().hasMoreElements()).isFalse();
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @Test
  void answeredAndExpiredPagesSpeakTheInvitationsLanguage() throws Exception {
    refused(Optional.of(invitation("it-IT", "it", false, null)), AnswerOutcome.ALREADY_ANSWERED);
    assertThat(body(mvc.perform(get(url(TOKEN)).header("Accept-Language", "en")).andExpect(status().isConflict())))
        .contains("<html lang=\"it\"", "Questo invito ha già ricevuto una risposta");

    refused(Optional.of(invitation("ru-RU", "ru", false, null)), AnswerOutcome.EXPIRED);
    assertThat(body(mvc.perform(get(url(TOKEN)).header("Accept-Language", "en")).andExpect(status().isGone())))
        .contains("<html lang=\"ru\"", "Срок действия приглашения истёк");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ru-RU,ru;q=0.9,en;q=0.8 | ru    | Эта ссылка-приглашение недействительна",
      "fr-FR,fr;q=0.9,es;q=0.5 | es    | Este enlace de invitación no es válido",
      "pt-BR                   | pt-BR | Este link de convite não é válido",
      "de-DE,fr;q=0.8          | en    | This invitation link is not valid",
      "it;q=0,en;q=0.5         | en    | This invitation link is not valid",
      "%%%                     | en    | This invitation link is not valid"})
  void unknownLinksSpeakTheBrowsersLanguage(String acceptLanguage, String lang, String title) throws Exception {
    refused(Optional.empty(), AnswerOutcome.UNKNOWN);

    String page = body(mvc.perform(get(url(TOKEN)).header("Accept-Language", acceptLanguage))
        .andExpect(status().isNotFound())
        .andExpect(header().string("Content-Language", lang)));

    assertThat(page).contains("<html lang=\"" + lang + "\"", title);
  }

  @Test
  void malformedTokensAreUnknownWithoutALookup() throws Exception {
    when(answers.refusal(Optional.empty())).thenReturn(Optional.of(AnswerOutcome.UNKNOWN));

    mvc.perform(get("/invitation/{token}", "x".repeat(101))).andExpect(status().isNotFound());
    mvc.perform(get("/invitation/{token}", "abc$def")).andExpect(status().isNotFound());

    verifyNoInteractions(registry);
  }

  // --- POST: form token ---

  @Test
  void refusesAnAnswerWithoutAFormToken() throws Exception {
    open(invitation("en-US", "en", false, null));
    get200();

    String page = body(mvc.perform(validAccept(TOKEN).session(session)).andExpect(status().isForbidden()));

    assertThat(page).contains("This form has expired", "Open the invitation again");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @Test
  void refusesAnAnswerWithAWrongFormToken() throws Exception {
    open(invitation("es-ES", "es", false, null));
    String csrf = csrfIn(get200());

    mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf.substring(1) + "x"))
        .andExpect(status().isForbidden());
    // The right token, but another session
    mvc.perform(validAccept(TOKEN).session(new MockHttpSession()).param("_csrf", csrf))
        .andExpect(status().isForbidden());
    String page = body(mvc.perform(validAccept(TOKEN).param("_csrf", csrf)).andExpect(status().isForbidden()));

    assertThat(page).contains("<html lang=\"es\"", "Este formulario ha caducado");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  // --- POST: validation ---

  @Test
  void acceptingRequiresTheGlobalAdministratorCheckbox() throws Exception {
    open(invitation("en-US", "en", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
    String csrf = csrfIn(get200());

    String page = body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "accept").param("adminName", "  Ana G.  "))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(header().string("Cache-Control", "no-store")));

    assertThat(page)
        .contains("Global administrator: to accept, confirm that you are a global administrator of the "
            + "contoso.onmicrosoft.com tenant.")
        .contains("href=\"#globalAdmin\"", "id=\"globalAdmin-error\"")
        .containsPattern("id=\"globalAdmin\"[^>]*aria-invalid=\"true\"")
        .contains("value=\"Ana G.\"")
        .containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
    assertThat(page).doesNotContainPattern("id=\"adminName\"[^>]*aria-invalid");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @Test
  void validationMessagesNameFieldAndRuleInTheCustomersLanguage() throws Exception {
    open(invitation("pt-BR", "pt", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(false);
    String csrf = csrfIn(get200());

    String page = body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "accept").param("adminName", "A".repeat(121)).param("globalAdmin", "true"))
        .andExpect(status().isUnprocessableEntity()));

    assertThat(page)
        .contains("Seu nome deve ter no máximo 120 caracteres (você digitou 121).")
        .contains("Contrato de Cliente da Microsoft: para aceitar, você precisa aceitar o Contrato de Cliente da Microsoft.")
        .containsPattern("id=\"globalAdmin\"[^>]*checked")
        .doesNotContain("id=\"globalAdmin-error\"");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @Test
  void rejectsAMissingNameAnOverlongReasonAndAnUnknownAction() throws Exception {
    open(invitation("en-US", "en", false, null));
    String csrf = csrfIn(get200());

    assertThat(body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "decline").param("adminName", " ").param("declineReason", "x".repeat(1001)))
        .andExpect(status().isUnprocessableEntity())))
        .contains("Your name is required (1 to 120 characters).")
        .contains("Reason for declining must be at most 1,000 characters long (you entered 1,001).");
    assertThat(body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "maybe").param("adminName", "Ana"))
        .andExpect(status().isUnprocessableEntity())))
        .contains("Answer: choose Accept or Decline.");
    assertThat(body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "decline").param("adminName", "Ana\u0007García"))
        .andExpect(status().isUnprocessableEntity())))
        .contains("Your name must be a single line");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  // --- POST: answers ---

  @Test
  void acceptsWithTheAgreementWhenItWasAsked() throws Exception {
    open(invitation("en-US", "en", true, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(false);
    String csrf = csrfIn(get200());
    Answer expected = new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Ana García", EMAIL, null, true);
    when(answers.answerByToken(TOKEN, expected)).thenReturn(AnswerOutcome.ACCEPTED);

    String page = body(mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf)
            .param("agreementAccepted", "true").param("declineReason", "ignored on accept"))
        .andExpect(status().isOk()));

    assertThat(page).contains("<h1>Thank you — " + PARTNER + " is now your reseller</h1>").doesNotContain("<form");
    verify(answers).answerByToken(TOKEN, expected);
  }

  @Test
  void acceptsWithoutAnAgreementAnswerWhenOneIsOnRecord() throws Exception {
    open(invitation("ru-RU", "ru", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
    String csrf = csrfIn(get200());
    Answer expected = new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Ana García", EMAIL, null, null);
    when(answers.answerByToken(TOKEN, expected)).thenReturn(AnswerOutcome.ACCEPTED);

    // A tampered form still sending the agreement box changes nothing
    String page = body(mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf)
            .param("agreementAccepted", "on"))
        .andExpect(status().isOk()));

    assertThat(page).contains("Спасибо! Компания «" + PARTNER + "» теперь Ваш реселлер");
    verify(answers).answerByToken(TOKEN, expected);
  }

  @Test
  void declinesWithAReasonAndNeitherCheckbox() throws Exception {
    open(invitation("en-US", "en", false, null));
    String csrf = csrfIn(get200());
    Answer expected = new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Ana García", EMAIL,
        "We <b>already</b> have a partner.\nThanks!", null);
    when(answers.answerByToken(TOKEN, expected)).thenReturn(AnswerOutcome.DECLINED);

    String page = body(mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "decline").param("adminName", "Ana García")
            .param("declineReason", "  We <b>already</b> have a partner.\r\nThanks!  "))
        .andExpect(status().isOk()));

    assertThat(page).contains("<h1>You declined the invitation</h1>");
    verify(answers).answerByToken(TOKEN, expected);
  }

  @Test
  void aBlankDeclineReasonIsNone() throws Exception {
    open(invitation("en-US", "en", false, null));
    String csrf = csrfIn(get200());
    Answer expected = new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Ana García", EMAIL, null, null);
    when(answers.answerByToken(TOKEN, expected)).thenReturn(AnswerOutcome.DECLINED);

    mvc.perform(post(url(TOKEN)).session(session).param("_csrf", csrf)
            .param("action", "decline").param("adminName", "Ana García").param("declineReason", " \r\n "))
        .andExpect(status().isOk());

    verify(answers).answerByToken(TOKEN, expected);
  }

  @Test
  void aSecondAnswerAfterAcceptanceIsAlreadyAnswered() throws Exception {
    open(invitation("en-US", "en", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
    String csrf = csrfIn(get200());
    when(answers.answerByToken(anyString(), any()))
        .thenReturn(AnswerOutcome.ACCEPTED, AnswerOutcome.ALREADY_ANSWERED);

    mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf)).andExpect(status().isOk());
    String page = body(mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf))
        .andExpect(status().isConflict()));

    assertThat(page).contains("<h1>This invitation has already been answered</h1>");
  }

  @Test
  void anAnswerToAnInvitationThatExpiredMeanwhileChangesNothing() throws Exception {
    Invitation invitation = invitation("it-IT", "it", false, null);
    open(invitation);
    String csrf = csrfIn(get200());
    refused(Optional.of(invitation), AnswerOutcome.EXPIRED);

    String page = body(mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf))
        .andExpect(status().isGone()));

    assertThat(page).contains("Questo invito è scaduto");
    verify(answers, never()).answerByToken(anyString(), any());
  }

  @Test
  void aFailedAnswerSaysNothingChanged() throws Exception {
    open(invitation("en-US", "en", false, null));
    when(relationships.hasCurrentAttestation("contoso")).thenReturn(true);
    String csrf = csrfIn(get200());
    when(answers.answerByToken(anyString(), any())).thenThrow(new IllegalStateException("engine down"));

    String page = body(mvc.perform(validAccept(TOKEN).session(session).param("_csrf", csrf))
        .andExpect(status().isInternalServerError()));

    assertThat(page).contains("Your answer could not be recorded", "nothing has been changed");
  }

  @Test
  void translationsCoverEveryKey() throws Exception {
    java.util.Properties english = load("");
    for (String suffix : new String[] {"_es", "_pt_BR", "_ru", "_it"}) {
      java.util.Properties translated = load(suffix);
      assertThat(translated.stringPropertyNames()).as(suffix)
          .containsAll(english.stringPropertyNames().stream().filter(k -> !k.equals("invitation.agreement.url")).toList());
      assertThat(translated.values()).as(suffix).noneMatch(v -> v.toString().contains("'"));
    }
    assertThat(english.values()).noneMatch(v -> v.toString().contains("'"));
  }

  // --- helpers ---

  private static java.util.Properties load(String suffix) throws Exception {
    java.util.Properties properties = new java.util.Properties();
    try (var in = InvitationPageControllerTest.class.getResourceAsStream("/i18n/invitation" + suffix + ".properties")) {
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static String url(String token) {
    return "/invitation/" + token;
  }

  private static Invitation invitation(String culture, String language, boolean delegatedAdmin, String message) {
    return invitation("Contoso Ltd", culture, language, delegatedAdmin, message);
  }

  private static Invitation invitation(String company, String culture, String language, boolean delegatedAdmin,
      String message) {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    return new Invitation("inv-1", "pi-1", company, "contoso", null, EMAIL, "Ana", "García", culture, language,
        delegatedAdmin, message, "ref-1", InvitationStatus.PENDING, now.plusSeconds(30 * 86400), 1, null, null, null,
        null, null, "operator", now);
  }

  private void open(Invitation invitation) {
    when(registry.findByToken(TOKEN)).thenReturn(Optional.of(invitation));
    when(answers.refusal(Optional.of(invitation))).thenReturn(Optional.empty());
  }

  private void refused(Optional<Invitation> invitation, AnswerOutcome refusal) {
    when(registry.findByToken(TOKEN)).thenReturn(invitation);
    when(answers.refusal(invitation)).thenReturn(Optional.of(refusal));
  }

  private String get200() throws Exception {
    return body(mvc.perform(get(url(TOKEN)).session(session)).andExpect(status().isOk()));
  }

  private static MockHttpServletRequestBuilder validAccept(String token) {
    return post(url(token)).param("action", "accept").param("adminName", "Ana García").param("globalAdmin", "true");
  }

  private static String body(ResultActions actions) throws Exception {
    MvcResult result = actions.andReturn();
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String csrfIn(String page) {
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).as("form token in page").isTrue();
    return matcher.group(1);
  }
}
