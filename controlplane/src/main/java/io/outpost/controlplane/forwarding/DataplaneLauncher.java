package io.outpost.controlplane.forwarding;

import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.runtime.Dataplane;

/**
 * Starts a data plane for a configuration. The daemon's launcher takes the ports over with
 * AF_PACKET ({@link AfPacketLauncher}); tests may give another driver.
 */
@FunctionalInterface
public interface DataplaneLauncher {
  Dataplane start(DataplaneConfig config) throws PortException;

  /**
   * Checks, changing nothing, what {@link #start} would refuse that can be known beforehand
   * (a port that does not exist), for {@code commit check}.
   */
  default void check(DataplaneConfig config) throws PortException {}
}
