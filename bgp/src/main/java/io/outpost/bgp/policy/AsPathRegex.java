package io.outpost.bgp.policy;

import io.outpost.bgp.attr.AsPath;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An AS-path regular expression as Cisco and FRR write them, matched against the path's text
 * ({@code "65002 65010 {65020,65021}"}): Java regular-expression syntax plus {@code _}, which
 * matches an AS boundary (the start or end of the path, a space, a comma or a set's brace). So
 * {@code ^65002_} is "learned from 65002", {@code _65010$} "originated by 65010", {@code ^$}
 * "originated here" and {@code _6501[0-9]_} "passed through 65010 to 65019".
 */
public final class AsPathRegex {
  private static final String BOUNDARY = "(?:^|$|[ ,{}()\\[\\]])";

  private final String text;
  private final Pattern pattern;

  private AsPathRegex(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** Compiles {@code text}; IllegalArgumentException with the reason if it is not a regex. */
  public static AsPathRegex compile(String text) {
    StringBuilder java = new StringBuilder();
    boolean escaped = false;
    for (char c : text.toCharArray()) {
      if (c == '_' && !escaped) {
        java.append(BOUNDARY);
      } else {
        java.append(c);
      }
      escaped = c == '\\' && !escaped;
    }
    try {
      return new AsPathRegex(text, Pattern.compile(java.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a regular expression: "
          + e.getDescription());
    }
  }

  /** Whether the path matches somewhere (anchor with ^ and $ to match it whole). */
  public boolean matches(int[] asPath) {
    Matcher m = pattern.matcher(AsPath.toString(asPath));
    return m.find();
  }

  @Override
  public String toString() {
    return text;
  }
}
