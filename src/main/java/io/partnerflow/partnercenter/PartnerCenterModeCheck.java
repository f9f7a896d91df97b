package io.partnerflow.partnercenter;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when {@code partnerflow.partner-center.mode} is neither {@code ledger} nor
 * {@code api}, naming the value and the allowed ones. Without it a typo would leave no Partner Center
 * client at all, and the start would fail later on a missing bean that says nothing of the setting.
 * Runs before any bean is created (a bean factory post-processor).
 */
@Component
public class PartnerCenterModeCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  /** What {@code partnerflow.partner-center.mode} may be (case is ignored, as the conditions do). */
  public static final List<String> MODES = List.of("ledger", "api");

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(environment.getProperty(PartnerCenterApiConfiguration.MODE));
  }

  /** @param mode the setting's value; unset means ledger */
  static void check(String mode) {
    if (mode == null || MODES.stream().anyMatch(mode.strip()::equalsIgnoreCase) && mode.strip().equals(mode)) {
      return;
    }
    throw new IllegalStateException(PartnerCenterApiConfiguration.MODE + "=" + mode + " is not a Partner Center mode:"
        + " use ledger (the local stand-in, the default) or api (Microsoft Partner Center)"
        + " (environment variable PARTNERFLOW_PARTNER_CENTER_MODE)");
  }
}
