package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.*;

import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.process.BusinessKeys;
import io.partnerflow.relationship.EndRelationshipProcess.Errors;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check active subscriptions": the customer must be ours (relationship RESELLER), otherwise there
 * is nothing to end; lists its active subscriptions for the operator's confirmation. Runs again
 * when the removal found a subscription that became active meanwhile.
 */
@Component
public class CheckActiveSubscriptionsDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final CustomerSubscriptions subscriptions;

  public CheckActiveSubscriptionsDelegate(CustomerRegistry customers, CustomerSubscriptions subscriptions) {
    this.customers = customers;
    this.subscriptions = subscriptions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String customerId = Optional.ofNullable(CUSTOMER_ID.from(execution)).map(String::trim).orElse("");
    Optional<CustomerRecord> customer = customerId.isEmpty() ? Optional.empty() : customers.find(customerId);
    customer.ifPresent(found -> {
      CUSTOMER_ID.set(execution, found.id());
      COMPANY_NAME.set(execution, found.companyName());
      DOMAIN_PREFIX.set(execution, found.domainPrefix());
    });
    BusinessKeys.assign(execution, BusinessKeys.of(customer.map(CustomerRecord::domainPrefix).orElse(null), customerId));
    Violations.enforce(execution, END_RELATIONSHIP_ERRORS, violations(customerId, customer), Errors.NO_RELATIONSHIP);

    List<ActiveSubscription> active = subscriptions.active(customerId);
    HAS_ACTIVE_SUBSCRIPTIONS.set(execution, !active.isEmpty());
    ACTIVE_SUBSCRIPTIONS.set(execution, active);
    // On a second pass the operator decides again, on the new list
    SUSPENSION_DECISION.remove(execution);
  }

  private static List<Violation> violations(String customerId, Optional<CustomerRecord> customer) {
    if (customerId.isEmpty()) {
      return List.of(new Violation("customerId", "required", "Name the customer whose relationship ends"));
    }
    if (customer.isEmpty()) {
      return List.of(new Violation("customerId", "customer-unknown", "No customer has the id " + customerId));
    }
    if (customer.get().relationship() != Relationship.RESELLER) {
      return List.of(new Violation("customerId", "no-relationship", customer.get().companyName() + " ("
          + customer.get().primaryDomain() + ") has no reseller relationship with us: there is nothing to end"));
    }
    return List.of();
  }
}
