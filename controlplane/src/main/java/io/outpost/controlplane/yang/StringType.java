package io.outpost.controlplane.yang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * string (RFC 7950 §9.4) with its length and pattern restrictions, and optionally the semantics
 * of a well-known typedef (an IP prefix, a MAC address) that YANG patterns cannot fully express:
 * see {@link StringSemantics}.
 */
public record StringType(
    String name, Ranges lengths, List<YangPattern> patterns, StringSemantics semantics)
    implements StringValuedType {

  public static final Ranges BUILTIN_LENGTH =
      Ranges.of(BigDecimal.ZERO, BigDecimal.valueOf(Long.MAX_VALUE));

  /** A compiled {@code pattern} statement: an XSD regular expression, maybe inverted. */
  public record YangPattern(String xsd, Pattern regex, boolean invert, String errorMessage) {
    /**
     * Translates an XSD regular expression (the dialect of YANG patterns) to Java's. XSD patterns
     * are implicitly anchored ({@link java.util.regex.Matcher#matches()} does that) and treat
     * {@code ^} and {@code $} as ordinary characters outside brackets. XSD's {@code \i}, {@code
     * \c}, block escapes and character-class subtraction have no Java equivalent and are refused.
     */
    public static YangPattern compile(String xsd, boolean invert, String errorMessage) {
      StringBuilder java = new StringBuilder();
      int classDepth = 0;
      for (int i = 0; i < xsd.length(); i++) {
        char c = xsd.charAt(i);
        if (c == '\\' && i + 1 < xsd.length()) {
          char e = xsd.charAt(i + 1);
          if (e == 'i' || e == 'I' || e == 'c' || e == 'C'
              || (e == 'p' || e == 'P') && xsd.startsWith("{Is", i + 2)) {
            throw new IllegalArgumentException("XSD escape \\" + e + " is not supported");
          }
          java.append(c).append(e);
          i++;
        } else if (c == '[') {
          if (classDepth > 0 && i > 0 && xsd.charAt(i - 1) == '-') {
            throw new IllegalArgumentException("XSD character-class subtraction is not supported");
          }
          classDepth++;
          java.append(c);
        } else if (c == ']') {
          classDepth = Math.max(0, classDepth - 1);
          java.append(c);
        } else if ((c == '^' || c == '$') && classDepth == 0) {
          java.append('\\').append(c);
        } else {
          java.append(c);
        }
      }
      try {
        return new YangPattern(
            xsd, Pattern.compile(java.toString(), Pattern.UNICODE_CHARACTER_CLASS), invert, errorMessage);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid pattern: " + e.getDescription());
      }
    }

    boolean allows(String value) {
      return regex.matcher(value).matches() != invert;
    }
  }

  public StringType {
    patterns = List.copyOf(patterns);
  }

  /** A new type with more restrictions, as a typedef or a {@code type} statement adds them. */
  public StringType restrict(String newName, Ranges newLengths, List<YangPattern> morePatterns) {
    List<YangPattern> all = new ArrayList<>(patterns);
    all.addAll(morePatterns);
    return new StringType(newName, newLengths == null ? lengths : newLengths, all, semantics);
  }

  public StringType withSemantics(StringSemantics s) {
    return new StringType(name, lengths, patterns, s);
  }

  @Override
  public String builtin() {
    return "string";
  }

  @Override
  public Object parse(String text) throws InvalidValueException {
    check(text);
    if (semantics == null) {
      return text;
    }
    String canonical;
    try {
      canonical = semantics.canonical(text);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(e.getMessage(), true); // it had the pattern's shape
    }
    if (!canonical.equals(text)) {
      check(canonical);
    }
    return canonical;
  }

  private void check(String text) throws InvalidValueException {
    int excluded = firstExcludedCharacter(text);
    if (excluded >= 0) {
      throw new InvalidValueException(("the value contains U+%04X, which YANG strings cannot hold (RFC 7950"
          + " section 9.4: no control characters but tab, line feed and carriage return, no surrogates, no"
          + " noncharacters)").formatted(excluded));
    }
    long length = text.codePointCount(0, text.length());
    if (!lengths.contains(length)) {
      throw new InvalidValueException(
          "\"" + text + "\" has " + length + " characters; allowed: " + lengths);
    }
    for (YangPattern p : patterns) {
      if (!p.allows(text)) {
        throw new InvalidValueException(
            p.errorMessage != null
                ? "\"" + text + "\": " + p.errorMessage
                : "\"" + text + "\" is not a valid " + name);
      }
    }
  }

  /**
   * The first character outside YANG's character set (the yang-char rule of RFC 7950 section 14),
   * or -1. The value is not echoed in the message: it would carry the character to the terminal.
   */
  private static int firstExcludedCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean allowed = c == '\t' || c == '\n' || c == '\r'
          || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFDD0) || (c > 0xFDEF && (c & 0xFFFE) != 0xFFFE);
      if (!allowed) {
        return c;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  @Override
  public boolean accepts(Object value) {
    if (!(value instanceof String s)) {
      return false;
    }
    try {
      return parse(s).equals(s);
    } catch (InvalidValueException e) {
      return false;
    }
  }

  @Override
  public String describe() {
    if (semantics != null || !name.equals("string")) {
      return name;
    }
    return lengths.equals(BUILTIN_LENGTH) ? "string" : "string, length " + lengths;
  }
}
