package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.OFFER_OPTIONS;

import io.partnerflow.catalog.OfferCatalog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Fills the offer select of "Select subscriptions", with each offer's license range in the label. */
@Component
public class LoadOfferOptionsListener implements ExecutionListener {

  private final OfferCatalog catalog;

  public LoadOfferOptionsListener(OfferCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void notify(DelegateExecution execution) {
    OFFER_OPTIONS.set(execution, catalog.orderableOffers().stream()
        .map(o -> new SelectOption(o.name() + " (" + o.minQuantity() + "–" + o.maxQuantity() + " licenses"
            + (o.addOn() ? ", add-on" : "") + ")", o.id()))
        .toList());
  }
}
