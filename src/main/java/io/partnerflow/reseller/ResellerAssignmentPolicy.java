package io.partnerflow.reseller;

import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether an indirect provider may name a reseller on a new customer's subscriptions: the reseller
 * must exist, be active, have signed the partner agreement, be in our region and not be ourselves.
 */
@Component
public class ResellerAssignmentPolicy {

  public static final String FIELD = "resellerId";

  public List<Violation> check(String requestedResellerId, Optional<Reseller> reseller, String providerPartnerId,
      String providerRegion) {
    List<Violation> out = new ArrayList<>();
    String requested = trim(requestedResellerId);
    if (requested.isEmpty()) {
      out.add(new Violation(FIELD, "required", "Indirect reseller is required: pick the reseller for this customer's subscriptions"));
      return out;
    }
    String provider = trim(providerPartnerId);
    Optional<Reseller> found = reseller == null ? Optional.empty() : reseller;
    // The operator may type our own partner ID whether or not the directory knows it as a reseller.
    boolean isProvider = !provider.isEmpty()
        && (requested.equalsIgnoreCase(provider) || found.map(r -> provider.equalsIgnoreCase(trim(r.partnerId()))).orElse(false));
    if (isProvider) {
      out.add(new Violation(FIELD, "reseller-is-provider",
          "Reseller '" + requested + "' is our own partner ID " + provider + "; name the indirect reseller, not the provider"));
    }
    if (found.isEmpty()) {
      if (!isProvider) {
        out.add(new Violation(FIELD, "reseller-unknown",
            "Reseller '" + requested + "' is not in our indirect reseller directory"));
      }
      return out;
    }
    Reseller r = found.get();
    String label = "Reseller " + (r.name() != null ? r.name() : requested) + " (" + requested + ")";
    if (r.status() != ResellerStatus.ACTIVE) {
      out.add(new Violation(FIELD, "reseller-not-active",
          label + " is " + (r.status() == null ? "of unknown status" : r.status().name().toLowerCase(java.util.Locale.ROOT)) + "; only an active reseller can be named"));
    }
    if (!r.partnerAgreementSigned()) {
      out.add(new Violation(FIELD, "reseller-agreement-not-signed",
          label + " has not signed the partner agreement"));
    }
    String region = trim(providerRegion);
    if (!region.isEmpty() && !region.equalsIgnoreCase(trim(r.region()))) {
      out.add(new Violation(FIELD, "reseller-other-region",
          label + " is in region " + (r.region() == null ? "(none)" : r.region()) + ", not in our region " + region));
    }
    return out;
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
