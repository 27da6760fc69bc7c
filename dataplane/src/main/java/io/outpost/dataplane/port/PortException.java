package io.outpost.dataplane.port;

/** A port could not be opened or configured; the message names the port and the reason. */
public final class PortException extends Exception {
  public PortException(String message) {
    super(message);
  }

  public PortException(String message, Throwable cause) {
    super(message, cause);
  }
}
