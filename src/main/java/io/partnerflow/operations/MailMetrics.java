package io.partnerflow.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.partnerflow.mail.MailSendEvents;
import io.partnerflow.mail.MailSendEvents.MailFailed;
import io.partnerflow.mail.MailSendEvents.MailSent;
import io.partnerflow.mail.TemplatedMailService;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mails sent and failed per template (failures also per reason), from {@link MailSendEvents}.
 * Counted when the SMTP server accepted the mail, whatever becomes of the job that sent it: the mail
 * went out either way. Every template's series exist from the start, at 0.
 */
@Component
class MailMetrics {

  static final String SENT = "partnerflow.mails.sent";
  static final String FAILED = "partnerflow.mails.failed";
  static final List<String> REASONS = List.of(MailSendEvents.PREPARE, MailSendEvents.SEND, MailSendEvents.DATABASE);

  private final MeterRegistry registry;

  MailMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String template : TemplatedMailService.templateNames()) {
      sent(template);
      REASONS.forEach(reason -> failed(template, reason));
    }
  }

  @EventListener
  void on(MailSent event) {
    sent(event.template()).increment();
  }

  @EventListener
  void on(MailFailed event) {
    failed(event.template(), event.reason()).increment();
  }

  private Counter sent(String template) {
    return Counter.builder(SENT).description("Mails the SMTP server accepted")
        .tag("template", template).register(registry);
  }

  private Counter failed(String template, String reason) {
    return Counter.builder(FAILED).description("Mail sends that failed (the job retries them)")
        .tag("template", template).tag("reason", reason).register(registry);
  }
}
