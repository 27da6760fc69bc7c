package io.outpost.controlplane.json;

/**
 * The {@code \}{@code uXXXX} escape that JSON and the logs' logfmt dialect share, and the test
 * for the one kind of char that cannot be written as UTF-8: a surrogate without its partner.
 */
public final class UnicodeEscapes {

  private UnicodeEscapes() {
  }

  /** Whether the char at {@code i} is a surrogate that is not half of a valid pair. */
  public static boolean isUnpairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }

  /** Appends {@code c} as a backslash, 'u' and four lower-case hex digits. */
  public static void append(StringBuilder out, char c) {
    String hex = Integer.toHexString(c);
    out.append("\\u").repeat('0', 4 - hex.length()).append(hex);
  }
}
