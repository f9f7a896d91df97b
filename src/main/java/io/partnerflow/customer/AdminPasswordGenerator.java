package io.partnerflow.customer;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** Temporary passwords for a new tenant's admin: 16 characters from all four classes, no look-alikes. */
@Component
public class AdminPasswordGenerator {

  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "!@#$%*-_+?";
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
  static final int LENGTH = 16;

  private final SecureRandom random = new SecureRandom();

  public String generate() {
    char[] password = new char[LENGTH];
    password[0] = pick(UPPER);
    password[1] = pick(LOWER);
    password[2] = pick(DIGITS);
    password[3] = pick(SYMBOLS);
    for (int i = 4; i < LENGTH; i++) {
      password[i] = pick(ALL);
    }
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char swap = password[i];
      password[i] = password[j];
      password[j] = swap;
    }
    return new String(password);
  }

  private char pick(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
