package io.partnerflow.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often an invitation looks at Microsoft for the customer's acceptance (api mode): the first look
 * {@code first} after the invitation went out, each further wait twice the previous one, never longer
 * than {@code longest} (PT5M, PT10M, PT20M, PT40M, PT1H, PT1H, ... by default).
 */
@ConfigurationProperties("partnerflow.invitation.microsoft-check")
public record MicrosoftCheckProperties(
    @DefaultValue("PT5M") Duration first,
    @DefaultValue("PT1H") Duration longest) {

  public MicrosoftCheckProperties {
    if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
      throw new IllegalArgumentException("partnerflow.invitation.microsoft-check: first must be positive and longest"
          + " at least first (first=" + first + ", longest=" + longest + ")");
    }
  }

  /** The wait before the next look, after {@code checksDone} looks of this send. */
  public Duration waitAfter(long checksDone) {
    Duration wait = first;
    for (long i = 0; i < checksDone && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(longest) > 0 ? longest : wait;
  }
}
