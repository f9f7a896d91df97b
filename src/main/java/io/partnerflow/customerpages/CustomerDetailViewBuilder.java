package io.partnerflow.customerpages;

import io.partnerflow.consent.AgreementProperties;
import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerDetails;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.RelationshipEvent;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.relationship.EndRelationshipProcess;
import io.partnerflow.reseller.ResellerDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the customer page's {@link CustomerDetailView} from the registry, the relationship history,
 * the reseller directory and process history. The words for stored codes are messages
 * ({@code customer.*} in i18n/messages); a code without one reads as its words ("SOME_STATE" as "Some
 * state"), never as the code.
 */
@Component
public class CustomerDetailViewBuilder {

  static final String RELATIONSHIP = "customer.relationship.";
  static final String EVENT_SOURCE = "customer.source.";
  static final String ORIGIN = "customer.origin.";
  static final String SUBSCRIPTION_STATUS = "customer.subscription.";
  static final String PROCESS_STATE = "customer.process.";
  static final String YES = "customer.yes";
  static final String NO = "customer.no";
  static final String ACCEPTING_ADMIN = "customer.contact.acceptingAdmin";
  /** Pages and their words are English; the messages have no other language yet. */
  private static final Locale PAGE_LANGUAGE = Locale.ENGLISH;

  private final CustomerRegistry customers;
  private final RelationshipService relationships;
  private final CustomerDetails details;
  private final ResellerDirectory resellers;
  private final MessageSource messages;

  public CustomerDetailViewBuilder(CustomerRegistry customers, RelationshipService relationships,
      CustomerDetails details, ResellerDirectory resellers, MessageSource messages) {
    this.customers = customers;
    this.relationships = relationships;
    this.details = details;
    this.resellers = resellers;
    this.messages = messages;
  }

  public CustomerDetailView build(CustomerRecord customer) {
    List<RelationshipEvent> history = relationships.history(customer.id()); // oldest first
    Optional<RelationshipEvent> first = history.stream().findFirst();
    Optional<RelationshipEvent> last = history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    boolean delegatedAdmin = relationships.hasDelegatedAdmin(customer.id());
    List<CustomerDetails.ProcessRun> runs = details.processes(customer.id());
    return new CustomerDetailView(customer,
        word(RELATIONSHIP, customer.relationship().name()),
        customer.relationship().name().toLowerCase(Locale.ROOT),
        new CustomerDetailView.DelegatedAdmin(delegatedAdmin, yesNo(delegatedAdmin),
            last.filter(e -> e.delegatedAdmin() == delegatedAdmin).map(RelationshipEvent::occurredAt).orElse(null),
            last.filter(e -> e.delegatedAdmin() == delegatedAdmin).map(e -> word(EVENT_SOURCE, e.source())).orElse(null)),
        first.map(e -> new CustomerDetailView.Origin(word(ORIGIN, e.source()), e.occurredAt(), e.actor()))
            .orElse(new CustomerDetailView.Origin(null, customer.createdAt(), customer.createdBy())),
        address(customer),
        country(customer.country()),
        localization(customer),
        codes(customer.culture(), customer.language()),
        customer.adminUserName(),
        customers.primaryContact(customer.id()).map(c -> contact(c, first)).orElse(null),
        resellers.find(customer.resellerId()).orElse(null),
        newestFirst(history.stream().map(this::entry).toList()),
        details.attestations(customer.id()).stream().map(CustomerDetailViewBuilder::agreement).toList(),
        details.subscriptions(customer.id()).stream().map(this::subscription).toList(),
        runs.stream().map(this::process).toList(),
        CustomerProcesses.running(runs, EndRelationshipProcess.PROCESS_KEY),
        CustomerProcesses.running(runs, InvitationProcess.PROCESS_KEY));
  }

  private CustomerDetailView.HistoryEntry entry(RelationshipEvent e) {
    return new CustomerDetailView.HistoryEntry(e.occurredAt(), word(RELATIONSHIP, e.relationship()),
        yesNo(e.delegatedAdmin()), e.actor(), word(EVENT_SOURCE, e.source()));
  }

  /** The contact; when the customer came by an invitation whose accepting admin it is, says so. */
  private CustomerDetailView.Contact contact(ContactRecord c, Optional<RelationshipEvent> firstEvent) {
    boolean acceptingAdmin = firstEvent.filter(e -> RelationshipService.SOURCE_INVITATION.equals(e.source()))
        .filter(e -> c.email() != null && c.email().equalsIgnoreCase(e.actor())).isPresent();
    return new CustomerDetailView.Contact(join(" ", c.firstName(), c.lastName()), c.email(), blankToNull(c.phone()),
        acceptingAdmin ? messages.getMessage(ACCEPTING_ADMIN, null, PAGE_LANGUAGE) : null);
  }

  private static CustomerDetailView.Agreement agreement(CustomerDetails.Attestation a) {
    return new CustomerDetailView.Agreement(AgreementProperties.displayName(a.agreementType()), a.templateId(),
        a.dateAccepted(), join(" ", a.signerFirstName(), a.signerLastName()), a.signerEmail(),
        blankToNull(a.signerPhone()), a.attestedBy(), a.attestedAt(), a.current());
  }

  private CustomerDetailView.Subscription subscription(CustomerDetails.Subscription s) {
    return new CustomerDetailView.Subscription(s.id(), s.offerName() != null ? s.offerName() : s.offerId(),
        s.offerId(), s.quantity(), word(SUBSCRIPTION_STATUS, s.status()), lower(s.status()), s.resellerPartnerId(),
        s.provisionedAt());
  }

  private CustomerDetailView.Process process(CustomerDetails.ProcessRun run) {
    String state = lower(run.state());
    // Both kinds of termination share one style
    return new CustomerDetailView.Process(run, word(PROCESS_STATE, run.state()),
        state.endsWith("terminated") ? "terminated" : state);
  }

  /** The address lines; empty when none is on record. */
  static List<String> address(CustomerRecord c) {
    String place = join(" ", c.postalCode(), c.city(), c.state());
    return Stream.of(c.addressLine1(), c.addressLine2(), place)
        .filter(line -> line != null && !line.isBlank()).toList();
  }

  /** The country in words with its code, e.g. "United States (US)"; null when none is on record. */
  static String country(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    try {
      String name = new Locale.Builder().setRegion(code.strip()).build().getDisplayCountry(PAGE_LANGUAGE);
      return name.isBlank() || name.equalsIgnoreCase(code.strip()) ? code.strip() : name + " (" + code.strip() + ")";
    } catch (IllformedLocaleException e) {
      return code.strip();
    }
  }

  /** The language (and region) in words, from the culture else the language; null when neither is on record. */
  static String localization(CustomerRecord c) {
    String tag = blankToNull(c.culture()) != null ? c.culture() : blankToNull(c.language());
    if (tag == null) {
      return null;
    }
    String name = Locale.forLanguageTag(tag.strip()).getDisplayName(PAGE_LANGUAGE);
    return name.isBlank() ? tag.strip() : name;
  }

  private static String codes(String culture, String language) {
    String codes = join(" / ", culture, language);
    return codes.isEmpty() ? null : codes;
  }

  private String yesNo(boolean value) {
    return messages.getMessage(value ? YES : NO, null, PAGE_LANGUAGE);
  }

  /** The words for a stored code; its own words ("SOME_CODE" as "Some code") when no message names it. */
  String word(String prefix, String code) {
    if (code == null) {
      return null;
    }
    return messages.getMessage(prefix + code, null, humanize(code), PAGE_LANGUAGE);
  }

  static String humanize(String code) {
    String words = code.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> list = new ArrayList<>(oldestFirst);
    Collections.reverse(list);
    return list;
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, Stream.of(parts).filter(Objects::nonNull).map(String::strip)
        .filter(p -> !p.isEmpty()).toList());
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
