package io.partnerflow.invitation;

import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.customer.CountryRules;
import io.partnerflow.customer.Relationship;
import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Rules for an invitation request; the relationship it asks for must not exist already. */
@Component
public class InvitationRequestValidator {

  static final Pattern DOMAIN_PREFIX = Pattern.compile("[A-Za-z0-9]{2,27}");
  static final Set<String> LANGUAGES = Set.of("en", "es", "pt", "ru", "it");
  static final int MAX_MESSAGE = 2000;

  public List<Violation> validate(InvitationRequest request, Optional<Relationship> existingRelationship) {
    List<Violation> violations = new ArrayList<>();
    requiredText(violations, "companyName", "Company legal name", request.companyName(), 255);
    String prefix = trim(request.domainPrefix());
    if (prefix.isEmpty()) {
      violations.add(new Violation("domainPrefix", "required", "Domain prefix is required"));
    } else if (!DOMAIN_PREFIX.matcher(prefix).matches()) {
      violations.add(new Violation("domainPrefix", "domain-prefix-format",
          "Domain prefix '" + prefix + "' must be 2 to 27 letters or digits (the part before .onmicrosoft.com)"));
    } else if (existingRelationship.filter(r -> r == Relationship.RESELLER).isPresent()) {
      violations.add(new Violation("domainPrefix", "relationship-exists",
          "Customer " + prefix + ".onmicrosoft.com already has a reseller relationship with us"));
    }
    if (trim(request.adminEmail()).isEmpty()) {
      violations.add(new Violation("adminEmail", "required", "Admin email is required"));
    } else if (!AccountInfoValidator.isValidEmail(trim(request.adminEmail()))) {
      violations.add(new Violation("adminEmail", "email-format", "Admin email '" + trim(request.adminEmail())
          + "' is not a valid email address"));
    }
    requiredText(violations, "adminFirstName", "Admin first name", request.adminFirstName(), 50);
    requiredText(violations, "adminLastName", "Admin last name", request.adminLastName(), 50);
    String language = trim(request.language());
    if (!LANGUAGES.contains(language)) {
      violations.add(new Violation("language", "language-not-supported",
          "Language: invitations are written in English (en), Spanish (es), Portuguese (pt, Brazil), Russian (ru) or Italian (it), not '" + language + "'"));
    }
    String culture = trim(request.culture());
    if (!culture.isEmpty() && CountryRules.canonicalCulture(culture).isEmpty()) {
      violations.add(new Violation("culture", "culture-format", "Culture '" + culture + "' is not of the form language-COUNTRY, e.g. es-ES"));
    }
    if (request.personalMessage() != null && request.personalMessage().length() > MAX_MESSAGE) {
      violations.add(new Violation("personalMessage", "max-length",
          "Personal message must be at most " + MAX_MESSAGE + " characters"));
    }
    return violations;
  }

  private static void requiredText(List<Violation> violations, String field, String label, String value, int max) {
    String text = trim(value);
    if (text.isEmpty()) {
      violations.add(new Violation(field, "required", label + " is required"));
    } else if (text.length() > max) {
      violations.add(new Violation(field, "max-length", label + " must be at most " + max + " characters"));
    }
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }
}
