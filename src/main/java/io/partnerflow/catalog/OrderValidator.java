package io.partnerflow.catalog;

import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The subscription lines of a new customer's order: known, orderable offers, quantities within each
 * offer's limits, one line per offer, and add-ons only together with their prerequisite.
 *
 * <p>Lines are read as the form shows them: a line with neither offer nor licenses is an unused
 * line of the form and is skipped; every message names the line as the operator sees it, counted
 * from 1. Field paths ({@code orderLines[0].offerId}) keep the list's 0-based index for API clients.
 */
@Component
public class OrderValidator {

  public List<Violation> validate(List<OrderLineInput> lines, Map<String, Offer> catalogById) {
    List<Violation> out = new ArrayList<>();
    if (usedLines(lines).isEmpty()) {
      out.add(new Violation("orderLines", "required", "Choose at least one offer and its number of licenses."));
      return out;
    }
    Map<String, Offer> catalog = catalogById != null ? catalogById : Map.of();

    Set<String> orderedIds = new HashSet<>();
    for (OrderLineInput line : lines) {
      if (!isBlank(line) && line.offerId() != null) {
        orderedIds.add(line.offerId().strip());
      }
    }

    Map<String, Integer> firstLineOf = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderLineInput line = lines.get(i);
      if (isBlank(line)) {
        continue;
      }
      String label = "Line " + (i + 1);
      String offerField = "orderLines[" + i + "].offerId";
      String quantityField = "orderLines[" + i + "].quantity";
      String offerId = line.offerId() == null ? "" : line.offerId().strip();
      Offer offer = offerId.isEmpty() ? null : catalog.get(offerId);

      if (offerId.isEmpty()) {
        out.add(new Violation(offerField, "required",
            label + ": choose an offer, or clear its licenses to remove the line."));
      } else if (offer == null) {
        out.add(new Violation(offerField, "offer-unknown",
            label + ": the offer '" + offerId + "' is not in our catalog; choose one from the list."));
      } else {
        if (offer.retired()) {
          out.add(new Violation(offerField, "offer-retired",
              label + ": " + offer.name() + " is retired and can no longer be ordered; choose another offer."));
        }
        Integer first = firstLineOf.putIfAbsent(offerId, i);
        if (first != null) {
          out.add(new Violation(offerField, "duplicate-line",
              label + ": " + offer.name() + " is already on line " + (first + 1)
                  + "; change the licenses there and remove this line."));
        }
        String prerequisite = offer.prerequisiteOfferId() == null ? "" : offer.prerequisiteOfferId().strip();
        if (offer.addOn() && !prerequisite.isEmpty() && !orderedIds.contains(prerequisite)) {
          Offer pre = catalog.get(prerequisite);
          String preName = pre != null && pre.name() != null ? pre.name() : prerequisite;
          out.add(new Violation(offerField, "prerequisite-missing",
              label + ": " + offer.name() + " is an add-on; add " + preName + " to the same order."));
        }
      }

      Integer quantity = line.quantity();
      if (quantity == null) {
        out.add(new Violation(quantityField, "required",
            label + ": enter the number of licenses" + (offer != null ? " of " + offer.name() : "") + "."));
      } else if (offer != null && (quantity < offer.minQuantity() || quantity > offer.maxQuantity())) {
        out.add(new Violation(quantityField, "quantity-range",
            label + ": " + offer.name() + " takes " + range(offer) + ", not " + quantity + "."));
      } else if (offer == null && quantity < 1) {
        out.add(new Violation(quantityField, "quantity-range",
            label + ": the number of licenses must be at least 1, not " + quantity + "."));
      }
    }
    return out;
  }

  /** The lines that carry an offer or a quantity, in form order; unused form lines dropped. */
  public static List<OrderLineInput> usedLines(List<OrderLineInput> lines) {
    return lines == null ? List.of() : lines.stream().filter(line -> !isBlank(line)).toList();
  }

  private static boolean isBlank(OrderLineInput line) {
    return line == null || (line.offerId() == null || line.offerId().isBlank()) && line.quantity() == null;
  }

  private static String range(Offer offer) {
    return offer.minQuantity() == offer.maxQuantity()
        ? "exactly " + offer.minQuantity() + (offer.minQuantity() == 1 ? " license" : " licenses")
        : offer.minQuantity() + " to " + offer.maxQuantity() + " licenses";
  }
}
