package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.tap.PortTakeover;
import java.util.List;
import java.util.Set;

/**
 * Starts, restarts and stops the data plane as {@code dataplane} (its ports, workers, ICMP
 * rate) changes. Ordered before the interfaces subsystem: taking a port over puts its TAP
 * mirror in the kernel under the port's name, and the interfaces subsystem then gives the
 * mirror the interface's addresses and MTU.
 *
 * <p>Unlike most subsystems this one acts in prepare, because the mirrors must exist before the
 * interfaces subsystem plans against the kernel; abort puts the previous instance back (and
 * the service re-programs it). A change of ports or workers restarts the data plane: forwarding
 * pauses for the restart, which the engineer is told.
 */
public final class DataplaneSubsystem implements Subsystem {
  private final DataplaneService service;

  public DataplaneSubsystem(DataplaneService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "dataplane";
  }

  @Override
  public Set<String> reads() {
    return Set.of("dataplane");
  }

  @Override
  public void validate(ConfigTree candidate, List<ConfigError> errors) {
    DataplaneConfig.read(candidate).ifPresent(c -> {
      if (c.ports().isEmpty()) {
        errors.add(new ConfigError(c.path(), "the data plane needs at least one port"));
      }
      for (String port : c.ports()) {
        try {
          PortTakeover.physicalName(port);
        } catch (PortException e) {
          errors.add(new ConfigError(c.path(), e.getMessage()));
        }
      }
    });
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    DataplaneConfig before = DataplaneConfig.read(running).orElse(null);
    DataplaneConfig after = DataplaneConfig.read(candidate).orElse(null);
    boolean runningNow = service.current().isPresent();
    if (before != null && after != null && before.sameInstance(after) && runningNow) {
      return NOTHING;
    }
    if (before == null && after == null) {
      return NOTHING;
    }
    service.switchTo(runningNow ? before : null, after);
    String warning = after == null ? "the data plane stops: transit traffic is no longer forwarded"
        : before == null ? "the data plane starts on " + String.join(", ", after.ports())
        : "the data plane restarts on " + String.join(", ", after.ports())
            + ": forwarding pauses for the restart";
    return new Prepared() {
      @Override
      public void commit() {}

      @Override
      public void abort() {
        service.restore(runningNow ? before : null);
      }

      @Override
      public List<String> warnings() {
        return List.of(warning);
      }
    };
  }
}
