package io.partnerflow.customerpages;

import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerDetails;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.invitation.InvitationStarter;
import io.partnerflow.relationship.EndRelationshipStarter;
import io.partnerflow.relationship.EndingAlreadyRunningException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The processes an operator starts from a customer's page ("End relationship", "Invite to connect"):
 * whether the customer allows it now, and at most one running per customer. Each start locks the
 * customer's row first ({@link CustomerRegistry#lockForUpdate}), so a double click, two tabs or two
 * operators start one instance; the second is told it runs already and where.
 */
@Component
public class CustomerProcesses {

  private static final Logger log = LoggerFactory.getLogger(CustomerProcesses.class);
  /** A lock wait that timed out (H2 gives up after its lock timeout) is tried again this often. */
  private static final int LOCK_ATTEMPTS = 3;

  /** What became of a request to start, said on the customer's page; the instance it names, if any. */
  public record Outcome(boolean started, String message, String processInstanceId) {

    static Outcome refused(String message) {
      return new Outcome(false, message, null);
    }

    static Outcome alreadyRunning(String message, String processInstanceId) {
      return new Outcome(false, message, processInstanceId);
    }
  }

  private final CustomerRegistry customers;
  private final CustomerDetails details;
  private final InvitationStarter invitations;
  private final EndRelationshipStarter endings;
  private final TransactionTemplate transaction;

  public CustomerProcesses(CustomerRegistry customers, CustomerDetails details, InvitationStarter invitations,
      EndRelationshipStarter endings, PlatformTransactionManager transactionManager) {
    this.customers = customers;
    this.details = details;
    this.invitations = invitations;
    this.endings = endings;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Whether one of the runs is a running instance of the process. */
  static boolean running(List<CustomerDetails.ProcessRun> processes, String processKey) {
    return processes.stream().anyMatch(p -> p.running() && processKey.equals(p.definitionKey()));
  }

  private static Optional<String> runningId(List<CustomerDetails.ProcessRun> processes, String processKey) {
    return processes.stream().filter(p -> p.running() && processKey.equals(p.definitionKey()))
        .map(CustomerDetails.ProcessRun::id).findFirst();
  }

  Outcome endRelationship(String customerId, String initiator, String reason) {
    try {
      return locked(customerId, "End relationship", customer -> {
        if (customer.relationship() != Relationship.RESELLER) {
          return Outcome.refused("There is no reseller relationship with " + customer.companyName() + " to end.");
        }
        // One running per customer is the start listener's rule (Tasklist's start form has it too)
        return started(customer, "End relationship", initiator, () -> endings.start(customer, initiator, reason));
      });
    } catch (EndingAlreadyRunningException e) {
      return Outcome.alreadyRunning(e.getMessage(), e.runningProcessInstanceId());
    }
  }

  /** An invitation to connect to the customer's primary contact, without delegated admin. */
  Outcome invite(String customerId, String initiator) {
    return locked(customerId, "Invite to connect", customer -> {
      if (customer.relationship() != Relationship.NONE) {
        return Outcome.refused(customer.companyName() + " already has a reseller relationship.");
      }
      Optional<ContactRecord> contact = customers.primaryContact(customer.id());
      if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
        return Outcome.refused(
            "The invitation goes to the primary contact, and there is none with an email: edit the account info first.");
      }
      Optional<String> open = runningId(details.processes(customer.id()), InvitationProcess.PROCESS_KEY);
      if (open.isPresent()) {
        return Outcome.alreadyRunning("An invitation to " + customer.companyName() + " is already open (process instance "
            + open.get() + ").", open.get());
      }
      ContactRecord admin = contact.get();
      return started(customer, "Invite to connect", initiator, () -> invitations.start(
          InvitationStarter.toContact(customer.companyName(), customer.domainPrefix(), admin.firstName(),
              admin.lastName(), admin.email(), customer.culture(), customer.language()),
          customer.id(), false, initiator));
    });
  }

  /** Runs {@code action} in one transaction that first locks the customer's row. */
  private Outcome locked(String customerId, String action, Function<CustomerRecord, Outcome> then) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> {
          CustomerRecord customer = customers.lockForUpdate(customerId)
              .orElseThrow(() -> new IllegalArgumentException("No customer " + customerId));
          return then.apply(customer);
        });
      } catch (PessimisticLockingFailureException e) {
        if (attempt >= LOCK_ATTEMPTS) {
          log.warn("{} for customer {}: the customer stayed locked", action, customerId, e);
          return Outcome.refused(action + " is being started by someone else right now: reload the page to see it.");
        }
      } catch (EndingAlreadyRunningException e) {
        throw e;
      } catch (ProcessEngineException e) {
        if (e.getCause() instanceof EndingAlreadyRunningException running) {
          throw running;
        }
        // Nothing was started: the start and its first steps share one transaction, rolled back
        log.error("{} for customer {} could not start", action, customerId, e);
        return Outcome.refused(action + " could not start: " + e.getMessage());
      }
    }
  }

  private static Outcome started(CustomerRecord customer, String action, String initiator,
      Supplier<ProcessInstance> start) {
    ProcessInstance instance = start.get();
    log.info("{} for customer {} started by {}: instance {}", action, customer.id(), initiator, instance.getId());
    return new Outcome(true, action + " started (process instance " + instance.getId() + ").", instance.getId());
  }
}
