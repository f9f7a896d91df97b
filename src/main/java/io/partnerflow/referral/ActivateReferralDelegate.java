package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.ESTIMATED_CLOSE_DATE;
import static io.partnerflow.referral.ReferralProcess.ESTIMATED_DEAL_VALUE;
import static io.partnerflow.referral.ReferralProcess.REFERRAL_ERRORS;
import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import io.partnerflow.referral.ReferralProcess.Errors;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Activate referral": the operator accepted; checks the estimate (deal value above 0 and at most
 * 1,000,000,000; closing date yyyy-MM-dd, not in the past by the engine clock) and records it with
 * the deciding operator. Broken rules go back to "Decide on referral".
 */
@Component
public class ActivateReferralDelegate implements JavaDelegate {

  public static final BigDecimal MAX_DEAL_VALUE = new BigDecimal("1000000000");

  private final ReferralRegistry registry;
  private final Clock clock;

  public ActivateReferralDelegate(ReferralRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Violation> violations = new ArrayList<>();
    BigDecimal value = dealValue(execution, violations);
    LocalDate closeDate = closeDate(execution, violations);
    Violations.enforce(execution, REFERRAL_ERRORS, violations, Errors.ACCEPTANCE_INVALID);

    String referralId = REFERRAL_ID.from(execution);
    if (!registry.activate(referralId, value, closeDate, DecidingUser.of(execution))) {
      throw new IllegalStateException("Referral " + referralId + " is not NEW; it cannot be accepted");
    }
  }

  private static BigDecimal dealValue(DelegateExecution execution, List<Violation> out) {
    Double raw;
    try {
      raw = ESTIMATED_DEAL_VALUE.from(execution);
    } catch (IllegalArgumentException e) {
      out.add(new Violation("estimatedDealValue", "number", "Estimated deal value must be a number"));
      return null;
    }
    if (raw == null) {
      out.add(new Violation("estimatedDealValue", "required", "Estimated deal value is required to accept"));
      return null;
    }
    if (raw.isNaN() || raw.isInfinite()) {
      out.add(new Violation("estimatedDealValue", "number", "Estimated deal value must be a number"));
      return null;
    }
    BigDecimal value = BigDecimal.valueOf(raw).setScale(2, RoundingMode.HALF_UP);
    if (value.signum() <= 0) {
      out.add(new Violation("estimatedDealValue", "min", "Estimated deal value must be greater than 0, not " + raw));
    } else if (value.compareTo(MAX_DEAL_VALUE) > 0) {
      out.add(new Violation("estimatedDealValue", "max",
          "Estimated deal value must be at most 1,000,000,000, not " + value.toPlainString()));
    }
    return value;
  }

  private LocalDate closeDate(DelegateExecution execution, List<Violation> out) {
    String raw = ESTIMATED_CLOSE_DATE.from(execution);
    if (raw == null || raw.isBlank()) {
      out.add(new Violation("estimatedCloseDate", "required", "Estimated closing date is required to accept"));
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(raw.strip());
    } catch (DateTimeParseException e) {
      out.add(new Violation("estimatedCloseDate", "date-format",
          "Estimated closing date '" + raw + "' is not a date of the form yyyy-MM-dd"));
      return null;
    }
    LocalDate today = LocalDate.now(clock);
    if (date.isBefore(today)) {
      out.add(new Violation("estimatedCloseDate", "not-in-past",
          "Estimated closing date " + date + " is in the past (today is " + today + ")"));
    }
    return date;
  }
}
