package io.partnerflow.customer;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.relationship.EndRelationshipProcess;
import io.partnerflow.reseller.Reseller;
import io.partnerflow.reseller.ResellerDirectory;
import io.partnerflow.security.DemoUsersInitializer;
import io.partnerflow.security.PartnerflowAuthenticationFilter;
import io.partnerflow.validation.PageResult;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer list and customer pages for partner staff ({@code /customers}, behind
 * {@link PartnerflowAuthenticationFilter}): search, filters, paging and CSV export; a customer's
 * account info, contact, attestations, subscriptions, relationship and the processes that touched it;
 * editing the account info (optimistic concurrency) and starting "End relationship" and "Invite to
 * connect".
 *
 * <p>Operators and managers may view; only operators (group {@value DemoUsersInitializer#OPERATORS})
 * may change anything or start processes, through POST forms that carry the session's CSRF token.
 * Statuses: 400 bad search, 403 not an operator or bad form token, 404 unknown customer, 409 changed
 * by someone else meanwhile, 422 invalid account info.
 */
@Controller
@RequestMapping("/customers")
public class CustomerPageController {

  private static final Logger log = LoggerFactory.getLogger(CustomerPageController.class);

  public static final int PAGE_SIZE = 25;
  static final String CSRF_PARAMETER = "_csrf";
  static final String CONFLICT_MESSAGE =
      "This customer was changed by someone else meanwhile; reload to see their changes";
  static final String COCKPIT = "/camunda/app/cockpit/default/#";
  static final String FINISHED_INSTANCES_TAB = "partnerflow.finishedInstances";
  private static final String CSRF_ATTRIBUTE = CustomerPageController.class.getName() + ".csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  /** Form fields of the edit page, in page order; violations of other fields are listed on top. */
  static final Set<String> EDIT_FIELDS = Set.of("companyName", "addressLine1", "addressLine2", "city", "state",
      "postalCode", "country", "culture", "language", "registrationNumber", "contactFirstName", "contactLastName",
      "contactEmail", "contactPhone");

  private final CustomerRegistry customers;
  private final CustomerDirectory directory;
  private final CustomerDetails details;
  private final CustomerCsv csv;
  private final RelationshipService relationships;
  private final ResellerDirectory resellers;
  private final AccountInfoValidator validator;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  public CustomerPageController(CustomerRegistry customers, CustomerDirectory directory, CustomerDetails details,
      CustomerCsv csv, RelationshipService relationships, ResellerDirectory resellers, AccountInfoValidator validator,
      RuntimeService runtimeService, IdentityService identityService) {
    this.customers = customers;
    this.directory = directory;
    this.details = details;
    this.csv = csv;
    this.relationships = relationships;
    this.resellers = resellers;
    this.validator = validator;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /**
   * The list's request parameters, and the links that keep them: {@code q} (start of company name or
   * domain), {@code reseller} (id), {@code relationship} (RESELLER or NONE), {@code sort}, {@code dir}
   * ({@code desc} or ascending), {@code page} (from 0).
   */
  public record ListParams(String q, String reseller, String relationship, String sort, boolean desc, int page) {

    static ListParams of(String q, String reseller, String relationship, String sort, String dir, int page) {
      String rel = "any".equalsIgnoreCase(blankToNull(relationship)) ? null : blankToNull(relationship);
      return new ListParams(blankToNull(q), blankToNull(reseller), rel,
          blankToNull(sort) == null ? "company" : sort.trim(), "desc".equalsIgnoreCase(dir), page);
    }

    public String pageUrl(int target) {
      return url("/customers", sort, desc, target);
    }

    /** Sorts by the key; the current sort key toggles its direction. */
    public String sortUrl(String key) {
      return url("/customers", key, key.equals(sort) && !desc, 0);
    }

    /** ▲ or ▼ when the list is sorted by the key, else empty. */
    public String sortMark(String key) {
      return key.equals(sort) ? (desc ? "▼" : "▲") : "";
    }

    public String exportUrl() {
      return url("/customers/export.csv", sort, desc, 0);
    }

    public String relationshipOrAny() {
      return relationship == null ? "" : relationship.toUpperCase(Locale.ROOT);
    }

    private String url(String path, String sortKey, boolean descending, int target) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("q", q);
      params.put("reseller", reseller);
      params.put("relationship", relationship);
      params.put("sort", "company".equals(sortKey) ? null : sortKey);
      params.put("dir", descending ? "desc" : null);
      params.put("page", target > 0 ? Integer.toString(target) : null);
      StringBuilder url = new StringBuilder(path);
      char separator = '?';
      for (Map.Entry<String, String> p : params.entrySet()) {
        if (p.getValue() != null) {
          url.append(separator).append(p.getKey()).append('=')
              .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
          separator = '&';
        }
      }
      return url.toString();
    }

    CustomerQuery query(int size) {
      List<Violation> violations = new ArrayList<>();
      Relationship rel = null;
      if (relationship != null) {
        try {
          rel = Relationship.valueOf(relationship.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          violations.add(new Violation("relationship", "relationship-unknown",
              "Relationship must be RESELLER, NONE or any, not '" + relationship + "'"));
        }
      }
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      return new CustomerQuery(q, reseller, rel, page, size, sort, desc);
    }
  }

  /** The edit form: every account-info field but the domain prefix (which never changes), and the version. */
  public record AccountInfoForm(String companyName, String addressLine1, String addressLine2, String city,
      String state, String postalCode, String country, String culture, String language, String registrationNumber,
      String contactFirstName, String contactLastName, String contactEmail, String contactPhone, Integer version) {

    static AccountInfoForm of(CustomerRecord c, Optional<ContactRecord> contact) {
      ContactRecord p = contact.orElse(new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, null, null, null, null));
      return new AccountInfoForm(c.companyName(), c.addressLine1(), c.addressLine2(), c.city(), c.state(),
          c.postalCode(), c.country(), c.culture(), c.language(), c.registrationNumber(), p.firstName(),
          p.lastName(), p.email(), p.phone(), c.version());
    }

    /** The account info to validate and save: the domain prefix is the record's, never the form's. */
    AccountInfo toAccountInfo(String domainPrefix) {
      return new AccountInfo(companyName, domainPrefix, addressLine1, addressLine2, city, state, postalCode, country,
          culture, language, registrationNumber,
          new PrimaryContact(contactFirstName, contactLastName, contactEmail, contactPhone));
    }
  }

  /** Formats for the templates. */
  public static final class Formats {
    public String dateTime(Instant instant) {
      return instant == null ? "" : DATE_TIME.format(instant);
    }

    public String date(Instant instant) {
      return instant == null ? "" : DATE.format(instant);
    }

    /** The Cockpit page of a process instance: its runtime view while running, else its definition's finished instances. */
    public String cockpitUrl(CustomerDetails.ProcessRun run) {
      return run.running()
          ? COCKPIT + "/process-instance/" + run.id() + "/runtime"
          : COCKPIT + "/process-definition/" + run.definitionId() + "/runtime?detailsTab=" + FINISHED_INSTANCES_TAB;
    }
  }

  private static final Formats FORMATS = new Formats();

  @ModelAttribute
  void common(Model model, HttpServletRequest request) {
    model.addAttribute("currentUser", request.getRemoteUser());
    model.addAttribute("operator", isOperator());
    model.addAttribute("fmt", FORMATS);
  }

  // --- list and export

  @GetMapping
  public ModelAndView list(@RequestParam(required = false) String q, @RequestParam(required = false) String reseller,
      @RequestParam(required = false) String relationship, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
      HttpServletResponse response) {
    ListParams params = ListParams.of(q, reseller, relationship, sort, dir, page);
    ModelAndView view = new ModelAndView("customers/list");
    view.addObject("params", params);
    view.addObject("resellers", resellers.activeResellers());
    try {
      view.addObject("result", directory.search(params.query(PAGE_SIZE)));
      view.addObject("errors", List.of());
    } catch (ValidationException e) {
      view.addObject("result", new PageResult<CustomerRow>(List.of(), 0, PAGE_SIZE, 0));
      view.addObject("errors", e.violations());
      view.setStatus(HttpStatus.BAD_REQUEST);
    }
    noStore(response);
    return view;
  }

  @GetMapping("/export.csv")
  public void export(@RequestParam(required = false) String q, @RequestParam(required = false) String reseller,
      @RequestParam(required = false) String relationship, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String dir, HttpServletResponse response) throws IOException {
    CustomerQuery query;
    try {
      query = ListParams.of(q, reseller, relationship, sort, dir, 0).query(CustomerQuery.MAX_PAGE_SIZE);
      // A bad query (e.g. unknown sort) fails here, before the CSV headers are sent
      directory.search(new CustomerQuery(query.text(), query.resellerId(), query.relationship(), 0, 1, query.sort(),
          query.descending()));
    } catch (ValidationException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    startCsv(response, "customers.csv");
    csv.writeCustomers(query, writer(response));
  }

  @GetMapping("/{id}/subscriptions.csv")
  public void exportSubscriptions(@PathVariable String id, HttpServletResponse response) throws IOException {
    CustomerRecord customer = customer(id);
    startCsv(response, customer.domainPrefix().replaceAll("[^A-Za-z0-9]", "-") + "-subscriptions.csv");
    csv.writeSubscriptions(customer.id(), writer(response));
  }

  // --- detail and actions

  @GetMapping("/{id}")
  public String detail(@PathVariable String id, Model model, HttpSession session, HttpServletResponse response) {
    CustomerRecord customer = customer(id);
    List<CustomerDetails.ProcessRun> processes = details.processes(customer.id());
    model.addAttribute("customer", customer);
    model.addAttribute("contact", customers.primaryContact(customer.id()).orElse(null));
    model.addAttribute("reseller", resellers.find(customer.resellerId()).orElse(null));
    model.addAttribute("delegatedAdmin", relationships.hasDelegatedAdmin(customer.id()));
    List<RelationshipEvent> history = new ArrayList<>(relationships.history(customer.id()));
    Collections.reverse(history); // newest first
    model.addAttribute("relationshipHistory", history);
    model.addAttribute("attestations", details.attestations(customer.id()));
    model.addAttribute("subscriptions", details.subscriptions(customer.id()));
    model.addAttribute("processes", processes);
    model.addAttribute("endRunning", running(processes, EndRelationshipProcess.PROCESS_KEY));
    model.addAttribute("inviteRunning", running(processes, InvitationProcess.PROCESS_KEY));
    model.addAttribute("csrf", csrfToken(session));
    model.addAttribute("csrfParameter", CSRF_PARAMETER);
    noStore(response);
    return "customers/detail";
  }

  @PostMapping("/{id}/end-relationship")
  public String endRelationship(@PathVariable String id,
      @RequestParam(name = CSRF_PARAMETER, required = false) String csrf,
      @RequestParam(name = "reason", required = false) String reason, HttpSession session,
      HttpServletRequest request, RedirectAttributes redirect) {
    requireOperator(session, csrf);
    CustomerRecord customer = customer(id);
    if (customer.relationship() != Relationship.RESELLER) {
      return flash(redirect, customer, "error", "There is no reseller relationship with " + customer.companyName()
          + " to end.");
    }
    if (running(details.processes(customer.id()), EndRelationshipProcess.PROCESS_KEY)) {
      return flash(redirect, customer, "error", "Ending the relationship with " + customer.companyName()
          + " is already in progress.");
    }
    VariableMap variables = Variables.createVariables();
    EndRelationshipProcess.CUSTOMER_ID.putIn(variables, customer.id());
    EndRelationshipProcess.COMPANY_NAME.putIn(variables, customer.companyName());
    EndRelationshipProcess.DOMAIN_PREFIX.putIn(variables, customer.domainPrefix());
    EndRelationshipProcess.INITIATOR.putIn(variables, request.getRemoteUser());
    if (reason != null && !reason.isBlank()) {
      EndRelationshipProcess.REASON.putIn(variables, reason.strip());
    }
    return start(redirect, customer, EndRelationshipProcess.PROCESS_KEY, variables, "End relationship");
  }

  @PostMapping("/{id}/invite")
  public String invite(@PathVariable String id, @RequestParam(name = CSRF_PARAMETER, required = false) String csrf,
      HttpSession session, HttpServletRequest request, RedirectAttributes redirect) {
    requireOperator(session, csrf);
    CustomerRecord customer = customer(id);
    if (customer.relationship() != Relationship.NONE) {
      return flash(redirect, customer, "error", customer.companyName() + " already has a reseller relationship.");
    }
    Optional<ContactRecord> contact = customers.primaryContact(customer.id());
    if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
      return flash(redirect, customer, "error",
          "The invitation goes to the primary contact, and there is none with an email: edit the account info first.");
    }
    if (running(details.processes(customer.id()), InvitationProcess.PROCESS_KEY)) {
      return flash(redirect, customer, "error", "An invitation to " + customer.companyName() + " is already open.");
    }
    ContactRecord admin = contact.get();
    VariableMap variables = Variables.createVariables();
    InvitationProcess.COMPANY_NAME.putIn(variables, customer.companyName());
    InvitationProcess.DOMAIN_PREFIX.putIn(variables, customer.domainPrefix());
    InvitationProcess.CUSTOMER_ID.putIn(variables, customer.id());
    InvitationProcess.ADMIN_EMAIL.putIn(variables, admin.email());
    InvitationProcess.ADMIN_FIRST_NAME.putIn(variables, admin.firstName());
    InvitationProcess.ADMIN_LAST_NAME.putIn(variables, admin.lastName());
    InvitationProcess.CULTURE.putIn(variables, customer.culture());
    InvitationProcess.LANGUAGE.putIn(variables,
        MailLocales.resolve(customer.culture(), customer.language()).getLanguage());
    InvitationProcess.INCLUDE_DELEGATED_ADMIN.putIn(variables, false);
    InvitationProcess.INITIATOR.putIn(variables, request.getRemoteUser());
    return start(redirect, customer, InvitationProcess.PROCESS_KEY, variables, "Invite to connect");
  }

  @GetMapping("/{id}/edit")
  public ModelAndView editForm(@PathVariable String id, HttpSession session, HttpServletResponse response) {
    requireOperator();
    CustomerRecord customer = customer(id);
    noStore(response);
    return editView(HttpStatus.OK, customer, AccountInfoForm.of(customer, customers.primaryContact(customer.id())),
        Map.of(), List.of(), null, session);
  }

  @PostMapping("/{id}/edit")
  public ModelAndView edit(@PathVariable String id, @ModelAttribute("form") AccountInfoForm form,
      @RequestParam(name = CSRF_PARAMETER, required = false) String csrf, HttpSession session,
      HttpServletResponse response, RedirectAttributes redirect) {
    requireOperator(session, csrf);
    CustomerRecord customer = customer(id);
    noStore(response);
    if (form.version() == null) {
      return editView(HttpStatus.BAD_REQUEST, customer, form, Map.of(), List.of(), "The form has no version: reload it.",
          session);
    }
    AccountInfo info = form.toAccountInfo(customer.domainPrefix());
    List<Violation> violations = validator.validate(info);
    if (!violations.isEmpty()) {
      Map<String, List<String>> byField = new LinkedHashMap<>();
      List<String> other = new ArrayList<>();
      for (Violation v : violations) {
        if (EDIT_FIELDS.contains(v.field())) {
          byField.computeIfAbsent(v.field(), f -> new ArrayList<>()).add(v.message());
        } else {
          other.add(v.message());
        }
      }
      return editView(HttpStatus.UNPROCESSABLE_ENTITY, customer, form, byField, other, null, session);
    }
    try {
      customers.updateAccountInfo(customer.id(), form.version(), info);
    } catch (ConcurrentUpdateException e) {
      log.info("Account info of customer {} not saved: version {} is stale", customer.id(), form.version());
      return editView(HttpStatus.CONFLICT, customer, form, Map.of(), List.of(), CONFLICT_MESSAGE, session);
    }
    log.info("Account info of customer {} updated by {}", customer.id(), currentUserId());
    redirect.addFlashAttribute("flashKind", "success");
    redirect.addFlashAttribute("flash", "Account info saved.");
    return new ModelAndView("redirect:/customers/" + customer.id());
  }

  // --- helpers

  private ModelAndView editView(HttpStatus status, CustomerRecord customer, AccountInfoForm form,
      Map<String, List<String>> errors, List<String> otherErrors, String problem, HttpSession session) {
    ModelAndView view = new ModelAndView("customers/edit", status);
    view.addObject("customer", customer);
    view.addObject("form", form);
    view.addObject("errors", errors);
    view.addObject("otherErrors", otherErrors);
    view.addObject("problem", problem);
    view.addObject("csrf", csrfToken(session));
    view.addObject("csrfParameter", CSRF_PARAMETER);
    return view;
  }

  private String start(RedirectAttributes redirect, CustomerRecord customer, String processKey, VariableMap variables,
      String action) {
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey(processKey, variables);
      log.info("{} for customer {} started by {}: instance {}", action, customer.id(), currentUserId(),
          instance.getId());
      return flash(redirect, customer, "success", action + " started (process instance " + instance.getId() + ").");
    } catch (ProcessEngineException e) {
      // Nothing was started: the start and its first steps share one transaction
      log.error("{} for customer {} could not start", action, customer.id(), e);
      return flash(redirect, customer, "error", action + " could not start: " + e.getMessage());
    }
  }

  private static String flash(RedirectAttributes redirect, CustomerRecord customer, String kind, String message) {
    redirect.addFlashAttribute("flashKind", kind);
    redirect.addFlashAttribute("flash", message);
    return "redirect:/customers/" + customer.id();
  }

  private static boolean running(List<CustomerDetails.ProcessRun> processes, String processKey) {
    return processes.stream().anyMatch(p -> p.running() && processKey.equals(p.definitionKey()));
  }

  private CustomerRecord customer(String id) {
    return customers.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer " + id));
  }

  private boolean isOperator() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().contains(DemoUsersInitializer.OPERATORS);
  }

  private String currentUserId() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private void requireOperator() {
    if (!isOperator()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only operators may change customers");
    }
  }

  private void requireOperator(HttpSession session, String csrf) {
    requireOperator();
    String expected = (String) session.getAttribute(CSRF_ATTRIBUTE);
    if (expected == null || csrf == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        csrf.getBytes(StandardCharsets.UTF_8))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "_csrf: the form expired, reload the page");
    }
  }

  private static String csrfToken(HttpSession session) {
    String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(CSRF_ATTRIBUTE, token);
    }
    return token;
  }

  private static void startCsv(HttpServletResponse response, String filename) {
    response.setContentType(CustomerCsv.CONTENT_TYPE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(filename).build().toString());
    noStore(response);
  }

  private static Writer writer(HttpServletResponse response) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
  }

  private static void noStore(HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
