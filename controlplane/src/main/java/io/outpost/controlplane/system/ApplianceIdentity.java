package io.outpost.controlplane.system;

import java.time.Instant;

/**
 * Who the appliance is right now: its host name (shown in the CLI prompt and sent in syslog
 * messages) and when the daemon started. Written by the system subsystem at commit, read by
 * anyone.
 */
public final class ApplianceIdentity {
  private volatile String hostName;
  private final Instant started;

  public ApplianceIdentity(String hostName, Instant started) {
    this.hostName = hostName;
    this.started = started;
  }

  public String hostName() {
    return hostName;
  }

  void setHostName(String hostName) {
    this.hostName = hostName;
  }

  public Instant started() {
    return started;
  }
}
