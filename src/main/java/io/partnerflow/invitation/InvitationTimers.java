package io.partnerflow.invitation;

import org.springframework.stereotype.Component;

/** The invitation's timer durations as ISO-8601 texts, for the BPMN ({@code ${invitationTimers.expiry}}). */
@Component("invitationTimers")
public class InvitationTimers {

  private final InvitationProperties properties;
  private final MicrosoftCheckProperties microsoftCheck;

  public InvitationTimers(InvitationProperties properties, MicrosoftCheckProperties microsoftCheck) {
    this.properties = properties;
    this.microsoftCheck = microsoftCheck;
  }

  public String getFirstReminder() {
    return properties.firstReminder().toString();
  }

  public String getSecondReminder() {
    return properties.secondReminder().toString();
  }

  public String getExpiry() {
    return properties.expiry().toString();
  }

  /** The wait before the next look at Microsoft ({@code ${invitationTimers.microsoftCheck(microsoftChecks)}}). */
  public String microsoftCheck(long checksDone) {
    return microsoftCheck.waitAfter(checksDone).toString();
  }
}
