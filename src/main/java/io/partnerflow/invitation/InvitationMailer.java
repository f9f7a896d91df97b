package io.partnerflow.invitation;

import io.partnerflow.mail.MailLocales;
import io.partnerflow.mail.TemplatedMail;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.partner.PartnerProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The mails of an invitation to connect: the invitation and its reminders to the customer's admin
 * (in the customer's language, answers to {@link InvitationProperties#replyMailbox()}), and the
 * notice to our operations address once the relationship stands. Each goes out at most once per
 * idempotency key, so job retries never send twice.
 */
@Component
public class InvitationMailer {

  static final String INVITATION_TEMPLATE = "invitation";
  static final String REMINDER_TEMPLATE = "invitation-reminder";
  static final String ESTABLISHED_TEMPLATE = "relationship-established";
  static final String INVITATION_SUBJECT = "mail.invitation.subject";
  static final String REMINDER_SUBJECT = "mail.invitation.reminder.subject";
  static final String ESTABLISHED_SUBJECT = "mail.relationshipEstablished.subject";
  /** "Answered via" of an acceptance only Microsoft saw (api mode). */
  static final String MICROSOFT_CHANNEL = "MICROSOFT";

  private static final DateTimeFormatter OPS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final TemplatedMailService mailService;
  private final PartnerProfile partner;
  private final InvitationProperties properties;
  private final String publicBaseUrl;

  public InvitationMailer(
      TemplatedMailService mailService,
      PartnerProfile partner,
      InvitationProperties properties,
      @Value("${partnerflow.public-base-url}") String publicBaseUrl) {
    this.mailService = mailService;
    this.partner = partner;
    this.properties = properties;
    this.publicBaseUrl = stripTrailingSlash(Objects.requireNonNull(publicBaseUrl, "partnerflow.public-base-url"));
  }

  /**
   * Key (and Message-ID local part) of the invitation mail of the invitation's current send. It
   * names the send, not the link's token: the token is recorded with the mail
   * ({@link #sendInvitation(Invitation, String, Runnable)}), so a send job retried after its mail
   * went out finds it sent, and the link in it still works.
   */
  public static String invitationKey(Invitation invitation) {
    return "invitation-" + invitation.id() + "-send-" + invitation.sendCount();
  }

  public static String reminderKey(Invitation invitation, int reminderNumber) {
    return invitationKey(invitation) + "-reminder-" + reminderNumber;
  }

  /** Whether the invitation mail of the invitation's current send went out. */
  public boolean invitationSent(Invitation invitation) {
    return mailService.wasSent(invitationKey(invitation));
  }

  /** Whether reminder {@code reminderNumber} of the invitation's current send went out. */
  public boolean reminderSent(Invitation invitation, int reminderNumber) {
    return mailService.wasSent(reminderKey(invitation, reminderNumber));
  }

  public static String relationshipEstablishedKey(String invitationId) {
    return "relationship-established-" + invitationId;
  }

  /** The acceptance link a token opens. */
  public String acceptanceLink(String token) {
    return publicBaseUrl + "/invitation/" + token;
  }

  /** Sends the invitation of the current send with a token that is registered already. */
  public void sendInvitation(Invitation invitation, String token) {
    sendInvitation(invitation, token, () -> {});
  }

  /**
   * Sends the invitation of the current send, unless it went out, and runs {@code registerToken}
   * in the transaction that records the mail as sent. Pass the invitation as read after
   * {@link InvitationRegistry#openSend}, so its {@code sendCount} names this send.
   */
  public void sendInvitation(Invitation invitation, String token, Runnable registerToken) {
    sendInvitation(invitation, token, MicrosoftRequest.NONE, registerToken);
  }

  /**
   * {@link #sendInvitation(Invitation, String, Runnable)} with what the customer accepts at Microsoft
   * (api mode): the reseller relationship link and, if asked, the delegated admin approval link.
   */
  public void sendInvitation(Invitation invitation, String token, MicrosoftRequest atMicrosoft,
      Runnable registerToken) {
    Locale locale = locale(invitation);
    Map<String, Object> model = customerModel(invitation, token, locale);
    model.put("microsoftLink", atMicrosoft.resellerLink());
    model.put("adminApprovalLink", atMicrosoft.adminApprovalLink());
    String message = normalize(invitation.personalMessage());
    model.put("personalMessage", message);
    model.put("personalMessageLines", message == null ? List.of() : Arrays.asList(message.split("\n", -1)));
    mailService.send(customerMail(invitation, invitationKey(invitation), INVITATION_TEMPLATE,
        INVITATION_SUBJECT, locale, model), registerToken);
  }

  /** Sends reminder {@code reminderNumber} (1, 2, ...) of the current send with a token that is registered already. */
  public void sendReminder(Invitation invitation, String token, int reminderNumber) {
    sendReminder(invitation, token, reminderNumber, () -> {});
  }

  /**
   * Sends reminder {@code reminderNumber} (1, 2, ...) of the current send, with a fresh link, unless
   * it went out; {@code registerToken} runs in the transaction that records the mail as sent.
   */
  public void sendReminder(Invitation invitation, String token, int reminderNumber, Runnable registerToken) {
    sendReminder(invitation, token, reminderNumber, MicrosoftRequest.NONE, registerToken);
  }

  /** {@link #sendReminder(Invitation, String, int, Runnable)} with the links to accept at Microsoft (api mode). */
  public void sendReminder(Invitation invitation, String token, int reminderNumber, MicrosoftRequest atMicrosoft,
      Runnable registerToken) {
    Locale locale = locale(invitation);
    Map<String, Object> model = customerModel(invitation, token, locale);
    model.put("microsoftLink", atMicrosoft.resellerLink());
    model.put("adminApprovalLink", atMicrosoft.adminApprovalLink());
    model.put("reminderNumber", reminderNumber);
    mailService.send(customerMail(invitation, reminderKey(invitation, reminderNumber), REMINDER_TEMPLATE,
        REMINDER_SUBJECT, locale, model), registerToken);
  }

  /** Tells our operations address, in English, that a customer accepted. */
  public void sendRelationshipEstablished(Invitation invitation, String customerId) {
    sendRelationshipEstablished(invitation, customerId, null);
  }

  /**
   * Tells our operations address, in English, that a customer accepted; in api mode with the tenant
   * Partner Center confirmed ({@code microsoftTenantId}, null in ledger mode).
   */
  public void sendRelationshipEstablished(Invitation invitation, String customerId, String microsoftTenantId) {
    String to = Objects.requireNonNull(partner.operationsEmail(), "partnerflow.partner.operations-email is not set");
    Map<String, Object> model = new HashMap<>();
    model.put("partnerName", partner.name());
    model.put("companyName", invitation.companyName());
    model.put("primaryDomain", invitation.primaryDomain());
    model.put("answeredBy", answeredBy(invitation));
    // Confirmed by Microsoft without an answer to us: the customer answered in the admin center
    model.put("channel", invitation.answerChannel() != null ? invitation.answerChannel().name()
        : microsoftTenantId != null ? MICROSOFT_CHANNEL : null);
    model.put("includeDelegatedAdmin", invitation.includeDelegatedAdmin());
    model.put("customerId", customerId);
    model.put("microsoftTenantId", microsoftTenantId);
    model.put("invitationId", invitation.id());
    model.put("answeredAt", invitation.answeredAt() == null ? null : OPS_TIME.format(invitation.answeredAt()));
    mailService.send(new TemplatedMail(
        relationshipEstablishedKey(invitation.id()),
        to,
        null,
        MailLocales.ENGLISH,
        ESTABLISHED_TEMPLATE,
        model,
        ESTABLISHED_SUBJECT,
        new Object[] {invitation.companyName(), invitation.primaryDomain()}));
  }

  private TemplatedMail customerMail(Invitation invitation, String key, String template, String subjectKey,
      Locale locale, Map<String, Object> model) {
    return new TemplatedMail(
        key,
        invitation.adminEmail(),
        invitation.adminName(),
        locale,
        template,
        model,
        subjectKey,
        // The reference lets a reply find its invitation when a client drops In-Reply-To
        new Object[] {partner.name(), invitation.companyName(), invitation.replyReference()},
        properties.replyMailbox());
  }

  private Map<String, Object> customerModel(Invitation invitation, String token, Locale locale) {
    Objects.requireNonNull(token, "token");
    Map<String, Object> model = new HashMap<>();
    model.put("adminName", invitation.adminName());
    model.put("partnerName", partner.name());
    model.put("companyName", invitation.companyName());
    model.put("primaryDomain", invitation.primaryDomain());
    model.put("includeDelegatedAdmin", invitation.includeDelegatedAdmin());
    model.put("acceptanceLink", acceptanceLink(token));
    model.put("expiresOn", expiresOn(invitation.expiresAt(), locale));
    return model;
  }

  private static Locale locale(Invitation invitation) {
    return MailLocales.resolve(invitation.culture(), invitation.language());
  }

  static String expiresOn(Instant expiresAt, Locale locale) {
    return expiresAt == null
        ? null
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(ZoneOffset.UTC)
            .format(expiresAt);
  }

  private static String answeredBy(Invitation invitation) {
    String name = invitation.answeredByName() == null || invitation.answeredByName().isBlank()
        ? null : invitation.answeredByName().strip();
    String email = invitation.answeredByEmail() == null || invitation.answeredByEmail().isBlank()
        ? null : invitation.answeredByEmail().strip();
    if (name != null && email != null) {
      return name + " <" + email + ">";
    }
    return name != null ? name : email;
  }

  /** Unix line breaks, no trailing blanks; null when there is nothing to say. */
  private static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t]+\\n", "\n").strip();
    return normalized.isEmpty() ? null : normalized;
  }

  private static String stripTrailingSlash(String url) {
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
