package io.outpost.controlplane.config;

/**
 * One reason a configuration is refused: where (a path into the tree, as far as it could be
 * followed) and why, in words an engineer can act on.
 */
public record ConfigError(DataPath path, String message) {
  /** {@code interfaces interface eth0 mtu: 70000 is out of range 68..65535}. */
  public String describe() {
    return path.isRoot() ? message : path.toCli() + ": " + message;
  }

  /** The same with the instance-identifier of NETCONF/RESTCONF error-path. */
  public String describeInstance() {
    return path.toInstanceIdentifier() + ": " + message;
  }

  @Override
  public String toString() {
    return describe();
  }
}
