package io.partnerflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Creates the groups {@code operators} (Tasklist: start and work onboarding processes) and
 * {@code managers} (Cockpit, read-only), their demo users and authorizations. Idempotent: missing
 * groups and users are created (passwords changed in Camunda Admin survive a restart); the groups'
 * grants are set to exactly what the README's "Who may do what" table says at every start.
 * {@code monitoring} (metrics and health details under /actuator) has no engine grant at all.
 */
@Component
@DependsOnDatabaseInitialization // Flyway first: the engine must not be the first to touch the schema
public class DemoUsersInitializer implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsersInitializer.class);

  public static final String OPERATORS = "operators";
  public static final String MANAGERS = "managers";
  public static final String OPERATOR = "operator";
  public static final String MANAGER = "manager";
  public static final String MONITORING = "monitoring";
  public static final String MONITOR = "monitor";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final SecurityProperties properties;

  /** Takes the guard so that it has checked the passwords before any user is created. */
  public DemoUsersInitializer(ProcessEngine processEngine, SecurityProperties properties,
      DefaultPasswordGuard passwordGuard) {
    Objects.requireNonNull(passwordGuard);
    this.identityService = processEngine.getIdentityService();
    this.authorizationService = processEngine.getAuthorizationService();
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() {
    identityService.clearAuthentication(); // run unrestricted by any user's authorizations

    group(OPERATORS, "Operators");
    group(MANAGERS, "Managers");
    group(MONITORING, "Monitoring");
    user(OPERATOR, "Demo", "Operator", "operator@partnerflow.local", properties.operatorPassword(), OPERATORS);
    user(MANAGER, "Demo", "Manager", "manager@partnerflow.local", properties.managerPassword(), MANAGERS);
    user(MONITOR, "Demo", "Monitor", "monitor@partnerflow.local", properties.monitorPassword(), MONITORING);

    // Least privilege; README "Who may do what" gives each grant its reason. Operators start
    // processes and work tasks (claim, complete: TASK_WORK); they change no instance directly, set
    // no variable outside a form's submission (trust.SubmissionGuardFilter), reassign nobody's task.
    // Forms of deployed Camunda Forms load with PROCESS_DEFINITION READ (start form) and TASK READ.
    grant(OPERATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(OPERATORS, Resources.FILTER, ANY, Permissions.READ);
    grant(OPERATORS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ);
    grant(OPERATORS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.TASK_WORK);
    // Only enforced with enableHistoricInstancePermissions; granted so that switching it on keeps working.
    grant(OPERATORS, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(OPERATORS, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);

    // Managers watch in Cockpit and change nothing: no task work or comment, no instance update or delete.
    grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(MANAGERS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(MANAGERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(MANAGERS, Resources.TASK, ANY, TaskPermissions.READ);
    grant(MANAGERS, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(MANAGERS, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
  }

  private void group(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType(Groups.GROUP_TYPE_WORKFLOW);
    identityService.saveGroup(group);
    LOG.info("Created group {}", id);
  }

  private void user(String id, String firstName, String lastName, String email, String password, String groupId) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      identityService.saveUser(user);
      LOG.info("Created user {}", id);
    }
    if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(id, groupId);
    }
  }

  /**
   * The group's grant on the resource is exactly these permissions: created if missing, and
   * narrowed or widened back if it differs (an earlier, wider grant does not survive an upgrade).
   */
  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .list().stream().findFirst()
        .orElseGet(() -> {
          Authorization created = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
          created.setGroupId(groupId);
          created.setResource(resource);
          created.setResourceId(resourceId);
          return created;
        });
    if (authorization.getId() != null && sameAs(authorization, resource, permissions)) {
      return;
    }
    authorization.setPermissions(new Permission[] {Permissions.NONE});
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }

  private static boolean sameAs(Authorization authorization, Resource resource, Permission... permissions) {
    java.util.Set<String> granted = java.util.Arrays.stream(authorization.getPermissions(
        org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType())))
        .map(Permission::getName).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> wanted = java.util.Arrays.stream(permissions).map(Permission::getName)
        .collect(java.util.stream.Collectors.toSet());
    return granted.equals(wanted);
  }
}
