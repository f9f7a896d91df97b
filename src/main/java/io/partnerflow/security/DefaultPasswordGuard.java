package io.partnerflow.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Only the embedded default (no Spring profile) may run with the demo passwords (password = user
 * name) of {@code admin}, {@code operator}, {@code manager} and {@code monitor}; any other profile refuses to start.
 * Both the configured passwords and the stored users are checked: the users are created once and
 * never reset, so changing a property alone does not change a password that is already stored.
 */
@Component
@DependsOnDatabaseInitialization // Flyway first: the engine must not be the first to touch the schema
public class DefaultPasswordGuard implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPasswordGuard.class);

  static final String ADMIN_PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
  static final String OPERATOR_PASSWORD_PROPERTY = "partnerflow.security.operator-password";
  static final String MANAGER_PASSWORD_PROPERTY = "partnerflow.security.manager-password";
  static final String MONITOR_PASSWORD_PROPERTY = "partnerflow.security.monitor-password";

  private final Environment environment;
  private final CamundaBpmProperties camundaProperties;
  private final SecurityProperties securityProperties;
  private final ProcessEngine processEngine;

  public DefaultPasswordGuard(Environment environment, CamundaBpmProperties camundaProperties,
      SecurityProperties securityProperties, ProcessEngine processEngine) {
    this.environment = environment;
    this.camundaProperties = camundaProperties;
    this.securityProperties = securityProperties;
    this.processEngine = processEngine;
  }

  @Override
  public void afterPropertiesSet() {
    check();
  }

  /**
   * Throws {@link IllegalStateException} when a profile is active and a demo password is configured
   * or stored; without a profile it only warns.
   */
  public void check() {
    Map<String, String> properties = passwordPropertiesByUser();
    List<String> configured = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    properties.forEach((userId, property) -> {
      if (userId.equals(configuredPassword(userId))) {
        configured.add(userId);
      }
      if (storedPasswordIs(userId, userId)) {
        stored.add(userId);
      }
    });
    if (configured.isEmpty() && stored.isEmpty()) {
      return;
    }

    List<String> profiles = activeProfiles();
    if (profiles.isEmpty()) {
      LOG.warn("Demo passwords in use (password = user name) for {}: fine for the embedded default, "
          + "never for a shared installation", union(configured, stored));
      return;
    }

    StringBuilder message = new StringBuilder("Refusing to start with profile(s) ")
        .append(profiles).append(": demo passwords (password = user name) are still in use.");
    if (!configured.isEmpty()) {
      message.append(" Configured for user(s) ").append(configured).append(": set ")
          .append(String.join(", ", configured.stream().map(properties::get).toList()))
          .append(" (e.g. as environment variables).");
    }
    if (!stored.isEmpty()) {
      message.append(" Stored in the database for user(s) ").append(stored)
          .append(": existing users keep their password whatever the properties say; change it in "
              + "Camunda Admin or the REST API (PUT /engine-rest/user/{id}/credentials).");
    }
    if (configured.isEmpty()) {
      message.append(" (").append(ADMIN_PASSWORD_PROPERTY).append(", ").append(OPERATOR_PASSWORD_PROPERTY)
          .append(", ").append(MANAGER_PASSWORD_PROPERTY).append(" and ").append(MONITOR_PASSWORD_PROPERTY)
          .append(" only apply when a user is created.)");
    }
    throw new IllegalStateException(message.toString());
  }

  private List<String> activeProfiles() {
    return Arrays.stream(environment.getActiveProfiles()).filter(p -> !"default".equals(p)).toList();
  }

  private Map<String, String> passwordPropertiesByUser() {
    Map<String, String> byUser = new LinkedHashMap<>();
    AdminUserProperty admin = camundaProperties.getAdminUser();
    if (admin != null && admin.getId() != null) {
      byUser.put(admin.getId(), ADMIN_PASSWORD_PROPERTY);
    }
    byUser.put(DemoUsersInitializer.OPERATOR, OPERATOR_PASSWORD_PROPERTY);
    byUser.put(DemoUsersInitializer.MANAGER, MANAGER_PASSWORD_PROPERTY);
    byUser.put(DemoUsersInitializer.MONITOR, MONITOR_PASSWORD_PROPERTY);
    return byUser;
  }

  private String configuredPassword(String userId) {
    AdminUserProperty admin = camundaProperties.getAdminUser();
    if (admin != null && userId.equals(admin.getId())) {
      return admin.getPassword(); // the starter falls back to the id when no password is set
    }
    if (DemoUsersInitializer.OPERATOR.equals(userId)) {
      return securityProperties.operatorPassword();
    }
    if (DemoUsersInitializer.MONITOR.equals(userId)) {
      return securityProperties.monitorPassword();
    }
    return securityProperties.managerPassword();
  }

  /**
   * Compares against the stored hash without IdentityService.checkPassword: a failed check counts
   * as a failed login and would lock the user.
   */
  private boolean storedPasswordIs(String userId, String candidate) {
    User user = processEngine.getIdentityService().createUserQuery().userId(userId).singleResult();
    if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
      return false; // missing, or an external identity provider (LDAP) that stores no hash here
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getPasswordManager()
        .check(EncryptionUtil.saltPassword(candidate, entity.getSalt()), entity.getPassword());
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(u -> !all.contains(u)).forEach(all::add);
    return all;
  }
}
