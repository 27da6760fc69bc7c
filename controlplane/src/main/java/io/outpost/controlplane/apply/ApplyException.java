package io.outpost.controlplane.apply;

import io.outpost.controlplane.config.DataPath;

/** A subsystem cannot make a configuration change; the message says why. */
public final class ApplyException extends Exception {
  private final DataPath path;

  public ApplyException(String reason) {
    this(null, reason, null);
  }

  public ApplyException(DataPath path, String reason) {
    this(path, reason, null);
  }

  public ApplyException(DataPath path, String reason, Throwable cause) {
    super(reason, cause);
    this.path = path;
  }

  /** Where in the configuration the problem lies, or null if it is not one place. */
  public DataPath path() {
    return path;
  }

  /** The reason with the path in front, CLI style, where there is one. */
  public String describe() {
    return path == null || path.isRoot() ? getMessage() : path.toCli() + ": " + getMessage();
  }
}
