package io.partnerflow.provisioning;

import io.partnerflow.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the simulated Partner Center ({@link SimulatedPartnerCenter}) is to break, so that demos and
 * the fault suite can see an outage end the way a real one would: failed jobs, retries, an incident.
 * Read at start from {@code partnerflow.partner-center.simulated.*}; administrators replace them at
 * run time ({@code PUT /api/simulation/partner-center/faults}). All off by default.
 *
 * @param failNext the next N calls fail with a 503 before doing anything
 * @param failFor every call fails with a 503 for this long from when it is set (ISO-8601, e.g.
 *     PT2M); zero = off
 * @param timeoutAfterWork every call does its work and commits it, then waits this long and fails
 *     with a timeout: the remote succeeded but we never heard; zero = off
 */
@ConfigurationProperties("partnerflow.partner-center.simulated")
public record PartnerCenterFaults(
    @DefaultValue("0") int failNext,
    Duration failFor,
    Duration timeoutAfterWork) {

  /**
   * The longest wait a timeout may simulate: a job holds its executor thread and its lock while it
   * waits, and the job lock is 40 s (application.yml): a longer wait would let another node run the
   * provisioning a second time while this one still waits. Real HTTP clients give up sooner too.
   */
  public static final Duration MAX_TIMEOUT_AFTER_WORK = Duration.ofSeconds(15);

  public static final PartnerCenterFaults NONE = new PartnerCenterFaults(0, Duration.ZERO, Duration.ZERO);

  public PartnerCenterFaults {
    failFor = failFor == null ? Duration.ZERO : failFor;
    timeoutAfterWork = timeoutAfterWork == null ? Duration.ZERO : timeoutAfterWork;
  }

  /** Every broken rule, by the field's name; empty when these settings can be applied. */
  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    if (failNext < 0) {
      violations.add(new Violation("failNext", "min", "failNext must be 0 or more"));
    }
    if (failFor.isNegative()) {
      violations.add(new Violation("failFor", "min", "failFor must be a duration of zero or more, e.g. PT2M"));
    }
    if (timeoutAfterWork.isNegative() || timeoutAfterWork.compareTo(MAX_TIMEOUT_AFTER_WORK) > 0) {
      violations.add(new Violation("timeoutAfterWork", "range",
          "timeoutAfterWork must be between PT0S and " + MAX_TIMEOUT_AFTER_WORK + ", e.g. PT3S"));
    }
    return violations;
  }
}
