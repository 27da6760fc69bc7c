package io.outpost.controlplane.apply;

import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import java.util.List;
import java.util.Set;

/**
 * One part of the appliance that configuration drives (system settings, interfaces, routing,
 * later BGP, firewall, SNMP ...), in the shape of a two-phase-commit participant.
 *
 * <p>Like BIRD's {@code reconfigure(old, new)}, a subsystem changes itself in place from the old
 * configuration to the new one and restarts only what must restart. A commit asks every
 * subsystem whose configuration changed to {@link #prepare} — do everything that can fail,
 * touch nothing that others can see — and then, only if all of them prepared, to
 * {@link Prepared#commit} each; otherwise every prepared change is {@link Prepared#abort}ed and
 * the appliance is exactly as before.
 */
public interface Subsystem {
  /** A short name for messages and logs: "interfaces". */
  String name();

  /**
   * The top-level configuration nodes (by name, e.g. "interfaces") this subsystem reads; it is
   * asked to prepare whenever any of them changes.
   */
  Set<String> reads();

  /**
   * Adds the errors of rules YANG cannot express (an IPv6 link-local gateway needs an
   * interface). Called on a candidate that satisfies the schema. Must not change anything.
   */
  default void validate(ConfigTree candidate, List<ConfigError> errors) {}

  /**
   * Prepares the change from {@code running} to {@code candidate}: allocate, resolve, check
   * against the system — everything that can fail. Must leave the running system unchanged.
   *
   * @throws ApplyException if the change cannot be made; the message says why (and the path
   *     where that is known)
   */
  Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException;

  /**
   * Prepares for {@code commit check}: like {@link #prepare}, but the result is always aborted.
   * A subsystem whose prepare acts on the system where others can see it (the data plane puts
   * its mirrors in place for the interfaces subsystem to plan against) overrides this to check
   * what it can without acting.
   */
  default Prepared check(ConfigTree running, ConfigTree candidate) throws ApplyException {
    return prepare(running, candidate);
  }

  /** Releases what the subsystem holds when the daemon stops. */
  default void close() {}

  /** A prepared change, waiting for the decision. */
  interface Prepared {
    /**
     * Makes the change visible. Should not fail: everything fallible belongs in prepare. If it
     * fails anyway, it must leave its subsystem as before the change and throw; the coordinator
     * then reverts the subsystems already committed.
     */
    void commit() throws ApplyException;

    /** Drops the prepared change; the subsystem stays as it was. */
    void abort();

    /** Things the engineer should know that do not stop the commit (an absent interface). */
    default List<String> warnings() {
      return List.of();
    }
  }

  /** A prepared change that does nothing, for subsystems with nothing to do. */
  Prepared NOTHING = new Prepared() {
    @Override
    public void commit() {}

    @Override
    public void abort() {}
  };
}
