package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.ORDER_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.ORDER_LINES;
import static io.partnerflow.onboarding.OnboardingProcess.ORDER_SUMMARY;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.catalog.OrderValidator;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Validate order": known offers, license counts in range, prerequisites, no duplicate lines. */
@Component
public class ValidateOrderDelegate implements JavaDelegate {

  private final OfferCatalog catalog;
  private final OrderValidator validator;

  public ValidateOrderDelegate(OfferCatalog catalog, OrderValidator validator) {
    this.catalog = catalog;
    this.validator = validator;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<OrderLineInput> submitted = ORDER_LINES.optionalFrom(execution).orElse(List.of());
    Map<String, Offer> offers = catalog.allById();
    List<Violation> violations = validator.validate(submitted, offers);
    Violations.enforce(execution, ORDER_ERRORS, violations, Errors.ORDER_INVALID);
    // The form's unused lines go; "Update subscriptions" then shows lines 1..n without gaps
    List<OrderLineInput> lines = OrderValidator.usedLines(submitted);
    ORDER_LINES.set(execution, lines);
    ORDER_SUMMARY.set(execution, OrderSummaryLine.of(lines, offers));
  }
}
