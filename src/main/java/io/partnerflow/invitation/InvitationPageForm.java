package io.partnerflow.invitation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the customer submitted on the invitation page, normalized (name trimmed, line breaks of the
 * reason as {@code \n}), and the rules it must follow.
 */
public record InvitationPageForm(
    String action,
    String adminName,
    boolean globalAdmin,
    boolean agreementAccepted,
    String declineReason) {

  public static final String ACCEPT = "accept";
  public static final String DECLINE = "decline";
  public static final int NAME_MAX = 120;
  public static final int DECLINE_REASON_MAX = 1000;

  /** One broken rule: the form field, a message key (i18n/invitation) and its arguments. */
  public record Problem(String field, String messageKey, Object... args) {}

  /** The form as first shown: the name we have on record, nothing ticked. */
  public static InvitationPageForm prefilled(Invitation invitation) {
    String name = invitation.adminName();
    return new InvitationPageForm(null, name == null ? "" : name, false, false, "");
  }

  public static InvitationPageForm submitted(String action, String adminName, String globalAdmin,
      String agreementAccepted, String declineReason) {
    return new InvitationPageForm(
        action == null ? null : action.trim().toLowerCase(Locale.ROOT),
        adminName == null ? "" : adminName.strip(),
        checked(globalAdmin),
        checked(agreementAccepted),
        declineReason == null ? "" : declineReason.replace("\r\n", "\n").replace('\r', '\n').strip());
  }

  public boolean accepting() {
    return ACCEPT.equals(action);
  }

  public boolean declining() {
    return DECLINE.equals(action);
  }

  /** The reason to record with a decline, null when none was given. */
  public String declineReasonOrNull() {
    return declineReason.isEmpty() ? null : declineReason;
  }

  /**
   * Broken rules, in the order of the fields on the page.
   *
   * @param agreementAsked whether the page asks for the customer agreement (none on record)
   * @param domain the tenant's primary domain, named in the global-administrator rule
   */
  public List<Problem> problems(boolean agreementAsked, String domain) {
    List<Problem> problems = new ArrayList<>();
    if (!accepting() && !declining()) {
      problems.add(new Problem("action", "invitation.error.action"));
      return problems;
    }
    if (adminName.isEmpty()) {
      problems.add(new Problem("adminName", "invitation.error.adminName.required", NAME_MAX));
    } else if (adminName.length() > NAME_MAX) {
      problems.add(new Problem("adminName", "invitation.error.adminName.tooLong", NAME_MAX, adminName.length()));
    } else if (adminName.codePoints().anyMatch(Character::isISOControl)) {
      problems.add(new Problem("adminName", "invitation.error.adminName.controlCharacters"));
    }
    if (accepting()) {
      if (!globalAdmin) {
        problems.add(new Problem("globalAdmin", "invitation.error.globalAdmin.required", domain));
      }
      if (agreementAsked && !agreementAccepted) {
        problems.add(new Problem("agreementAccepted", "invitation.error.agreementAccepted.required"));
      }
    } else if (declineReason.length() > DECLINE_REASON_MAX) {
      problems.add(new Problem("declineReason", "invitation.error.declineReason.tooLong", DECLINE_REASON_MAX,
          declineReason.length()));
    }
    return problems;
  }

  // Browsers send "on" for a checkbox without a value; ours sends "true"
  private static boolean checked(String value) {
    return value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on"));
  }
}
