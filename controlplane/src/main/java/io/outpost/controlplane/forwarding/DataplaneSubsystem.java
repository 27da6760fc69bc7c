package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.tap.PortTakeover;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.controlplane.log.Log;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts, restarts and stops the data plane as {@code dataplane} (its ports, workers, ICMP
 * rate) changes. Ordered before the interfaces subsystem: taking a port over puts its TAP
 * mirror in the kernel under the port's name, and the interfaces subsystem then gives the
 * mirror the interface's addresses and MTU. VLAN sub-interfaces of ports get their mirrors
 * here too, without a restart.
 *
 * <p>Unlike most subsystems this one acts in prepare, because the mirrors must exist before the
 * interfaces subsystem plans against the kernel; abort puts the previous instance back (and
 * the service re-programs it). A change of ports or workers restarts the data plane: forwarding
 * pauses for the restart, which the engineer is told.
 */
public final class DataplaneSubsystem implements Subsystem {
  private static final Log LOG = Log.get("dataplane");

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
    // interfaces: VLAN sub-interfaces of ports get their mirrors here
    return Set.of("dataplane", "interfaces");
  }

  @Override
  public void validate(ConfigTree candidate, List<ConfigError> errors) {
    Optional<DataplaneConfig> config = DataplaneConfig.read(candidate);
    config.ifPresent(c -> {
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
    validateVlans(candidate, config.map(DataplaneConfig::ports).orElse(List.of()), errors);
  }

  /**
   * VLAN sub-interfaces are the data plane's to tag and untag: each needs a data-plane port as
   * its parent, a VLAN id not used twice on that port, and cannot itself be a port.
   */
  private static void validateVlans(ConfigTree candidate, List<String> ports,
      List<ConfigError> errors) {
    Map<String, String> seen = new HashMap<>();
    for (InterfaceConfig i : InterfaceConfig.all(candidate).values()) {
      InterfaceConfig.Vlan v = i.vlan();
      if (v == null) {
        continue;
      }
      if (ports.contains(i.name())) {
        errors.add(new ConfigError(v.path(), "a VLAN sub-interface cannot be a data-plane port;"
            + " make its parent " + v.parent() + " the port"));
      } else if (!ports.contains(v.parent())) {
        errors.add(new ConfigError(v.path(), "the parent " + v.parent() + " is not a data-plane"
            + " port; VLAN sub-interfaces are tagged by the data plane (set dataplane port "
            + v.parent() + ")"));
      }
      String other = seen.putIfAbsent(v.parent() + "/" + v.id(), i.name());
      if (other != null) {
        errors.add(new ConfigError(v.path(), "VLAN " + v.id() + " on " + v.parent()
            + " is already " + other));
      }
    }
  }

  /**
   * Says what a commit would do to the data plane and checks that its ports exist, without
   * starting, stopping or changing anything: a check must not pause forwarding.
   */
  @Override
  public Prepared check(ConfigTree running, ConfigTree candidate) throws ApplyException {
    DataplaneConfig before = DataplaneConfig.read(running).orElse(null);
    DataplaneConfig after = DataplaneConfig.read(candidate).orElse(null);
    if (after != null) {
      service.check(after);
    }
    boolean restart = before != null && after != null && !before.sameInstance(after);
    String warning = after == null ? before == null ? null
        : "the data plane would stop: transit traffic would no longer be forwarded"
        : before == null ? "the data plane would start on " + String.join(", ", after.ports())
        : restart ? "the data plane would restart on " + String.join(", ", after.ports())
            + ": forwarding would pause for the restart" : null;
    return new Prepared() {
      @Override
      public void commit() {
        throw new IllegalStateException("a check is never committed");
      }

      @Override
      public void abort() {}

      @Override
      public List<String> warnings() {
        return warning == null ? List.of() : List.of(warning);
      }
    };
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    DataplaneConfig before = DataplaneConfig.read(running).orElse(null);
    DataplaneConfig after = DataplaneConfig.read(candidate).orElse(null);
    boolean runningNow = service.current().isPresent();
    if (before != null && after != null && before.sameInstance(after) && runningNow) {
      if (before.subinterfaces().equals(after.subinterfaces())) {
        return NOTHING;
      }
      service.subinterfaces(after);
      return new Prepared() {
        @Override
        public void commit() {}

        @Override
        public void abort() {
          try {
            service.subinterfaces(before);
          } catch (ApplyException e) {
            LOG.error("cannot put the VLAN sub-interfaces back", "error", e.getMessage());
          }
        }
      };
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
