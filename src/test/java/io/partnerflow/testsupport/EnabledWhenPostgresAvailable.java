package io.partnerflow.testsupport;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test against PostgreSQL when {@code partnerflow.postgres.tests} is {@code true} (CI: a
 * missing database then fails the test) or is {@code auto} and 127.0.0.1:5432 answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledWhenPostgresAvailable.Condition.class)
public @interface EnabledWhenPostgresAvailable {

  /** The condition behind the annotation. */
  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String mode = System.getProperty("partnerflow.postgres.tests", "auto");
      if ("true".equals(mode)) {
        return ConditionEvaluationResult.enabled("partnerflow.postgres.tests=true");
      }
      if ("auto".equals(mode) && answers("127.0.0.1", 5432)) {
        return ConditionEvaluationResult.enabled("PostgreSQL answers on 127.0.0.1:5432");
      }
      return ConditionEvaluationResult.disabled("PostgreSQL tests off (partnerflow.postgres.tests=" + mode + ")");
    }

    private static boolean answers(String host, int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
