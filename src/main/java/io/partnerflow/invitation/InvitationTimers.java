package io.partnerflow.invitation;

import org.springframework.stereotype.Component;

/** The invitation's timer durations as ISO-8601 texts, for the BPMN ({@code ${invitationTimers.expiry}}). */
@Component("invitationTimers")
public class InvitationTimers {

  private final InvitationProperties properties;

  public InvitationTimers(InvitationProperties properties) {
    this.properties = properties;
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
}
