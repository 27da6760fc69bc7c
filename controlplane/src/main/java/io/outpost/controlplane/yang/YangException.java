package io.outpost.controlplane.yang;

/** A YANG module that cannot be read or compiled; the message starts with {@code file:line}. */
public final class YangException extends RuntimeException {
  public YangException(String where, String reason) {
    super(where + ": " + reason);
  }
}
