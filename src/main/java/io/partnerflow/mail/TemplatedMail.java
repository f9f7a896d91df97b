package io.partnerflow.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One mail to render from {@code templates/mail/<template>.html} and {@code .txt} and send once.
 *
 * @param idempotencyKey unique per logical mail (max 200 chars); a second send with it is skipped,
 *     and it becomes the Message-ID {@code <key@partnerflow>}
 * @param to recipient address
 * @param toName recipient display name, may be null
 * @param locale language of subject and body (see {@link MailLocales})
 * @param template template name without suffix, e.g. {@code welcome}
 * @param model template variables
 * @param subjectKey message key of the subject in {@code i18n/mail}
 * @param subjectArgs arguments of the subject message, may be empty
 * @param replyTo Reply-To address, or null for none (answers then go to the sender)
 */
public record TemplatedMail(
    String idempotencyKey,
    String to,
    String toName,
    Locale locale,
    String template,
    Map<String, Object> model,
    String subjectKey,
    Object[] subjectArgs,
    String replyTo) {

  public static final int MAX_KEY_LENGTH = 200;

  public TemplatedMail {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("idempotencyKey must have 1 to 200 characters");
    }
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(subjectKey, "subjectKey");
    locale = locale != null ? locale : MailLocales.ENGLISH;
    // Not Map.copyOf: template variables may legitimately be null.
    model = Collections.unmodifiableMap(new LinkedHashMap<>(model != null ? model : Map.of()));
    subjectArgs = subjectArgs != null ? subjectArgs.clone() : new Object[0];
    replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
  }

  /** A mail without Reply-To. */
  public TemplatedMail(
      String idempotencyKey,
      String to,
      String toName,
      Locale locale,
      String template,
      Map<String, Object> model,
      String subjectKey,
      Object[] subjectArgs) {
    this(idempotencyKey, to, toName, locale, template, model, subjectKey, subjectArgs, null);
  }

  /** This mail with answers directed to {@code address}. */
  public TemplatedMail withReplyTo(String address) {
    return new TemplatedMail(
        idempotencyKey, to, toName, locale, template, model, subjectKey, subjectArgs, address);
  }
}
