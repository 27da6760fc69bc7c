package io.outpost.controlplane.log;

import java.util.LinkedHashMap;
import java.util.Map;

/** Field values that break naive escaping, shared by the round-trip tests of both formats. */
final class TrickyValues {

  private TrickyValues() {
  }

  /** Key to value; every key is already a valid key, so it comes back unchanged. */
  static Map<String, String> all() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("empty", "");
    values.put("space", "two words");
    values.put("quote", "say \"hi\"");
    values.put("lone_quote", "\"");
    values.put("backslash", "C:\\temp\\new");
    values.put("trailing_backslash", "ends with \\");
    values.put("equals", "a=b");
    values.put("newline", "line one\nline two");
    values.put("crlf", "a\r\nb");
    values.put("tab", "a\tb");
    values.put("nul", "a\u0000b");
    values.put("escape", "\u001b[31mred\u001b[0m");
    values.put("delete", "a\u007fb");
    values.put("c1_control", "a\u0085b");
    values.put("line_separator", "a\u2028b\u2029c");
    values.put("unicode", "Grüße, Zürich — 東京");
    values.put("emoji", "ok \uD83D\uDE80");
    values.put("lone_high_surrogate", "x\uD83Dy");
    values.put("lone_low_surrogate", "\uDE80");
    values.put("nbsp", "a\u00a0b");
    values.put("the_word_null", "null");
    values.put("digits", "0017");
    values.put("brace", "{\"json\":true}");
    return values;
  }

  /** The same as alternating key-values for {@link Log} calls. */
  static Object[] asKeyValues() {
    Map<String, String> values = all();
    Object[] keyValues = new Object[values.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      keyValues[i++] = entry.getKey();
      keyValues[i++] = entry.getValue();
    }
    return keyValues;
  }
}
