package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.ACCOUNT_INFO_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_CUSTOMER_ID;
import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_RELATIONSHIP;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.process.BusinessKeys;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Validate account info": the country and format rules, then whether the domain is ours already or
 * belongs to a tenant at Microsoft ({@link DomainAvailability}).
 */
@Component
public class ValidateAccountInfoDelegate implements JavaDelegate {

  private final AccountInfoValidator validator;
  private final CustomerRegistry customers;
  private final DomainAvailability domains;

  public ValidateAccountInfoDelegate(AccountInfoValidator validator, CustomerRegistry customers,
      DomainAvailability domains) {
    this.validator = validator;
    this.customers = customers;
    this.domains = domains;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AccountInfo info = OnboardingAccountInfo.from(execution);
    BusinessKeys.assign(execution, BusinessKeys.of(BusinessKeys.ofDomainPrefix(info.domainPrefix()), info.companyName()));
    List<Violation> violations = validator.validate(info);
    boolean domainWellFormed = violations.stream().noneMatch(v -> v.field().equals("domainPrefix"));
    Optional<CustomerRecord> existing =
        domainWellFormed ? customers.findByDomainPrefix(info.domainPrefix()) : Optional.empty();
    if (existing.isPresent()) {
      // Not a typo to correct: the tenant exists, so this becomes a relationship request.
      EXISTING_CUSTOMER_ID.set(execution, existing.get().id());
      EXISTING_RELATIONSHIP.set(execution, existing.get().relationship().name());
      throw new BpmnError(Errors.DOMAIN_TAKEN, "Domain " + info.primaryDomain() + " already belongs to a customer");
    }
    if (violations.isEmpty()) {
      domains.routeIfTakenAtMicrosoft(execution, info.primaryDomain());
    }
    Violations.enforce(execution, ACCOUNT_INFO_ERRORS, violations, Errors.ACCOUNT_INFO_INVALID);
  }
}
