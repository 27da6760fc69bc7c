package io.outpost.controlplane.datastore;

import io.outpost.controlplane.config.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A datastore operation that was refused; nothing changed. {@link Kind} mirrors the NETCONF
 * error-tags the refusal maps to, so every management interface reports it the same way.
 */
public final class DatastoreException extends Exception {
  /** Why an operation was refused. */
  public enum Kind {
    /** Another session holds a lock (NETCONF lock-denied / in-use). */
    LOCKED("lock-denied"),
    /** The configuration does not validate (NETCONF invalid-value). */
    INVALID("invalid-value"),
    /** A subsystem could not apply the change, or storage failed (NETCONF operation-failed). */
    FAILED("operation-failed"),
    /** The request does not make sense now (NETCONF operation-not-supported / bad state). */
    REFUSED("operation-failed");

    private final String netconfTag;

    Kind(String netconfTag) {
      this.netconfTag = netconfTag;
    }

    public String netconfTag() {
      return netconfTag;
    }
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
