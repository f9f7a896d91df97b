package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.CUSTOMER_ID;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.mail.WelcomeEmail;
import io.partnerflow.mail.WelcomeMailer;
import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.provisioning.ProvisioningService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send welcome email", behind an async continuation: the customer's primary contact gets the
 * admin account name and the subscriptions in the customer's language, once, however often the
 * job is retried.
 */
@Component
public class SendWelcomeEmailDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final ProvisioningService provisioning;
  private final OfferCatalog catalog;
  private final PartnerProfile partner;
  private final WelcomeMailer mailer;

  public SendWelcomeEmailDelegate(CustomerRegistry customers, ProvisioningService provisioning, OfferCatalog catalog,
      PartnerProfile partner, WelcomeMailer mailer) {
    this.customers = customers;
    this.provisioning = provisioning;
    this.catalog = catalog;
    this.partner = partner;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String customerId = CUSTOMER_ID.get(execution);
    CustomerRecord customer = customers.find(customerId)
        .orElseThrow(() -> new IllegalStateException("Customer " + customerId + " is not in the registry"));
    ContactRecord contact = customers.primaryContact(customerId)
        .orElseThrow(() -> new IllegalStateException("Customer " + customerId + " has no primary contact"));
    Map<String, Offer> offers = catalog.allById();
    List<WelcomeEmail.Line> lines = provisioning.subscriptions(customerId).stream()
        .map(s -> new WelcomeEmail.Line(offers.get(s.offerId()).name(), s.quantity(), s.id()))
        .toList();
    mailer.send(new WelcomeEmail(customerId, contact.email(), contact.firstName() + " " + contact.lastName(),
        customer.companyName(), customer.primaryDomain(), customer.adminUserName(),
        MailLocales.resolve(customer.culture(), customer.language()), partner.name(), lines));
  }
}
