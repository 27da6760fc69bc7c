package io.outpost.controlplane.snmp;

import io.outpost.controlplane.health.HealthMonitor;
import io.outpost.controlplane.health.HealthSubsystem;
import io.outpost.controlplane.system.ApplianceIdentity;
import io.outpost.snmp.source.SystemSource;

/** sysDescr and sysName: the product, its version, the platform, and the host name. */
public final class ApplianceSystem implements SystemSource {
  private final ApplianceIdentity identity;
  private final HealthSubsystem health;
  private final String version;

  public ApplianceSystem(ApplianceIdentity identity, HealthSubsystem health, String version) {
    this.identity = identity;
    this.health = health;
    this.version = version;
  }

  @Override
  public String description() {
    HealthMonitor m = health.monitor();
    String platform = m == null ? "an unknown platform"
        : m.profile().identity().vendor() + " " + m.profile().identity().model();
    return "Outpost " + version + " on " + platform + ", Linux "
        + System.getProperty("os.version");
  }

  @Override
  public String name() {
    return identity.hostName();
  }
}
