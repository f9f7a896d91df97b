package io.partnerflow.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable tokens (256 random bits) for acceptance links, and the hash that is all we store. */
public final class InvitationTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final int TOKEN_BYTES = 32;
  static final int REFERENCE_BYTES = 16;

  private InvitationTokens() {}

  /** A new URL-safe token, 43 characters. */
  public static String newToken() {
    return random(TOKEN_BYTES);
  }

  /** A reply reference (128 random bits), quoted in the subject of invitation mails. */
  public static String newReplyReference() {
    return random(REFERENCE_BYTES);
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
