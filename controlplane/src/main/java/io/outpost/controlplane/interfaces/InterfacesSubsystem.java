package io.outpost.controlplane.interfaces;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.log.Log;
import io.outpost.dataplane.kernel.NetlinkException;
import io.outpost.dataplane.kernel.RtNetlink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code interfaces} to the kernel through rtnetlink: admin state, MTU and addresses of
 * each configured interface.
 *
 * <p>Prepare reads the kernel's links and addresses and plans every change
 * ({@link InterfacePlanner}), refusing what the device cannot take (an MTU beyond its bounds)
 * before anything is touched. Commit applies the plan; should the kernel refuse a step anyway
 * (the device vanished in between), the steps already taken are undone in reverse and the commit
 * fails, leaving the interfaces as they were.
 *
 * <p>For a data-plane port the kernel interface of that name is its TAP mirror, which carries
 * the port's addresses for the appliance's own sockets; other interfaces are the kernel's own.
 */
public final class InterfacesSubsystem implements Subsystem {
  private static final Log LOG = Log.get("interfaces");

  private final RtNetlink netlink;

  public InterfacesSubsystem(RtNetlink netlink) {
    this.netlink = netlink;
  }

  @Override
  public String name() {
    return "interfaces";
  }

  @Override
  public Set<String> reads() {
    // A data-plane port changing hands replaces the kernel device under the interface's name
    // (the TAP mirror, or the device given back), which then needs its addresses again.
    return Set.of("interfaces", "dataplane");
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    Map<String, InterfaceConfig> before = InterfaceConfig.all(running);
    Map<String, InterfaceConfig> after = InterfaceConfig.all(candidate);
    InterfacePlanner.Plan plan;
    try {
      plan = InterfacePlanner.plan(before, after, netlink.links(), netlink.addresses());
    } catch (NetlinkException e) {
      throw new ApplyException(null, "cannot read the kernel's interfaces: " + e.getMessage(), e);
    }
    return new Prepared() {
      @Override
      public void commit() throws ApplyException {
        apply(plan.changes(), after);
      }

      @Override
      public void abort() {}

      @Override
      public List<String> warnings() {
        return plan.warnings();
      }
    };
  }

  private void apply(List<KernelChange> changes, Map<String, InterfaceConfig> config) throws ApplyException {
    List<KernelChange> done = new ArrayList<>();
    for (KernelChange change : changes) {
      try {
        change.apply(netlink);
        done.add(change);
        LOG.debug("kernel interface changed", "change", change.describe());
      } catch (NetlinkException e) {
        for (int i = done.size() - 1; i >= 0; i--) {
          KernelChange undo = done.get(i).inverse();
          try {
            undo.apply(netlink);
          } catch (NetlinkException again) {
            LOG.error("cannot undo a kernel interface change", "change", undo.describe(), "error", again.getMessage());
          }
        }
        InterfaceConfig c = config.get(change.interfaceName());
        throw new ApplyException(c == null ? null : c.path(), "the kernel refused to " + change.describe()
            + ": " + e.getMessage(), e);
      }
    }
  }

  /** What the kernel says of every interface now, for {@code show interfaces}. */
  public InterfaceStatus status(ConfigTree running) {
    return InterfaceStatus.read(netlink, InterfaceConfig.all(running));
  }
}
