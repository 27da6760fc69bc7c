package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The values on which Outpost deliberately judges differently from libyang, each with its reason.
 * Every other difference found by {@link YanglintValueTest} is a bug, in our types or in the YANG.
 */
final class ExpectedDisagreements {
  /** The form a value was read in: text (CLI, XML) or RFC 7951 JSON. */
  enum Form {
    TEXT,
    JSON
  }

  /** One value of one type, in one form, on which we and libyang differ on purpose. */
  record Expected(Form form, String type, String candidate, String reason) {}

  static final List<Expected> ALL = List.copyOf(build());

  private ExpectedDisagreements() {}

  static Expected find(Form form, String type, String candidate) {
    for (Expected e : ALL) {
      if (e.form == form && e.type.equals(type) && e.candidate.equals(candidate)) {
        return e;
      }
    }
    return null;
  }

  private static final String HOST_BITS = "a prefix with host bits set is not a network prefix: WellKnownTypes"
      + " refuses it and names the network meant, which the YANG pattern (it describes the text) cannot";

  private static final String EXPONENT = "an integer written with an exponent: RFC 7951 section 6.1 gives"
      + " integers as JSON numbers and every writer uses the plain form; libyang takes 1e2 yet refuses 100.0,"
      + " so the spelling is not one readers agree on, and we read the plain form only";

  private static final String ZERO_FRACTION = "zero written with a fraction: libyang takes 0.0 (and refuses"
      + " 100.0) for an integer whose range starts at 0; we read the plain form only, as for exponents";

  private static final String NONCHARACTER = "a noncharacter as itself in UTF-8: RFC 7950 section 9.4 excludes"
      + " noncharacters from strings, but libyang 2.1 checks raw UTF-8 for U+FFFE and U+FFFF only (it refuses"
      + " the rest when written as \\u escapes); we follow the RFC";

  private static final String SURROGATE_ESCAPES = "a character beyond the BMP written as two \\u escapes, valid"
      + " JSON (RFC 8259 section 7) that libyang 2.1 refuses; JsonWriter writes such characters as UTF-8, so no"
      + " file we write has this spelling";

  private static List<Expected> build() {
    List<Expected> all = new ArrayList<>();
    for (String type : List.of("outpost-types:ip-prefix", "outpost-types:ipv4-prefix")) {
      both(all, type, HOST_BITS, "192.0.2.1/24", "1.2.3.4/0");
    }
    for (String type : List.of("outpost-types:ip-prefix", "outpost-types:ipv6-prefix")) {
      both(all, type, HOST_BITS, "2001:db8::1/64", "::1/0");
    }
    json(all, "uint16", EXPONENT, "1e2", "68e0", "1e0");
    json(all, "uint8", EXPONENT, "1e2", "1e0");
    json(all, "uint32", EXPONENT, "1e2", "1e0", "0e0");
    json(all, "uint16", EXPONENT, "0e0");
    json(all, "outpost-types:as-number", EXPONENT, "1e2", "1e0");
    for (String type : List.of("uint16", "uint32")) {
      json(all, type, ZERO_FRACTION, "0.0");
    }
    json(all, "outpost-types:port-number", EXPONENT, "1e2", "1e0");
    // leafrefs to plain string keys (SNMP views) take whatever their target takes
    for (String type : List.of("string", "leafref")) {
      both(all, type, NONCHARACTER, "\ufdd0", "\ufdef", "\ud83f\udffe", "\udbff\udfff");
    }
    json(all, "string", SURROGATE_ESCAPES, "\"\\ud83d\\ude00\"");
    json(all, "leafref", SURROGATE_ESCAPES, "\"\\ud83d\\ude00\"");
    return all;
  }

  /** The same value refused or accepted alike in the text and the JSON form. */
  private static void both(List<Expected> into, String type, String reason, String... texts) {
    for (String t : texts) {
      into.add(new Expected(Form.TEXT, type, t, reason));
      into.add(new Expected(Form.JSON, type, JsonWriter.quote(t), reason));
    }
  }

  private static void json(List<Expected> into, String type, String reason, String... jsons) {
    for (String j : jsons) {
      into.add(new Expected(Form.JSON, type, j, reason));
    }
  }
}
