package com.cspflow.credentials;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * One-time passwords for a customer's administrator: 20 characters from SecureRandom with at least one
 * upper-case letter, lower-case letter, digit and symbol (Microsoft Entra asks for three of the four classes
 * and at least 8 characters). Look-alike characters (I, l, O, 0, 1) are left out because a person types it.
 * A char[] so that the caller can wipe it once used.
 */
@Component
public class AdminPasswords {

  static final int LENGTH = 20;
  static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  static final String DIGITS = "23456789";
  static final String SYMBOLS = "!#$%&*+-=?@^_";
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

  private final SecureRandom random = new SecureRandom();

  public char[] generate() {
    char[] password = new char[LENGTH];
    password[0] = pick(UPPER);
    password[1] = pick(LOWER);
    password[2] = pick(DIGITS);
    password[3] = pick(SYMBOLS);
    for (int i = 4; i < LENGTH; i++) {
      password[i] = pick(ALL);
    }
    // The four guaranteed classes must not always sit at the start.
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char swap = password[i];
      password[i] = password[j];
      password[j] = swap;
    }
    return password;
  }

  private char pick(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
