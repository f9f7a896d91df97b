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
 * Line indexes start at 0, like the portal's line numbers.
 */
@Component
public class OrderValidator {

  public List<Violation> validate(List<OrderLineInput> lines, Map<String, Offer> catalogById) {
    List<Violation> out = new ArrayList<>();
    if (lines == null || lines.isEmpty()) {
      out.add(new Violation("orderLines", "required", "Order lines are required: add at least one offer with a quantity"));
      return out;
    }
    Map<String, Offer> catalog = catalogById != null ? catalogById : Map.of();

    Set<String> orderedIds = new HashSet<>();
    for (OrderLineInput line : lines) {
      if (line != null && line.offerId() != null) {
        orderedIds.add(line.offerId().strip());
      }
    }

    Map<String, Integer> firstLineOf = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderLineInput line = lines.get(i) != null ? lines.get(i) : new OrderLineInput(null, null);
      String offerField = "orderLines[" + i + "].offerId";
      String quantityField = "orderLines[" + i + "].quantity";
      String offerId = line.offerId() == null ? "" : line.offerId().strip();
      Offer offer = offerId.isEmpty() ? null : catalog.get(offerId);

      if (offerId.isEmpty()) {
        out.add(new Violation(offerField, "required", "Line " + i + ": offer is required"));
      } else if (offer == null) {
        out.add(new Violation(offerField, "offer-unknown", "Line " + i + ": offer '" + offerId + "' is not in the catalog"));
      } else {
        if (offer.retired()) {
          out.add(new Violation(offerField, "offer-retired",
              "Line " + i + ": offer " + offer.name() + " (" + offerId + ") is retired and can no longer be ordered"));
        }
        Integer first = firstLineOf.putIfAbsent(offerId, i);
        if (first != null) {
          out.add(new Violation(offerField, "duplicate-line",
              "Line " + i + ": offer " + offer.name() + " is already ordered on line " + first + "; change that line's quantity instead"));
        }
        String prerequisite = offer.prerequisiteOfferId() == null ? "" : offer.prerequisiteOfferId().strip();
        if (offer.addOn() && !prerequisite.isEmpty() && !orderedIds.contains(prerequisite)) {
          Offer pre = catalog.get(prerequisite);
          String preName = pre != null && pre.name() != null ? pre.name() : prerequisite;
          out.add(new Violation(offerField, "prerequisite-missing",
              "Line " + i + ": add-on " + offer.name() + " requires " + preName + " in the same order"));
        }
      }

      Integer quantity = line.quantity();
      if (quantity == null) {
        out.add(new Violation(quantityField, "required", "Line " + i + ": quantity is required"));
      } else if (offer != null && (quantity < offer.minQuantity() || quantity > offer.maxQuantity())) {
        out.add(new Violation(quantityField, "quantity-range",
            "Line " + i + ": quantity " + quantity + " of " + offer.name() + " must be between "
                + offer.minQuantity() + " and " + offer.maxQuantity()));
      } else if (offer == null && quantity < 1) {
        out.add(new Violation(quantityField, "quantity-range", "Line " + i + ": quantity " + quantity + " must be at least 1"));
      }
    }
    return out;
  }
}
