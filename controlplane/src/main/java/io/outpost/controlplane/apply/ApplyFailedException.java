package io.outpost.controlplane.apply;

/** A configuration change that a subsystem refused; nothing was changed. */
public final class ApplyFailedException extends Exception {
  private final String subsystem;
  private final ApplyException cause;

  public ApplyFailedException(String subsystem, ApplyException cause) {
    super(subsystem + ": " + cause.describe(), cause);
    this.subsystem = subsystem;
    this.cause = cause;
  }

  public String subsystem() {
    return subsystem;
  }

  public ApplyException reason() {
    return cause;
  }
}
