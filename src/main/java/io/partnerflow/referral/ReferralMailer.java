package io.partnerflow.referral;

import io.partnerflow.customer.CountryRules;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.mail.TemplatedMail;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.partner.PartnerProfile;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The mail to a prospect whose referral we declined: thanks, we cannot take the request, please
 * pick another partner in the Microsoft partner directory. In the prospect's language (else the
 * country's, else English); at most once per referral.
 */
@Component
public class ReferralMailer {

  static final String DECLINED_TEMPLATE = "referral-declined";
  static final String DECLINED_SUBJECT = "mail.referralDeclined.subject";
  /** Where customers find Microsoft partners. */
  public static final String PARTNER_DIRECTORY_URL = "https://appsource.microsoft.com/marketplace/partner-dir";

  private final TemplatedMailService mailService;
  private final PartnerProfile partner;
  private final CountryRules countryRules;

  public ReferralMailer(TemplatedMailService mailService, PartnerProfile partner, CountryRules countryRules) {
    this.mailService = mailService;
    this.partner = partner;
    this.countryRules = countryRules;
  }

  public static String declinedKey(String referralId) {
    return "referral-declined-" + referralId;
  }

  /** @return true if sent now, false if it had been sent before */
  public boolean sendDeclineNotice(Referral referral) {
    return mailService.send(declineNotice(referral));
  }

  TemplatedMail declineNotice(Referral referral) {
    Map<String, Object> model = new HashMap<>();
    model.put("recipientName", referral.contactName());
    model.put("partnerName", partner.name());
    model.put("companyName", referral.companyName());
    model.put("partnerDirectoryUrl", PARTNER_DIRECTORY_URL);
    return new TemplatedMail(
        declinedKey(referral.id()),
        referral.contactEmail(),
        referral.contactName(),
        locale(referral),
        DECLINED_TEMPLATE,
        model,
        DECLINED_SUBJECT,
        new Object[] {partner.name(), referral.companyName()});
  }

  Locale locale(Referral referral) {
    String language = referral.language();
    if (language == null && referral.country() != null) {
      language = countryRules.localization(referral.country())
          .flatMap(loc -> loc.languages().stream().findFirst()).orElse(null);
    }
    return MailLocales.resolve(null, language);
  }
}
