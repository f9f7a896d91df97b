package io.partnerflow.onboarding;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OrderLineInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One line of the review table. */
public record OrderSummaryLine(int lineNumber, String offerId, String offerName, int quantity) {

  /** The table of validated, used lines (numbered from 0 without gaps), with the offers' names. */
  public static List<OrderSummaryLine> of(List<OrderLineInput> usedLines, Map<String, Offer> offers) {
    List<OrderSummaryLine> summary = new ArrayList<>();
    for (int i = 0; i < usedLines.size(); i++) {
      OrderLineInput line = usedLines.get(i);
      summary.add(new OrderSummaryLine(i, line.offerId(), offers.get(line.offerId()).name(), line.quantity()));
    }
    return summary;
  }
}
