package io.outpost.controlplane.yang;

/**
 * What a well-known string typedef means beyond its YANG pattern: checks a pattern cannot
 * express (host bits of a prefix, octet ranges) and the canonical form (RFC 5952 for IPv6), so
 * that equal configurations compare equal. Registered by typedef name in {@link WellKnownTypes}.
 */
@FunctionalInterface
public interface StringSemantics {
  /** Returns the canonical form of {@code value}, or says why it is not valid. */
  String canonical(String value) throws InvalidValueException;
}
