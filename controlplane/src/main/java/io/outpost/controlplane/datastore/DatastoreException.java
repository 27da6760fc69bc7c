package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A datastore operation that was refused; nothing changed. {@link Kind} says why, in the terms
 * NETCONF's error-tags will need (lock-denied, invalid-value, operation-failed).
 */
public final class DatastoreException extends Exception {
  /** Why an operation was refused. */
  public enum Kind {
    /** Another session holds a lock. */
    LOCKED,
    /** The configuration does not validate. */
    INVALID,
    /** A subsystem could not apply the change, or storage failed. */
    FAILED,
    /** The request does not make sense now (no such rollback, not the lock holder ...). */
    REFUSED
  }

  private final Kind kind;
  private final List<ConfigError> errors;

  public DatastoreException(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public DatastoreException(Kind kind, String message, List<ConfigError> errors) {
    super(errors.isEmpty() ? message
        : message + "\n" + errors.stream().map(ConfigError::describe).collect(Collectors.joining("\n")));
    this.kind = kind;
    this.errors = List.copyOf(errors);
  }

  public Kind kind() {
    return kind;
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
