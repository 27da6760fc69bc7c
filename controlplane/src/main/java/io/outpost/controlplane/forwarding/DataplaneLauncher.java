package io.outpost.controlplane.forwarding;

import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.runtime.Dataplane;

/**
 * Starts a data plane for a configuration. The daemon's launcher takes the ports over with
 * AF_PACKET; tests may give another driver.
 */
@FunctionalInterface
public interface DataplaneLauncher {
  Dataplane start(DataplaneConfig config) throws PortException;
}
