package io.outpost.controlplane.interfaces;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.dataplane.kernel.Address;
import io.outpost.dataplane.kernel.Link;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out the kernel changes that make the interfaces match a configuration, from a snapshot
 * of the kernel (links and addresses) — a pure function, so the plan can be checked in full
 * before anything is touched.
 *
 * <p>For each configured interface the configuration is the truth: MTU, admin state, and the
 * set of global addresses (link-local and host-scope addresses are the kernel's own and are left
 * alone, so configuring {@code lo} never removes 127.0.0.1). An interface that leaves the
 * configuration loses the addresses the old configuration gave it and is otherwise left as is.
 */
final class InterfacePlanner {
  /** RT_SCOPE_UNIVERSE: the only scope the appliance manages. */
  private static final int SCOPE_UNIVERSE = 0;

  /** The changes, in the order to apply them, and what the engineer should hear. */
  record Plan(List<KernelChange> changes, List<String> warnings) {}

  private InterfacePlanner() {}

  static Plan plan(Map<String, InterfaceConfig> running, Map<String, InterfaceConfig> candidate,
      List<Link> links, List<Address> addresses) throws ApplyException {
    List<KernelChange> deletes = new ArrayList<>();
    List<KernelChange> mtus = new ArrayList<>();
    List<KernelChange> adds = new ArrayList<>();
    List<KernelChange> states = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    for (InterfaceConfig want : candidate.values()) {
      Link link = find(links, want.name());
      if (link == null) {
        warnings.add("interface " + want.name() + " is not present; its configuration is applied by the first"
            + " commit or restart after it appears");
        continue;
      }
      if (link.mtu() != want.mtu()) {
        if ((link.minMtu() > 0 && want.mtu() < link.minMtu()) || (link.maxMtu() > 0 && want.mtu() > link.maxMtu())) {
          throw new ApplyException(want.path().child(mtuSchema(want)), "device " + want.name() + " takes an MTU of "
              + link.minMtu() + ".." + link.maxMtu() + ", not " + want.mtu());
        }
        mtus.add(new KernelChange.SetMtu(link.index(), link.name(), link.mtu(), want.mtu()));
      }
      if (link.adminUp() != want.enabled()) {
        states.add(new KernelChange.SetAdminState(link.index(), link.name(), want.enabled()));
      }
      Set<InterfaceAddress> have = managedAddresses(addresses, link.index());
      for (InterfaceAddress a : have) {
        if (!want.addresses().contains(a)) {
          deletes.add(new KernelChange.DeleteAddress(link.index(), link.name(), a));
        }
      }
      for (InterfaceAddress a : want.addresses()) {
        if (!have.contains(a)) {
          adds.add(new KernelChange.AddAddress(link.index(), link.name(), a));
        }
      }
    }
    for (InterfaceConfig gone : running.values()) {
      Link link = find(links, gone.name());
      if (candidate.containsKey(gone.name()) || link == null) {
        continue;
      }
      Set<InterfaceAddress> have = managedAddresses(addresses, link.index());
      for (InterfaceAddress a : gone.addresses()) {
        if (have.contains(a)) {
          deletes.add(new KernelChange.DeleteAddress(link.index(), link.name(), a));
        }
      }
    }
    // Deletes first (an address may move between interfaces), MTU before addresses, admin state last.
    List<KernelChange> all = new ArrayList<>(deletes);
    all.addAll(mtus);
    all.addAll(adds);
    all.addAll(states);
    return new Plan(all, warnings);
  }

  private static io.outpost.controlplane.yang.SchemaNode mtuSchema(InterfaceConfig c) {
    return ((io.outpost.controlplane.yang.InteriorSchema) c.path().node()).dataChild("mtu");
  }

  private static Link find(List<Link> links, String name) {
    for (Link l : links) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    return null;
  }

  static Set<InterfaceAddress> managedAddresses(List<Address> addresses, int ifindex) {
    Set<InterfaceAddress> out = new HashSet<>();
    for (Address a : addresses) {
      if (a.ifindex() == ifindex && a.scope() == SCOPE_UNIVERSE) {
        out.add(new InterfaceAddress(a.address(), a.prefixLength()));
      }
    }
    return out;
  }
}
