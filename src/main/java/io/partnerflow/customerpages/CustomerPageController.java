package io.partnerflow.customerpages;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.customer.ConcurrentUpdateException;
import io.partnerflow.customer.CustomerDirectory;
import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.CustomerRow;
import io.partnerflow.reseller.ResellerDirectory;
import io.partnerflow.validation.PageResult;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Spring Security, {@code security.SecurityConfiguration}, which also checks the forms' CSRF tokens): search, filters, paging and CSV export; a customer's
 * account info, contact, attestations, subscriptions, relationship and the processes that touched it;
 * editing the account info (optimistic concurrency) and starting "End relationship" and "Invite to
 * connect" ({@link CustomerProcesses}).
 *
 * <p>Operators and managers may view; only operators may change anything or start processes
 * ({@link OperatorAccess}). Statuses: 400 bad search, 403 not an operator or bad form token, 404
 * unknown customer, 409 changed by someone else meanwhile, 422 invalid account info.
 */
@Controller
@RequestMapping("/customers")
public class CustomerPageController {

  private static final Logger log = LoggerFactory.getLogger(CustomerPageController.class);

  public static final int PAGE_SIZE = 25;
  static final String CONFLICT_MESSAGE =
      "This customer was changed by someone else meanwhile; reload to see their changes";
  private static final PageFormats FORMATS = new PageFormats();

  private final CustomerRegistry customers;
  private final CustomerDirectory directory;
  private final CustomerDetailViewBuilder detailViews;
  private final CustomerCsv csv;
  private final ResellerDirectory resellers;
  private final AccountInfoValidator validator;
  private final CustomerProcesses processes;
  private final OperatorAccess access;

  public CustomerPageController(CustomerRegistry customers, CustomerDirectory directory,
      CustomerDetailViewBuilder detailViews, CustomerCsv csv, ResellerDirectory resellers,
      AccountInfoValidator validator, CustomerProcesses processes, OperatorAccess access) {
    this.customers = customers;
    this.directory = directory;
    this.detailViews = detailViews;
    this.csv = csv;
    this.resellers = resellers;
    this.validator = validator;
    this.processes = processes;
    this.access = access;
  }

  @ModelAttribute
  void common(Model model, HttpServletRequest request) {
    model.addAttribute("currentUser", request.getRemoteUser());
    model.addAttribute("operator", access.isOperator());
    model.addAttribute("fmt", FORMATS);
  }

  // --- list and export

  @GetMapping
  public ModelAndView list(@RequestParam(required = false) String q, @RequestParam(required = false) String reseller,
      @RequestParam(required = false) String relationship, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
      HttpServletResponse response) {
    CustomerListParams params = CustomerListParams.of(q, reseller, relationship, sort, dir, page);
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
      query = CustomerListParams.of(q, reseller, relationship, sort, dir, 0).query(CustomerQuery.MAX_PAGE_SIZE);
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
  public String detail(@PathVariable String id, Model model, HttpServletResponse response) {
    model.addAttribute("view", detailViews.build(customer(id)));
    noStore(response);
    return "customers/detail";
  }

  @PostMapping("/{id}/end-relationship")
  public String endRelationship(@PathVariable String id,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, RedirectAttributes redirect) {
    access.requireOperator();
    CustomerRecord customer = customer(id);
    return flash(redirect, customer, processes.endRelationship(customer.id(), request.getRemoteUser(), reason));
  }

  @PostMapping("/{id}/invite")
  public String invite(@PathVariable String id, HttpServletRequest request, RedirectAttributes redirect) {
    access.requireOperator();
    CustomerRecord customer = customer(id);
    return flash(redirect, customer, processes.invite(customer.id(), request.getRemoteUser()));
  }

  @GetMapping("/{id}/edit")
  public ModelAndView editForm(@PathVariable String id, HttpServletResponse response) {
    access.requireOperator();
    CustomerRecord customer = customer(id);
    noStore(response);
    return editView(HttpStatus.OK, customer, AccountInfoForm.of(customer, customers.primaryContact(customer.id())),
        Map.of(), List.of(), null);
  }

  @PostMapping("/{id}/edit")
  public ModelAndView edit(@PathVariable String id, @ModelAttribute("form") AccountInfoForm form,
      HttpServletResponse response, RedirectAttributes redirect) {
    access.requireOperator();
    CustomerRecord customer = customer(id);
    noStore(response);
    if (form.version() == null) {
      return editView(HttpStatus.BAD_REQUEST, customer, form, Map.of(), List.of(), "The form has no version: reload it.");
    }
    AccountInfo info = form.toAccountInfo(customer.domainPrefix());
    List<Violation> violations = validator.validate(info);
    if (!violations.isEmpty()) {
      Map<String, List<String>> byField = new LinkedHashMap<>();
      List<String> other = new ArrayList<>();
      for (Violation v : violations) {
        if (AccountInfoForm.FIELDS.contains(v.field())) {
          byField.computeIfAbsent(v.field(), f -> new ArrayList<>()).add(v.message());
        } else {
          other.add(v.message());
        }
      }
      return editView(HttpStatus.UNPROCESSABLE_ENTITY, customer, form, byField, other, null);
    }
    try {
      customers.updateAccountInfo(customer.id(), form.version(), info);
    } catch (ConcurrentUpdateException e) {
      log.info("Account info of customer {} not saved: version {} is stale", customer.id(), form.version());
      return editView(HttpStatus.CONFLICT, customer, form, Map.of(), List.of(), CONFLICT_MESSAGE);
    }
    log.info("Account info of customer {} updated by {}", customer.id(), access.currentUserId());
    redirect.addFlashAttribute("flashKind", "success");
    redirect.addFlashAttribute("flash", "Account info saved.");
    return new ModelAndView("redirect:/customers/" + customer.id());
  }

  // --- helpers

  private ModelAndView editView(HttpStatus status, CustomerRecord customer, AccountInfoForm form,
      Map<String, List<String>> errors, List<String> otherErrors, String problem) {
    ModelAndView view = new ModelAndView("customers/edit", status);
    view.addObject("customer", customer);
    view.addObject("form", form);
    view.addObject("errors", errors);
    view.addObject("otherErrors", otherErrors);
    view.addObject("problem", problem);
    return view;
  }

  private static String flash(RedirectAttributes redirect, CustomerRecord customer, CustomerProcesses.Outcome outcome) {
    redirect.addFlashAttribute("flashKind", outcome.started() ? "success" : "error");
    redirect.addFlashAttribute("flash", outcome.message());
    if (outcome.processInstanceId() != null) {
      redirect.addFlashAttribute("flashLink", PageFormats.cockpitInstanceUrl(outcome.processInstanceId()));
    }
    return "redirect:/customers/" + customer.id();
  }

  private CustomerRecord customer(String id) {
    return customers.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer " + id));
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
}
