package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.*;

import io.partnerflow.referral.ReferralProcess.Decisions;
import io.partnerflow.referral.ReferralProcess.Ids;
import io.partnerflow.testsupport.ProcessTestSupport;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Drives a referral the way Tasklist does: completes "Decide on referral" and "Record referral
 * outcome", as the operator, with what forms/decide-referral.form and referral-outcome.form submit.
 */
public final class ReferralDriver extends ProcessTestSupport {

  public ReferralDriver(ProcessEngine engine) {
    super(engine);
  }

  /** The running (or, once ended, historic) instance the referral names. */
  public ProcessInstance instance(Referral referral) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(referral.processInstanceId()).singleResult();
  }

  public void accept(ProcessInstance pi, Double dealValue, LocalDate closeDate) {
    VariableMap v = Variables.createVariables();
    DECISION.putIn(v, Decisions.ACCEPT);
    ESTIMATED_DEAL_VALUE.putIn(v, dealValue);
    ESTIMATED_CLOSE_DATE.putIn(v, closeDate == null ? null : closeDate.toString());
    complete(pi, Ids.DECIDE, v);
  }

  public void decline(ProcessInstance pi, String reason) {
    VariableMap v = Variables.createVariables();
    DECISION.putIn(v, Decisions.DECLINE);
    DECLINE_REASON.putIn(v, reason);
    complete(pi, Ids.DECIDE, v);
  }

  public void recordOutcome(ProcessInstance pi, String outcome) {
    VariableMap v = Variables.createVariables();
    OUTCOME.putIn(v, outcome);
    complete(pi, Ids.RECORD_OUTCOME, v);
  }

  /** Jobs of the instance that are due by the engine clock. */
  long dueJobs(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).executable().count();
  }
}
