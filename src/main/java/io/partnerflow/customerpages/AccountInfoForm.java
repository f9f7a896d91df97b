package io.partnerflow.customerpages;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.PrimaryContact;
import java.util.Optional;
import java.util.Set;

/** The edit form: every account-info field but the domain prefix (which never changes), and the version. */
public record AccountInfoForm(String companyName, String addressLine1, String addressLine2, String city,
    String state, String postalCode, String country, String culture, String language, String registrationNumber,
    String contactFirstName, String contactLastName, String contactEmail, String contactPhone, Integer version) {

  /** Form fields of the edit page, in page order; violations of other fields are listed on top. */
  static final Set<String> FIELDS = Set.of("companyName", "addressLine1", "addressLine2", "city", "state",
      "postalCode", "country", "culture", "language", "registrationNumber", "contactFirstName", "contactLastName",
      "contactEmail", "contactPhone");

  static AccountInfoForm of(CustomerRecord c, Optional<ContactRecord> contact) {
    ContactRecord p = contact.orElse(new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, null, null, null, null));
    return new AccountInfoForm(c.companyName(), c.addressLine1(), c.addressLine2(), c.city(), c.state(),
        c.postalCode(), c.country(), c.culture(), c.language(), c.registrationNumber(), p.firstName(),
        p.lastName(), p.email(), p.phone(), c.version());
  }

  /** The account info to validate and save: the domain prefix is the record's, never the form's. */
  AccountInfo toAccountInfo(String domainPrefix) {
    return new AccountInfo(companyName, domainPrefix, addressLine1, addressLine2, city, state, postalCode, country,
        culture, language, registrationNumber,
        new PrimaryContact(contactFirstName, contactLastName, contactEmail, contactPhone));
  }
}
