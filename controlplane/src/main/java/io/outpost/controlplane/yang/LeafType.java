package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonValue;
import java.util.List;

/**
 * The type of a leaf or leaf-list after every typedef and restriction is applied: it turns text
 * and RFC 7951 JSON into canonical Java values and back.
 *
 * <p>Java values are: {@code Long} for the integer types up to int64 and uint32, {@code
 * BigInteger} for uint64, {@code BigDecimal} for decimal64, {@code Boolean}, {@code String} for
 * string and enumeration (the enum's name), and {@link Empty#VALUE} for empty. A parsed value is
 * always canonical (for example an IPv6 address in RFC 5952 form), so two configurations mean the
 * same exactly when their values are equal.
 */
public sealed interface LeafType
    permits IntegerType, DecimalType, StringValuedType, BooleanType, EmptyType, UnionType, LeafrefType {

  /** The built-in type at the bottom of the typedef chain. */
  String builtin();

  /** The type's name as a user sees it: the outermost typedef, or the built-in. */
  String name();

  /** Parses the text form (CLI arguments, XML). */
  Object parse(String text) throws InvalidValueException;

  /**
   * Parses the argument of a {@code default} statement in a module: the text form, except that
   * integers may also be written in hexadecimal or octal there (RFC 7950 section 9.2.1).
   */
  default Object parseDefault(String text) throws InvalidValueException {
    return parse(text);
  }

  /** Reads the RFC 7951 JSON form, which is stricter about JSON types than the text form. */
  Object fromJson(JsonValue json) throws InvalidValueException;

  /** Writes the RFC 7951 JSON form of a value of this type. */
  JsonValue toJson(Object value);

  /** The canonical text form of a value of this type. */
  String format(Object value);

  /** Whether a Java value is a valid value of this type (used to pick a union member). */
  boolean accepts(Object value);

  /** One line for the CLI's '?' help, e.g. {@code uint16 68..9216}. */
  String describe();

  /** Values to offer on tab completion (enum names, true/false); empty where free-form. */
  default List<String> completions() {
    return List.of();
  }

  /** The singleton value of leaves of type {@code empty}. */
  enum Empty {
    VALUE
  }
}
