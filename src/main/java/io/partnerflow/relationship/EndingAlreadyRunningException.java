package io.partnerflow.relationship;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A second end-relationship for a customer while one runs. A form-field validation error, so
 * Tasklist's start form (engine REST submit-form) answers 400 with this message, not 500.
 */
public class EndingAlreadyRunningException extends FormFieldValidationException {

  private final String runningProcessInstanceId;

  public EndingAlreadyRunningException(String companyName, String runningProcessInstanceId) {
    super(EndRelationshipProcess.CUSTOMER_ID.name(), "Ending the relationship with " + companyName
        + " is already in progress (process instance " + runningProcessInstanceId + "): work on that one.");
    this.runningProcessInstanceId = runningProcessInstanceId;
  }

  public String runningProcessInstanceId() {
    return runningProcessInstanceId;
  }
}
