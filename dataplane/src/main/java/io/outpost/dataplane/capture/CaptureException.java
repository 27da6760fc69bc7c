package io.outpost.dataplane.capture;

/** A capture that cannot run: a bad filter, a missing device, no libpcap. The message says which. */
public final class CaptureException extends Exception {
  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
