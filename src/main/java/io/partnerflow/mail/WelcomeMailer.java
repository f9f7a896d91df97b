package io.partnerflow.mail;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sends the welcome mail at the end of onboarding, at most once per customer. */
@Component
public class WelcomeMailer {

  static final String TEMPLATE = "welcome";
  static final String SUBJECT_KEY = "mail.welcome.subject";
  /** Where customers manage their tenant; shown as a link in the mail. */
  static final String ADMIN_CENTER_URL = "https://admin.microsoft.com";

  private final TemplatedMailService mailService;

  public WelcomeMailer(TemplatedMailService mailService) {
    this.mailService = mailService;
  }

  /** The idempotency key (and Message-ID local part) of a customer's welcome mail. */
  public static String idempotencyKey(String customerId) {
    return "welcome-" + customerId;
  }

  /**
   * Sends the welcome mail unless this customer already got one; safe to call again on retries.
   *
   * @return true if sent now, false if it had been sent before
   */
  public boolean send(WelcomeEmail mail) {
    return mailService.send(toTemplatedMail(mail));
  }

  TemplatedMail toTemplatedMail(WelcomeEmail mail) {
    Map<String, Object> model = new HashMap<>();
    model.put("recipientName", mail.recipientName());
    model.put("companyName", mail.companyName());
    model.put("primaryDomain", mail.primaryDomain());
    model.put("adminUserName", mail.adminUserName());
    model.put("partnerName", mail.partnerName());
    model.put("subscriptions", mail.subscriptions());
    model.put("adminCenterUrl", ADMIN_CENTER_URL);
    return new TemplatedMail(
        idempotencyKey(mail.customerId()),
        mail.recipientEmail(),
        mail.recipientName(),
        mail.locale(),
        TEMPLATE,
        model,
        SUBJECT_KEY,
        new Object[] {mail.companyName()});
  }
}
