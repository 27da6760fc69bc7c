package io.outpost.controlplane.yang;

/**
 * A value that its YANG type refuses; the message is the reason, ready to show to a user.
 *
 * <p>{@link #isNearMiss()} says the value had the type's shape but failed a finer check (an
 * integer out of range, a prefix with host bits set): a union reports that member's reason,
 * which is more useful than "matches no member".
 */
public final class InvalidValueException extends Exception {
  private final boolean nearMiss;

  public InvalidValueException(String reason) {
    this(reason, false);
  }

  public InvalidValueException(String reason, boolean nearMiss) {
    super(reason);
    this.nearMiss = nearMiss;
  }

  public boolean isNearMiss() {
    return nearMiss;
  }
}
