package io.partnerflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A message whose Message-ID comes from its idempotency key, so a resend (should one ever slip
 * through) is recognisable as the same mail by the receiving side.
 */
final class KeyedMimeMessage extends MimeMessage {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern UNSAFE_CHAR = Pattern.compile("[^A-Za-z0-9._-]");

  private final String messageId;

  /** Copies a fully built message; copying is the only way to subclass what a sender creates. */
  KeyedMimeMessage(MimeMessage source, String idempotencyKey) throws MessagingException {
    super(source);
    this.messageId = messageId(idempotencyKey);
    // Set now too: JavaMailSenderImpl re-applies the Message-ID it finds before saveChanges().
    setHeader("Message-ID", messageId);
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }

  /** {@code <key@partnerflow>}; keys with characters not allowed there get a hash suffix. */
  static String messageId(String idempotencyKey) {
    if (SAFE.matcher(idempotencyKey).matches()) {
      return "<" + idempotencyKey + "@partnerflow>";
    }
    String cleaned = UNSAFE_CHAR.matcher(idempotencyKey).replaceAll("_");
    return "<" + cleaned + "." + sha256(idempotencyKey).substring(0, 16) + "@partnerflow>";
  }

  private static String sha256(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
