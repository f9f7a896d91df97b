package io.partnerflow.validation;

import java.util.regex.Pattern;

/** Formats of contact data that several features check (account info, consent signer, invitations, referrals). */
public final class ContactFormats {

  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final Pattern EMAIL = Pattern.compile(
      ATOM + "(\\." + ATOM + ")*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
  private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9 ()-]+");

  private ContactFormats() {}

  /**
   * A practical RFC 5322 subset: dot-atom local part (≤64), dotted domain of LDH labels with an
   * alphabetic TLD, no spaces or quoted strings, ≤254 characters overall.
   */
  public static boolean isValidEmail(String email) {
    if (email == null) {
      return false;
    }
    String e = email.trim();
    int at = e.lastIndexOf('@');
    return e.length() <= 254 && at > 0 && at <= 64 && EMAIL.matcher(e).matches();
  }

  /** Digits with optional leading '+', spaces, '-' and parentheses; 6–20 digits in all. */
  public static boolean isPlausiblePhone(String phone) {
    if (phone == null) {
      return false;
    }
    String p = phone.trim();
    if (!PHONE_CHARS.matcher(p).matches()) {
      return false;
    }
    long digits = p.chars().filter(Character::isDigit).count();
    return digits >= 6 && digits <= 20;
  }
}
