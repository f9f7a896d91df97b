package io.partnerflow.benchmark;

import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;

/** A process driven the way Tasklist drives it: a start form, then each task's form until the end. */
interface Workload {

  String label();

  String processKey();

  /** The start form's submitted variables for the {@code sequence}-th instance of this JVM. */
  VariableMap startForm(int sequence);

  /** What the task's form submits, given the variables Tasklist loaded for it. */
  VariableMap taskForm(Task task, VariableMap formVariables);

  /** Activities with an async continuation before them: their job's creation-to-completion is measured. */
  List<String> asyncActivityIds();

  /** Fails unless every instance did its work (end event, records, mails). */
  void verify(List<String> processInstanceIds) throws Exception;
}
