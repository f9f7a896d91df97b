package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.*;

import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.process.BusinessKeys;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The one place an end of relationship ({@value EndRelationshipProcess#PROCESS_KEY}) starts: from
 * the customer page here, from Tasklist's start form in the engine; {@link #onStart} (the start
 * listener) runs for both and lets one run per customer at a time.
 */
@Component
public class EndRelationshipStarter {

  private final RuntimeService runtimeService;
  private final CustomerRegistry customers;

  public EndRelationshipStarter(RuntimeService runtimeService, CustomerRegistry customers) {
    this.runtimeService = runtimeService;
    this.customers = customers;
  }

  /** The customer's domain prefix, else its id as entered. */
  public static String businessKey(String domainPrefix, String customerId) {
    return BusinessKeys.of(BusinessKeys.ofDomainPrefix(domainPrefix), customerId);
  }

  public static VariableMap variables(CustomerRecord customer, String reason) {
    VariableMap v = Variables.createVariables();
    CUSTOMER_ID.putIn(v, customer.id());
    COMPANY_NAME.putIn(v, customer.companyName());
    DOMAIN_PREFIX.putIn(v, customer.domainPrefix());
    if (reason != null && !reason.isBlank()) {
      REASON.putIn(v, reason.strip());
    }
    return v;
  }

  /**
   * Starts it in the caller's transaction.
   *
   * @throws EndingAlreadyRunningException one runs for the customer already
   */
  public ProcessInstance start(CustomerRecord customer, String initiator, String reason) {
    VariableMap variables = variables(customer, reason);
    INITIATOR.putIn(variables, initiator);
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY,
        businessKey(customer.domainPrefix(), customer.id()), variables);
  }

  /**
   * Every start: locks the customer's row for the rest of the starting transaction, so two starts
   * for one customer (two tabs, a double click, Tasklist and the page) run one after the other, and
   * the second sees the first's instance and is refused. An unknown or missing customer is left to
   * "Check active subscriptions", which says so in the process.
   */
  void onStart(DelegateExecution execution) {
    String customerId = Optional.ofNullable(CUSTOMER_ID.from(execution)).map(String::strip).orElse("");
    Optional<CustomerRecord> customer = customerId.isEmpty() ? Optional.empty() : customers.lockForUpdate(customerId);
    if (customer.isPresent()) {
      // Every instance counts, whoever may read it
      Optional<String> running = Context.getCommandContext().runWithoutAuthorization(
          () -> runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
              .variableValueEquals(CUSTOMER_ID.name(), customer.get().id()).list().stream()
              .map(ProcessInstance::getId)
              .filter(id -> !id.equals(execution.getProcessInstanceId()))
              .findFirst());
      if (running.isPresent()) {
        throw new EndingAlreadyRunningException(customer.get().companyName(), running.get());
      }
    }
    if (execution.getProcessBusinessKey() == null) {
      BusinessKeys.assign(execution, businessKey(customer.map(CustomerRecord::domainPrefix).orElse(null), customerId));
    }
  }
}
