package io.partnerflow.process;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Business keys people can read: Tasklist searches, Cockpit's instance lists and our Finished
 * instances tab show them to tell instances apart (the customer's domain prefix, a company, a
 * sender). A key follows its source when an operator corrects it, e.g. an edited domain prefix.
 */
public final class BusinessKeys {

  /** The engine's column is 255 characters. */
  static final int MAX_LENGTH = 255;

  private BusinessKeys() {}

  /** The first non-blank candidate, trimmed and cut to fit; null when all are blank. */
  public static String of(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        String key = candidate.strip();
        return key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key;
      }
    }
    return null;
  }

  /** A domain prefix as a key: lower case, as the registry compares it. */
  public static String ofDomainPrefix(String domainPrefix) {
    String key = of(domainPrefix);
    return key == null ? null : key.toLowerCase(Locale.ROOT);
  }

  /** Sets the instance's business key to {@code key} unless it is blank or already that. */
  public static void assign(DelegateExecution execution, String key) {
    if (key != null && !key.equals(execution.getProcessBusinessKey())) {
      execution.setProcessBusinessKey(key);
    }
  }
}
