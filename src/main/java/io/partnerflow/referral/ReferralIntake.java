package io.partnerflow.referral;

import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in a referral from the API or the referrals mailbox: validates it, stores it (status NEW)
 * and starts process {@code referral} for it, in one transaction. The same external reference
 * twice gives the same referral and one process.
 */
@Service
public class ReferralIntake {

  private static final Logger log = LoggerFactory.getLogger(ReferralIntake.class);

  public static final int COMPANY_NAME_MAX = 255;
  public static final int NAME_MAX = 50;
  public static final int PHONE_MAX = 30;
  public static final int NEED_MAX = 4000;
  public static final int EXTERNAL_REFERENCE_MAX = 200;
  /** The languages we write to prospects in. */
  public static final List<String> LANGUAGES = List.of("en", "es", "pt", "ru", "it");
  public static final Set<String> SOURCES = Set.of(NewReferral.SOURCE_API, NewReferral.SOURCE_EMAIL);

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private final ReferralRegistry registry;
  private final ReferralStarter starter;
  private final TransactionTemplate transaction;

  public ReferralIntake(ReferralRegistry registry, ReferralStarter starter,
      PlatformTransactionManager transactionManager) {
    this.registry = registry;
    this.starter = starter;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Validates, stores and starts the process; or returns the referral stored earlier under the same
   * external reference (nothing is started again).
   *
   * @throws ValidationException with one {@link Violation} per broken rule (field = the
   *     {@link NewReferral} component), nothing stored
   */
  public Referral receive(NewReferral request) {
    NewReferral referral = normalize(request);
    List<Violation> violations = validate(referral);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    try {
      return transaction.execute(status -> registry.findByExternalReference(referral.externalReference())
          .orElseGet(() -> createAndStart(referral)));
    } catch (DuplicateKeyException e) {
      // The same reference arrived concurrently; outside a caller's transaction we can read the winner
      Optional<Referral> winner = TransactionSynchronizationManager.isActualTransactionActive()
          ? Optional.empty() : registry.findByExternalReference(referral.externalReference());
      return winner.orElseThrow(() -> e);
    }
  }

  private Referral createAndStart(NewReferral referral) {
    Referral created = registry.create(referral);
    ProcessInstance instance = starter.start(created);
    registry.attachProcessInstance(created.id(), instance.getId());
    log.info("Referral {} from {} ({}) received via {}: process {}", created.id(), created.companyName(),
        created.contactEmail(), created.source(), instance.getId());
    return registry.find(created.id()).orElseThrow();
  }

  /** Trimmed, blanks as null, country upper-case, language and source as codes. */
  static NewReferral normalize(NewReferral r) {
    String country = trim(r.country());
    String language = trim(r.language());
    String source = trim(r.source());
    return new NewReferral(
        trim(r.companyName()),
        trim(r.contactFirstName()),
        trim(r.contactLastName()),
        trim(r.contactEmail()),
        trim(r.contactPhone()),
        country == null ? null : country.toUpperCase(Locale.ROOT),
        language == null ? null : language.toLowerCase(Locale.ROOT),
        r.need() == null || r.need().isBlank() ? null : r.need().replace("\r\n", "\n").strip(),
        source == null ? null : source.toUpperCase(Locale.ROOT),
        trim(r.externalReference()));
  }

  /** Every broken rule of a normalized request. */
  static List<Violation> validate(NewReferral r) {
    List<Violation> out = new ArrayList<>();
    if (r.companyName() == null) {
      out.add(new Violation("companyName", "required", "Company name is required"));
    } else if (r.companyName().length() > COMPANY_NAME_MAX) {
      out.add(new Violation("companyName", "max-length",
          "Company name has " + r.companyName().length() + " characters; at most " + COMPANY_NAME_MAX + " are allowed"));
    }
    maxLength(out, "contactFirstName", "Contact first name", r.contactFirstName(), NAME_MAX);
    maxLength(out, "contactLastName", "Contact last name", r.contactLastName(), NAME_MAX);
    if (r.contactEmail() == null) {
      out.add(new Violation("contactEmail", "required", "Contact email is required"));
    } else if (!AccountInfoValidator.isValidEmail(r.contactEmail())) {
      out.add(new Violation("contactEmail", "email-format", "Contact email '" + r.contactEmail()
          + "' is not a valid email address (expected name@example.com, no spaces, at most 254 characters)"));
    }
    if (r.contactPhone() != null && (r.contactPhone().length() > PHONE_MAX
        || !AccountInfoValidator.isPlausiblePhone(r.contactPhone()))) {
      out.add(new Violation("contactPhone", "phone-format", "Contact phone '" + r.contactPhone()
          + "' is not a phone number (digits with optional leading +, spaces, '-' and parentheses; 6–20 digits)"));
    }
    if (r.country() != null && !ISO_COUNTRIES.contains(r.country())) {
      out.add(new Violation("country", "country-code",
          "Country '" + r.country() + "' is not an ISO 3166 two-letter country code (e.g. ES)"));
    }
    if (r.language() != null && !LANGUAGES.contains(r.language())) {
      out.add(new Violation("language", "language",
          "Language '" + r.language() + "' is not one of " + String.join(", ", LANGUAGES)));
    }
    maxLength(out, "need", "The request text", r.need(), NEED_MAX);
    if (r.source() == null || !SOURCES.contains(r.source())) {
      out.add(new Violation("source", "source", "Source must be API or EMAIL, not " + r.source()));
    }
    maxLength(out, "externalReference", "External reference", r.externalReference(), EXTERNAL_REFERENCE_MAX);
    return out;
  }

  private static void maxLength(List<Violation> out, String field, String label, String value, int max) {
    if (value != null && value.length() > max) {
      out.add(new Violation(field, "max-length",
          label + " has " + value.length() + " characters; at most " + max + " are allowed"));
    }
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
