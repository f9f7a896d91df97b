package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.catalog.OrderLine;
import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.catalog.OrderValidator;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.consent.AgreementConsent;
import io.partnerflow.consent.AgreementProperties;
import io.partnerflow.consent.ConsentPolicy;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.onboarding.ConsentConfirmations.Confirmation;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.reseller.Reseller;
import io.partnerflow.reseller.ResellerAssignmentPolicy;
import io.partnerflow.reseller.ResellerDirectory;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What "Create customer record" writes, derived again from the rules, the registry and the engine's
 * history at the moment of writing: every variable could have been written after its own check
 * (engine API), so none is trusted. A broken rule is the BPMN error that leads back to the task
 * that can fix it, with the reasons in that task's errors variable.
 */
@Component
public class SubmissionChecks {

  /** The rule broken when no signed-in user completed "Confirm customer agreement". */
  public static final Violation NOT_CONFIRMED_BY_A_USER = new Violation("attestedBy", "not-confirmed-by-user",
      "The customer agreement was not confirmed by a signed-in operator; confirm it here");

  private final AccountInfoValidator accountInfoValidator;
  private final ConsentPolicy consentPolicy;
  private final AgreementProperties agreement;
  private final ConsentConfirmations confirmations;
  private final ResellerDirectory resellers;
  private final ResellerAssignmentPolicy resellerPolicy;
  private final PartnerProfile partner;
  private final OfferCatalog catalog;
  private final OrderValidator orderValidator;

  public SubmissionChecks(AccountInfoValidator accountInfoValidator, ConsentPolicy consentPolicy, AgreementProperties agreement,
      ConsentConfirmations confirmations, ResellerDirectory resellers, ResellerAssignmentPolicy resellerPolicy,
      PartnerProfile partner, OfferCatalog catalog, OrderValidator orderValidator) {
    this.accountInfoValidator = accountInfoValidator;
    this.consentPolicy = consentPolicy;
    this.agreement = agreement;
    this.confirmations = confirmations;
    this.resellers = resellers;
    this.resellerPolicy = resellerPolicy;
    this.partner = partner;
    this.catalog = catalog;
    this.orderValidator = orderValidator;
  }

  /** The account info keeps the country and format rules (the domain's owner is the registry's to say). */
  public AccountInfo accountInfo(DelegateExecution execution) {
    AccountInfo info = OnboardingAccountInfo.from(execution);
    Violations.enforce(execution, ACCOUNT_INFO_ERRORS, accountInfoValidator.validate(info), Errors.ACCOUNT_INFO_INVALID);
    return info;
  }

  /**
   * The consent rules hold, and the attester is the user who completed the consent task (from
   * history; {@code attestedBy} and {@code attestedAt} are overwritten with it).
   */
  public AgreementAttestation attestation(DelegateExecution execution) {
    AgreementConsent consent = consentOf(execution);
    List<Violation> violations = new ArrayList<>(consentPolicy.check(consent));
    Optional<Confirmation> confirmation = confirmations.latest(execution.getProcessInstanceId());
    if (confirmation.isEmpty()) {
      violations.add(NOT_CONFIRMED_BY_A_USER);
    }
    Violations.enforce(execution, AGREEMENT_ERRORS, violations, Errors.CONSENT_MISSING);
    Confirmation by = confirmation.get();
    ATTESTED_BY.set(execution, by.userId());
    ATTESTED_AT.set(execution, by.at().toString());
    return new AgreementAttestation(agreement.type(), agreement.templateId(),
        consentPolicy.parseDate(consent.dateAccepted()), consent.signerFirstName(), consent.signerLastName(),
        consent.signerEmail(), consent.signerPhone(), by.userId(), by.at());
  }

  /** The consent rules hold ("Check customer consent"; the attester is settled at creation). */
  public void consent(DelegateExecution execution) {
    Violations.enforce(execution, AGREEMENT_ERRORS, consentPolicy.check(consentOf(execution)), Errors.CONSENT_MISSING);
  }

  private static AgreementConsent consentOf(DelegateExecution execution) {
    return new AgreementConsent(AGREEMENT_ACCEPTED.from(execution), AGREEMENT_DATE_ACCEPTED.from(execution),
        SIGNER_FIRST_NAME.from(execution), SIGNER_LAST_NAME.from(execution), SIGNER_EMAIL.from(execution),
        SIGNER_PHONE.from(execution));
  }

  /**
   * An indirect provider's reseller, from the directory: one we may sell through now. Whether one is
   * needed comes from our configuration, not from {@code indirectProvider}.
   */
  public Optional<Reseller> reseller(DelegateExecution execution) {
    if (!partner.indirectProvider()) {
      return Optional.empty();
    }
    String requested = RESELLER_ID.from(execution);
    Optional<Reseller> reseller = resellers.find(requested);
    Violations.enforce(execution, RESELLER_ERRORS,
        resellerPolicy.check(requested, reseller, partner.partnerId(), partner.region()), Errors.RESELLER_INVALID);
    RESELLER_NAME.set(execution, reseller.get().name());
    RESELLER_PARTNER_ID.set(execution, reseller.get().partnerId());
    return reseller;
  }

  /**
   * The order lines as "Select subscriptions" submitted them, valid against today's catalog ("Validate
   * order" and again at creation); the review table ({@code orderSummary}) is rebuilt from them, never read.
   */
  public List<OrderLine> order(DelegateExecution execution) {
    List<OrderLineInput> submitted = ORDER_LINES.optionalFrom(execution).orElse(List.of());
    Map<String, Offer> offers = catalog.allById();
    Violations.enforce(execution, ORDER_ERRORS, orderValidator.validate(submitted, offers), Errors.ORDER_INVALID);
    // The form's unused lines go; "Update subscriptions" then shows lines 1..n without gaps
    List<OrderLineInput> used = OrderValidator.usedLines(submitted);
    ORDER_LINES.set(execution, used);
    List<OrderSummaryLine> summary = OrderSummaryLine.of(used, offers);
    ORDER_SUMMARY.set(execution, summary);
    return summary.stream().map(l -> new OrderLine(l.lineNumber(), l.offerId(), l.quantity())).toList();
  }
}
