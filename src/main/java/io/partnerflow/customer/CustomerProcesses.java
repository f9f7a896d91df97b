package io.partnerflow.customer;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.relationship.EndRelationshipProcess;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The processes an operator starts from a customer's page ("End relationship", "Invite to connect"):
 * whether the customer allows it now, and their start variables.
 */
@Component
public class CustomerProcesses {

  private static final Logger log = LoggerFactory.getLogger(CustomerProcesses.class);

  /** What became of a request to start: said to the operator on the customer's page. */
  public record Outcome(boolean started, String message) {

    static Outcome refused(String message) {
      return new Outcome(false, message);
    }
  }

  private final CustomerRegistry customers;
  private final CustomerDetails details;
  private final RuntimeService runtimeService;

  public CustomerProcesses(CustomerRegistry customers, CustomerDetails details, RuntimeService runtimeService) {
    this.customers = customers;
    this.details = details;
    this.runtimeService = runtimeService;
  }

  /** Whether one of the runs is a running instance of the process. */
  static boolean running(List<CustomerDetails.ProcessRun> processes, String processKey) {
    return processes.stream().anyMatch(p -> p.running() && processKey.equals(p.definitionKey()));
  }

  Outcome endRelationship(CustomerRecord customer, String initiator, String reason) {
    if (customer.relationship() != Relationship.RESELLER) {
      return Outcome.refused("There is no reseller relationship with " + customer.companyName() + " to end.");
    }
    if (running(details.processes(customer.id()), EndRelationshipProcess.PROCESS_KEY)) {
      return Outcome.refused("Ending the relationship with " + customer.companyName() + " is already in progress.");
    }
    VariableMap variables = Variables.createVariables();
    EndRelationshipProcess.CUSTOMER_ID.putIn(variables, customer.id());
    EndRelationshipProcess.COMPANY_NAME.putIn(variables, customer.companyName());
    EndRelationshipProcess.DOMAIN_PREFIX.putIn(variables, customer.domainPrefix());
    EndRelationshipProcess.INITIATOR.putIn(variables, initiator);
    if (reason != null && !reason.isBlank()) {
      EndRelationshipProcess.REASON.putIn(variables, reason.strip());
    }
    return start(customer, EndRelationshipProcess.PROCESS_KEY, variables, "End relationship", initiator);
  }

  /** An invitation to connect to the customer's primary contact, without delegated admin. */
  Outcome invite(CustomerRecord customer, String initiator) {
    if (customer.relationship() != Relationship.NONE) {
      return Outcome.refused(customer.companyName() + " already has a reseller relationship.");
    }
    Optional<ContactRecord> contact = customers.primaryContact(customer.id());
    if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
      return Outcome.refused(
          "The invitation goes to the primary contact, and there is none with an email: edit the account info first.");
    }
    if (running(details.processes(customer.id()), InvitationProcess.PROCESS_KEY)) {
      return Outcome.refused("An invitation to " + customer.companyName() + " is already open.");
    }
    ContactRecord admin = contact.get();
    VariableMap variables = Variables.createVariables();
    InvitationProcess.COMPANY_NAME.putIn(variables, customer.companyName());
    InvitationProcess.DOMAIN_PREFIX.putIn(variables, customer.domainPrefix());
    InvitationProcess.CUSTOMER_ID.putIn(variables, customer.id());
    InvitationProcess.ADMIN_EMAIL.putIn(variables, admin.email());
    InvitationProcess.ADMIN_FIRST_NAME.putIn(variables, admin.firstName());
    InvitationProcess.ADMIN_LAST_NAME.putIn(variables, admin.lastName());
    InvitationProcess.CULTURE.putIn(variables, customer.culture());
    InvitationProcess.LANGUAGE.putIn(variables,
        MailLocales.resolve(customer.culture(), customer.language()).getLanguage());
    InvitationProcess.INCLUDE_DELEGATED_ADMIN.putIn(variables, false);
    InvitationProcess.INITIATOR.putIn(variables, initiator);
    return start(customer, InvitationProcess.PROCESS_KEY, variables, "Invite to connect", initiator);
  }

  private Outcome start(CustomerRecord customer, String processKey, VariableMap variables, String action,
      String initiator) {
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey(processKey, variables);
      log.info("{} for customer {} started by {}: instance {}", action, customer.id(), initiator, instance.getId());
      return new Outcome(true, action + " started (process instance " + instance.getId() + ").");
    } catch (ProcessEngineException e) {
      // Nothing was started: the start and its first steps share one transaction
      log.error("{} for customer {} could not start", action, customer.id(), e);
      return Outcome.refused(action + " could not start: " + e.getMessage());
    }
  }
}
