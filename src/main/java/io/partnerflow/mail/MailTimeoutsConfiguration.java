package io.partnerflow.mail;

import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Puts {@link SmtpTimeouts} on every mail sender, ours (embedded server) or Spring Boot's
 * ({@code spring.mail.*}), and refuses to start when a mail job could outlast its lock.
 */
@Configuration(proxyBeanMethods = false)
public class MailTimeoutsConfiguration {

  static final String LOCK_TIME_PROPERTY = "camunda.bpm.job-execution.lock-time-in-millis";
  /** Camunda's own default, when the property is not set. */
  static final long CAMUNDA_DEFAULT_LOCK_TIME_MILLIS = 300_000;
  /** What a mail job does besides the send: render, read and write the database. */
  static final Duration DATABASE_WORK = Duration.ofSeconds(10);

  @Bean
  static BeanPostProcessor smtpTimeoutsOnMailSenders(Environment environment) {
    SmtpTimeouts timeouts = timeouts(environment);
    checkLockTime(timeouts, environment.getProperty(LOCK_TIME_PROPERTY, Long.class, CAMUNDA_DEFAULT_LOCK_TIME_MILLIS));
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JavaMailSenderImpl sender) {
          timeouts.applyTo(sender);
        }
        return bean;
      }
    };
  }

  static SmtpTimeouts timeouts(Environment environment) {
    return Binder.get(environment).bind(SmtpTimeouts.PREFIX, SmtpTimeouts.class).orElse(SmtpTimeouts.DEFAULTS);
  }

  /**
   * A job is locked from its acquisition; it may first wait in the executor's queue behind a send
   * on the same thread, then send itself. If it outlasted its lock, another node could run it
   * again at the same time.
   */
  static void checkLockTime(SmtpTimeouts timeouts, long lockTimeMillis) {
    Duration needed = timeouts.sendDeadline().multipliedBy(2).plus(DATABASE_WORK);
    if (Duration.ofMillis(lockTimeMillis).compareTo(needed) < 0) {
      throw new IllegalStateException(LOCK_TIME_PROPERTY + "=" + lockTimeMillis + " is shorter than a mail job may take: "
          + "2 x " + SmtpTimeouts.PREFIX + ".send-deadline (" + timeouts.sendDeadline() + ") + " + DATABASE_WORK
          + " = " + needed.toMillis() + " ms");
    }
  }
}
