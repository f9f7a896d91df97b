package io.partnerflow.customerpages;

import io.partnerflow.customer.CustomerDetails;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.reseller.Reseller;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the customer page shows, in words for people: stored codes (RESELLER, ACTIVE, agreement types)
 * are already turned into words, and what the registry does not know is null or empty so the page
 * can say so. Built by {@link CustomerDetailViewBuilder}.
 *
 * @param relationship the current relationship in words, e.g. "Reseller relationship"
 * @param relationshipClass the style of its badge
 * @param address the address lines; empty when none is on record (a customer that came by invitation)
 * @param country e.g. "United States (US)", or null
 * @param localization the customer's language in words, e.g. "Spanish (Spain)", or null
 * @param localizationCodes its culture and language codes, e.g. "es-ES / es", or null
 * @param adminUser the tenant's admin user we created, or null (we did not create the tenant)
 * @param contact the primary contact, or null
 * @param reseller the indirect reseller, or null
 * @param history relationship changes, newest first
 */
public record CustomerDetailView(
    CustomerRecord customer,
    String relationship,
    String relationshipClass,
    DelegatedAdmin delegatedAdmin,
    Origin origin,
    List<String> address,
    String country,
    String localization,
    String localizationCodes,
    String adminUser,
    Contact contact,
    Reseller reseller,
    List<HistoryEntry> history,
    List<Agreement> agreements,
    List<Subscription> subscriptions,
    List<Process> processes,
    boolean endRunning,
    boolean inviteRunning) {

  /** How the customer came in (null {@code how}: not on record), when and by whom. */
  public record Origin(String how, Instant at, String by) {}

  /** Whether we hold delegated admin, in words, and the change that decided it (null when none is on record). */
  public record DelegatedAdmin(boolean granted, String answer, Instant since, String because) {}

  /**
   * The primary contact; {@code note} says where it came from when that is not the account info
   * (the global admin who accepted the invitation), {@code phone} is null when none is on record.
   */
  public record Contact(String name, String email, String phone, String note) {}

  public record HistoryEntry(Instant at, String relationship, String delegatedAdmin, String by, String how) {}

  /** One agreement attestation; the agreement by name, its template id as secondary detail. */
  public record Agreement(String name, String templateId, LocalDate dateAccepted, String signerName,
      String signerEmail, String signerPhone, String attestedBy, Instant attestedAt, boolean current) {}

  public record Subscription(String id, String offerName, String offerId, int quantity, String status,
      String statusClass, String resellerPartnerId, Instant provisionedAt) {}

  /** A process instance that touched the customer, its state in words. */
  public record Process(CustomerDetails.ProcessRun run, String state, String stateClass) {}

  /** Whether the customer came in by onboarding: the tenant, and its admin user, are ours. */
  public boolean onboarded() {
    return customer.onboardingProcessInstanceId() != null;
  }
}
