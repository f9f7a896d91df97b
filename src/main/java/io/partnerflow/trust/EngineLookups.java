package io.partnerflow.trust;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import io.partnerflow.security.WebappSession;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What the guard needs to know from the engine, read with the engine's own rights (not the
 * caller's): who calls, and of a task its assignee, form and current variables.
 */
public class EngineLookups {

  /**
   * The authenticated caller of an engine REST request; {@code apps}: the Camunda webapps a webapp
   * session may use (empty for /engine-rest).
   */
  public record Caller(String userId, boolean admin, java.util.Set<String> apps) {}

  /** A task as the guard sees it. */
  public record TaskFacts(String assignee, String formId, String processInstanceId,
      Function<String, Optional<Object>> variables) {}

  private final ObjectProvider<ProcessEngine> engineProvider;

  /** Takes a provider: filters are created with the web server, before the engine. */
  public EngineLookups(ObjectProvider<ProcessEngine> engineProvider) {
    this.engineProvider = engineProvider;
  }

  /**
   * The user of a webapp session (Tasklist, Cockpit) or, on /engine-rest, the user its
   * authentication filter (which runs first) has just checked.
   */
  Optional<Caller> caller(HttpServletRequest request) {
    ProcessEngine engine = engineProvider.getObject();
    if (request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")) {
      return WebappSession.authentication(request, engine).map(user -> new Caller(user.getIdentityId(),
          isAdmin(user.getGroupIds()),
          user.getAuthorizedApps() == null ? java.util.Set.of() : java.util.Set.copyOf(user.getAuthorizedApps())));
    }
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return Optional.empty();
    }
    return Optional.of(new Caller(current.getUserId(), isAdmin(current.getGroupIds()), java.util.Set.of()));
  }

  Optional<TaskFacts> task(String taskId) {
    ProcessEngine engine = engineProvider.getObject();
    return withEngineRights(() -> {
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      if (task == null) {
        return Optional.empty();
      }
      CamundaFormRef form = task.getCamundaFormRef();
      Function<String, Optional<Object>> variables = name -> withEngineRights(() -> {
        VariableMap values = engine.getTaskService().getVariablesTyped(taskId, List.of(name), true);
        return Optional.ofNullable(values.get(name));
      });
      return Optional.of(new TaskFacts(task.getAssignee(), form == null ? null : form.getKey(), task.getProcessInstanceId(),
          variables));
    });
  }

  Optional<String> startFormOfKey(String processKey) {
    ProcessEngine engine = engineProvider.getObject();
    return withEngineRights(() -> {
      ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(processKey).latestVersion().withoutTenantId().singleResult();
      return definition == null ? Optional.empty() : startForm(engine, definition.getId());
    });
  }

  Optional<String> startFormOfDefinition(String definitionId) {
    ProcessEngine engine = engineProvider.getObject();
    return withEngineRights(() -> {
      long exists = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(definitionId).count();
      return exists == 0 ? Optional.empty() : startForm(engine, definitionId);
    });
  }

  private static Optional<String> startForm(ProcessEngine engine, String definitionId) {
    CamundaFormRef form = engine.getFormService().getStartFormData(definitionId).getCamundaFormRef();
    return Optional.ofNullable(form).map(CamundaFormRef::getKey);
  }

  private static boolean isAdmin(java.util.Collection<String> groups) {
    return groups != null && groups.contains(Groups.CAMUNDA_ADMIN);
  }

  /** Runs without the caller's authorizations, restoring them afterwards. */
  private <T> T withEngineRights(Supplier<T> lookup) {
    IdentityService identity = engineProvider.getObject().getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

}
