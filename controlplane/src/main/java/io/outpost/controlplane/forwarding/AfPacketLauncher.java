package io.outpost.controlplane.forwarding;

import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.dataplane.pipeline.IdleStrategy;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.port.afpacket.AfPacketDriver;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.runtime.PollingIdle;
import io.outpost.dataplane.tap.PortTakeover;
import java.nio.file.Path;

/**
 * The daemon's data planes: AF_PACKET rings, idle workers sleeping in poll(2) (rx-mode
 * interrupt) or spinning (rx-mode polling).
 */
public final class AfPacketLauncher implements DataplaneLauncher {
  private final PortTakeover takeover;

  public AfPacketLauncher(RtNetlink netlink) {
    this.takeover = new PortTakeover(netlink, Path.of("/proc/sys"));
  }

  @Override
  public Dataplane start(DataplaneConfig config) throws PortException {
    return Dataplane.start(config.ports(), new AfPacketDriver(), config.workers(), takeover,
        config.polling() ? queues -> IdleStrategy.busyPoll() : PollingIdle::new,
        config.icmpErrorRate());
  }

  @Override
  public void check(DataplaneConfig config) throws PortException {
    for (String port : config.ports()) {
      takeover.check(port);
    }
  }
}
