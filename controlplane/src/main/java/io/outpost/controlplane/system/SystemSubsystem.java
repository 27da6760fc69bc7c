package io.outpost.controlplane.system;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.log.LogConfigurationException;
import io.outpost.controlplane.log.LogService;
import java.util.Set;

/**
 * Applies {@code system}: the host name and where logs go. Preparing resolves every syslog
 * collector's name and opens its socket, so a collector that cannot be reached by name refuses
 * the commit instead of silently losing the logs; committing swaps the log outputs atomically.
 */
public final class SystemSubsystem implements Subsystem {
  private final LogService logService;
  private final ApplianceIdentity identity;

  public SystemSubsystem(LogService logService, ApplianceIdentity identity) {
    this.logService = logService;
    this.identity = identity;
  }

  @Override
  public String name() {
    return "system";
  }

  @Override
  public Set<String> reads() {
    return Set.of("system");
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    SystemConfig next = SystemConfig.from(candidate);
    LogService.Prepared logs;
    try {
      logs = logService.prepare(next.logging());
    } catch (LogConfigurationException e) {
      throw new ApplyException(pathFor(next, e.host()), e.getMessage(), e);
    }
    return new Prepared() {
      @Override
      public void commit() {
        logs.commit();
        identity.setHostName(next.hostName());
        logService.setHostname(next.hostName());
      }

      @Override
      public void abort() {
        logs.abort();
      }
    };
  }

  /** The syslog-server entry of {@code host}, or null. */
  private static DataPath pathFor(SystemConfig config, String host) {
    for (int i = 0; i < config.logging().targets().size(); i++) {
      if (config.logging().targets().get(i).host().equals(host)) {
        return config.targetPaths().get(i);
      }
    }
    return null;
  }
}
