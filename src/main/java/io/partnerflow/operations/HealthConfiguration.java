package io.partnerflow.operations;

import io.partnerflow.mail.MailboxPoller;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The health components readiness is made of besides Boot's own ({@code readinessState}, {@code db}):
 * {@code jobExecutor}, {@code mail} and {@code mailPollers} (one child per IMAP poller). Component
 * names are the bean names without "HealthIndicator"/"HealthContributor"; the groups are in
 * application.yml ({@code management.endpoint.health.group.readiness}).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

  /** Named like Boot's mail check, which then backs off: ours only connects, and caches. */
  @Bean
  HealthIndicator mailHealthIndicator(JavaMailSender sender, OperationsProperties properties) {
    String host = sender instanceof JavaMailSenderImpl impl ? impl.getHost() : null;
    int port = sender instanceof JavaMailSenderImpl impl ? smtpPort(impl) : -1;
    return new SmtpHealthIndicator(host, port, properties.smtpConnectTimeout(), properties.smtpCheckCacheFor(),
        Clock.systemUTC());
  }

  /** Named like the starter's check, which then backs off (see {@link JobExecutorHealthIndicator}). */
  @Bean
  HealthIndicator jobExecutorHealthIndicator(ProcessEngine engine, CamundaBpmProperties camunda) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return new JobExecutorHealthIndicator(configuration.getJobExecutor(), camunda.getJobExecution().isEnabled());
  }

  @Bean
  HealthContributor mailPollersHealthContributor(ObjectProvider<MailboxPoller> pollers, OperationsProperties properties) {
    Map<String, HealthIndicator> byName = new LinkedHashMap<>();
    pollers.orderedStream().forEach(poller ->
        byName.put(poller.polling().name(), new MailPollerHealth(poller.polling(), properties.pollerStaleIntervals())));
    return CompositeHealthContributor.fromMap(byName);
  }

  /** The configured port, or the protocol's default when none is set (JavaMail's -1). */
  private static int smtpPort(JavaMailSenderImpl sender) {
    if (sender.getPort() > 0) {
      return sender.getPort();
    }
    return "smtps".equalsIgnoreCase(sender.getProtocol()) ? 465 : 25;
  }
}
