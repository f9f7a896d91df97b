package io.partnerflow.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerOutcome;
import io.partnerflow.invitation.InvitationAnswered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Customers' answers to invitations by channel (link, e-mail reply) and outcome, counted once the
 * transaction that took them committed (an answer taken inside a job that then rolls back is not
 * counted; its retry is). All channel and outcome series exist from the start, at 0.
 */
@Component
class InvitationAnswerMetrics {

  static final String ANSWERS = "partnerflow.invitation.answers";

  private final MeterRegistry registry;

  InvitationAnswerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (AnswerChannel channel : AnswerChannel.values()) {
      for (AnswerOutcome outcome : AnswerOutcome.values()) {
        counter(channel, outcome);
      }
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(InvitationAnswered event) {
    counter(event.channel(), event.outcome()).increment();
  }

  private Counter counter(AnswerChannel channel, AnswerOutcome outcome) {
    return Counter.builder(ANSWERS).description("Answers to invitations, by channel and what became of them")
        .tag("channel", channel.name().toLowerCase(java.util.Locale.ROOT))
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
  }
}
