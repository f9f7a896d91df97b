package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.mail.MailLocales;
import io.partnerflow.process.BusinessKeys;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The one place an invitation to connect ({@value InvitationProcess#PROCESS_KEY}) starts outside
 * Tasklist: its business key and typed start variables, for the customer page, the integration API
 * and an onboarding that found an existing tenant. Tasklist's start form submits the same
 * variables; "Validate invitation" keys every instance alike ({@link #businessKey}).
 */
@Component
public class InvitationStarter {

  private final RuntimeService runtimeService;

  public InvitationStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /**
   * An invitation to a known person of a known tenant: the language of the mail follows the
   * customer's culture, as every mail of ours does.
   */
  public static InvitationRequest toContact(String companyName, String domainPrefix, String firstName,
      String lastName, String email, String culture, String language) {
    return new InvitationRequest(companyName, domainPrefix, email, firstName, lastName, culture,
        MailLocales.resolve(culture, language).getLanguage(), null);
  }

  /** The start variables; {@code customerId} may be null (validation looks the tenant up). */
  public static VariableMap variables(InvitationRequest request, String customerId, boolean includeDelegatedAdmin) {
    VariableMap v = Variables.createVariables();
    COMPANY_NAME.putIn(v, request.companyName());
    DOMAIN_PREFIX.putIn(v, request.domainPrefix());
    if (customerId != null) {
      CUSTOMER_ID.putIn(v, customerId);
    }
    ADMIN_EMAIL.putIn(v, request.adminEmail());
    ADMIN_FIRST_NAME.putIn(v, request.adminFirstName());
    ADMIN_LAST_NAME.putIn(v, request.adminLastName());
    CULTURE.putIn(v, request.culture());
    LANGUAGE.putIn(v, request.language());
    INCLUDE_DELEGATED_ADMIN.putIn(v, includeDelegatedAdmin);
    PERSONAL_MESSAGE.putIn(v, request.personalMessage());
    return v;
  }

  /** The tenant's domain prefix, else the company. */
  public static String businessKey(String domainPrefix, String companyName) {
    return BusinessKeys.of(BusinessKeys.ofDomainPrefix(domainPrefix), companyName);
  }

  /**
   * Starts the invitation in the caller's transaction (another process's too: an onboarding that
   * found an existing tenant starts it in its own).
   *
   * @param initiator who asked for it (the authenticated user; the engine also records the start user)
   */
  public ProcessInstance start(InvitationRequest request, String customerId, boolean includeDelegatedAdmin,
      String initiator) {
    VariableMap variables = variables(request, customerId, includeDelegatedAdmin);
    INITIATOR.putIn(variables, initiator);
    return start(request, variables);
  }

  private ProcessInstance start(InvitationRequest request, VariableMap variables) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY,
        businessKey(request.domainPrefix(), request.companyName()), variables);
  }
}
