package io.partnerflow.mail;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The welcome mail to a new customer's primary contact, sent when onboarding completes. It names
 * the admin account but never carries a password: the partner hands that over separately.
 *
 * @param customerId our customer id; the mail is sent once per customer
 * @param recipientEmail the primary contact's email
 * @param recipientName the primary contact's name for the greeting (may be null)
 * @param companyName the customer's company name
 * @param primaryDomain e.g. {@code contoso.onmicrosoft.com}
 * @param adminUserName the tenant's admin user, e.g. {@code admin@contoso.onmicrosoft.com}
 * @param locale mail language, usually {@code MailLocales.resolve(culture, language)}
 * @param partnerName our partner name for the signature
 * @param subscriptions the subscriptions created for the customer
 */
public record WelcomeEmail(
    String customerId,
    String recipientEmail,
    String recipientName,
    String companyName,
    String primaryDomain,
    String adminUserName,
    Locale locale,
    String partnerName,
    List<Line> subscriptions) {

  public WelcomeEmail {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(recipientEmail, "recipientEmail");
    Objects.requireNonNull(companyName, "companyName");
    Objects.requireNonNull(adminUserName, "adminUserName");
    Objects.requireNonNull(partnerName, "partnerName");
    locale = locale != null ? locale : MailLocales.ENGLISH;
    subscriptions = subscriptions != null ? List.copyOf(subscriptions) : List.of();
  }

  /** One subscription: the offer's name, its number of licenses and Microsoft's subscription id. */
  public record Line(String offerName, int quantity, String subscriptionId) {}
}
