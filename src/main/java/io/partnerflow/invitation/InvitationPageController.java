package io.partnerflow.invitation;

import io.partnerflow.security.SecurityConfiguration;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.InvitationPageForm.Problem;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.partner.PartnerProfile;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public page behind the link of an invitation mail ({@code /invitation/<token>}, no login):
 * shows the open invitation in the customer's language and takes the answer.
 *
 * <p>Pages are rendered here with the customer's locale (not the request's) and returned with the
 * status that says what happened: 200 shown/answered, 403 bad form token, 404 unknown link, 409
 * already answered, 410 expired or closed, 422 invalid input. Only a valid accept/decline of an open
 * invitation changes anything.
 */
@Controller
@RequestMapping("/invitation/{token}")
public class InvitationPageController {

  private static final Logger log = LoggerFactory.getLogger(InvitationPageController.class);

  static final String FORM_TEMPLATE = "invitation/page";
  static final String STATUS_TEMPLATE = "invitation/status";
  private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  // Real tokens are 43 base64url characters; anything else cannot be one
  private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Set<String> PAGE_LANGUAGES = Set.of("en", "es", "pt", "ru", "it");

  /** What a status page says; the name is the prefix of its message keys. */
  enum Page {
    INVALID(HttpStatus.NOT_FOUND, false),
    ANSWERED(HttpStatus.CONFLICT, false),
    EXPIRED(HttpStatus.GONE, false),
    ACCEPTED(HttpStatus.OK, false),
    /** Accepted with us; the relationship still needs the customer's acceptance at Microsoft (api mode). */
    CONFIRM_AT_MICROSOFT(HttpStatus.OK, false),
    DECLINED(HttpStatus.OK, false),
    FORBIDDEN(HttpStatus.FORBIDDEN, true),
    FAILED(HttpStatus.INTERNAL_SERVER_ERROR, true);

    final HttpStatus status;
    /** Offers a link back to the invitation. */
    final boolean retry;

    Page(HttpStatus status, boolean retry) {
      this.status = status;
      this.retry = retry;
    }

    static Page of(AnswerOutcome outcome) {
      return switch (outcome) {
        case ACCEPTED -> ACCEPTED;
        case DECLINED -> DECLINED;
        case ALREADY_ANSWERED -> ANSWERED;
        case EXPIRED -> EXPIRED;
        case UNKNOWN -> INVALID;
      };
    }
  }

  private final InvitationRegistry registry;
  private final InvitationAnswerService answers;
  private final RelationshipService relationships;
  private final PartnerProfile partner;
  private final ITemplateEngine templates;
  private final MessageSource messages;
  private final MicrosoftRequests microsoftRequests;

  /** {@code microsoftRequests}: what the customer accepts at Microsoft (api mode), shown on the page and after accepting. */
  public InvitationPageController(InvitationRegistry registry, InvitationAnswerService answers,
      RelationshipService relationships, PartnerProfile partner, ITemplateEngine templates, MessageSource messages,
      MicrosoftRequests microsoftRequests) {
    this.microsoftRequests = microsoftRequests;
    this.registry = registry;
    this.answers = answers;
    this.relationships = relationships;
    this.partner = partner;
    this.templates = templates;
    this.messages = messages;
  }

  @GetMapping
  public ResponseEntity<String> show(@PathVariable String token,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      HttpServletRequest request) {
    Optional<Invitation> invitation = find(token);
    Optional<AnswerOutcome> refusal = answers.refusal(invitation);
    if (refusal.isPresent()) {
      return status(Page.of(refusal.get()), locale(invitation, acceptLanguage));
    }
    Invitation open = invitation.get();
    return form(HttpStatus.OK, open, InvitationPageForm.prefilled(open), Map.of(), csrfToken(request),
        agreementAsked(open));
  }

  @PostMapping
  public ResponseEntity<String> answer(@PathVariable String token,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "adminName", required = false) String adminName,
      @RequestParam(name = "globalAdmin", required = false) String globalAdmin,
      @RequestParam(name = "agreementAccepted", required = false) String agreementAccepted,
      @RequestParam(name = "declineReason", required = false) String declineReason,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      HttpServletRequest request) {
    Optional<Invitation> invitation = find(token);
    // Read-only, so it needs no form token: a late or repeated click learns what became of the invitation
    Optional<AnswerOutcome> refusal = answers.refusal(invitation);
    if (refusal.isPresent()) {
      return status(Page.of(refusal.get()), locale(invitation, acceptLanguage));
    }
    Invitation open = invitation.get();
    Locale locale = locale(invitation, acceptLanguage);
    // Spring Security refused the form's CSRF token and forwarded here (SecurityConfiguration)
    if (request.getAttribute(SecurityConfiguration.FORM_REFUSED_ATTRIBUTE) != null) {
      return status(Page.FORBIDDEN, locale);
    }

    InvitationPageForm form = InvitationPageForm.submitted(action, adminName, globalAdmin, agreementAccepted,
        declineReason);
    boolean agreementAsked = agreementAsked(open);
    List<Problem> problems = form.problems(agreementAsked, open.primaryDomain());
    if (!problems.isEmpty()) {
      Map<String, String> errors = new LinkedHashMap<>();
      problems.forEach(p -> errors.putIfAbsent(p.field(), messages.getMessage(p.messageKey(), p.args(), locale)));
      return form(HttpStatus.UNPROCESSABLE_ENTITY, open, form, errors, csrfToken(request), agreementAsked);
    }

    Answer answer = form.accepting()
        ? new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, form.adminName(), open.adminEmail(), null,
            agreementAsked ? Boolean.TRUE : null)
        : new Answer(AnswerType.DECLINE, AnswerChannel.LINK, form.adminName(), open.adminEmail(),
            form.declineReasonOrNull(), null);
    AnswerOutcome outcome;
    try {
      outcome = answers.answerByToken(token, answer);
    } catch (RuntimeException e) {
      // The answer and its message to the process share one transaction: nothing was recorded
      log.error("Answer ({}) to invitation {} by link failed", answer.type(), open.id(), e);
      return status(Page.FAILED, locale);
    }
    log.info("Answer ({}) to invitation {} by link: {}", answer.type(), open.id(), outcome);
    MicrosoftRequest atMicrosoft = atMicrosoft(open);
    if (outcome == AnswerOutcome.ACCEPTED && !atMicrosoft.isEmpty()) {
      Context context = statusContext(Page.CONFIRM_AT_MICROSOFT, locale);
      links(context, atMicrosoft);
      return respond(Page.CONFIRM_AT_MICROSOFT.status, locale, templates.process(STATUS_TEMPLATE, context));
    }
    return status(Page.of(outcome), locale);
  }

  private Optional<Invitation> find(String token) {
    return token != null && TOKEN_SHAPE.matcher(token).matches() ? registry.findByToken(token) : Optional.empty();
  }

  private MicrosoftRequest atMicrosoft(Invitation invitation) {
    return microsoftRequests.find(invitation.id());
  }

  private static void links(Context context, MicrosoftRequest atMicrosoft) {
    context.setVariable("microsoftLink", atMicrosoft.resellerLink());
    context.setVariable("adminApprovalLink", atMicrosoft.adminApprovalLink());
  }

  private boolean agreementAsked(Invitation invitation) {
    return !relationships.hasCurrentAttestation(invitation.domainPrefix());
  }

  private ResponseEntity<String> form(HttpStatus status, Invitation invitation, InvitationPageForm form,
      Map<String, String> errors, CsrfToken csrf, boolean agreementAsked) {
    Locale locale = MailLocales.resolve(invitation.culture(), invitation.language());
    Context context = context(locale);
    context.setVariable("company", invitation.companyName());
    context.setVariable("domain", invitation.primaryDomain());
    context.setVariable("delegatedAdmin", invitation.includeDelegatedAdmin());
    String message = invitation.personalMessage();
    context.setVariable("personalMessage", message == null || message.isBlank() ? null : message.strip());
    context.setVariable("agreementAsked", agreementAsked);
    context.setVariable("form", form);
    context.setVariable("errors", errors);
    context.setVariable("csrf", csrf == null ? null : csrf.getToken());
    context.setVariable("csrfParameter", csrf == null ? "_csrf" : csrf.getParameterName());
    context.setVariable("nameMax", InvitationPageForm.NAME_MAX);
    context.setVariable("declineReasonMax", InvitationPageForm.DECLINE_REASON_MAX);
    links(context, atMicrosoft(invitation));
    return respond(status, locale, templates.process(FORM_TEMPLATE, context));
  }

  private ResponseEntity<String> status(Page page, Locale locale) {
    return respond(page.status, locale, templates.process(STATUS_TEMPLATE, statusContext(page, locale)));
  }

  private Context statusContext(Page page, Locale locale) {
    Context context = context(locale);
    String prefix = "invitation." + page.name().toLowerCase(Locale.ROOT);
    context.setVariable("page", page.name().toLowerCase(Locale.ROOT));
    context.setVariable("titleKey", prefix + ".title");
    context.setVariable("textKey", prefix + ".text");
    context.setVariable("retry", page.retry);
    return context;
  }

  private Context context(Locale locale) {
    Context context = new Context(locale);
    context.setVariable("lang", locale.toLanguageTag());
    context.setVariable("partner", partner.name() == null ? "" : partner.name());
    return context;
  }

  private static ResponseEntity<String> respond(HttpStatus status, Locale locale, String html) {
    return ResponseEntity.status(status)
        .contentType(HTML_UTF8)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
        // The URL holds the token: never cached (CSP, framing and referrer: SecurityConfiguration)
        .header("X-Robots-Tag", "noindex, nofollow")
        .body(html);
  }

  /** The invitation's language; without an invitation the first supported one the browser asks for. */
  private static Locale locale(Optional<Invitation> invitation, String acceptLanguage) {
    return invitation.map(i -> MailLocales.resolve(i.culture(), i.language()))
        .orElseGet(() -> fromAcceptLanguage(acceptLanguage));
  }

  static Locale fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return MailLocales.ENGLISH;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) { // highest weight first
        String tag = range.getRange();
        if (range.getWeight() > 0 && PAGE_LANGUAGES.contains(Locale.forLanguageTag(tag).getLanguage())) {
          return MailLocales.resolve(tag, null);
        }
      }
    } catch (IllegalArgumentException malformed) {
      // fall through to English
    }
    return MailLocales.ENGLISH;
  }

  /** Spring Security's CSRF token of this session (none when the request did not pass its filter). */
  private static CsrfToken csrfToken(HttpServletRequest request) {
    return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token : null;
  }
}
