package io.outpost.controlplane.interfaces;

import io.outpost.dataplane.kernel.RtNetlink;

/**
 * One change to the kernel's view of an interface, with its inverse, so that a commit that
 * fails halfway can put back what it already changed.
 */
sealed interface KernelChange {
  void apply(RtNetlink netlink);

  KernelChange inverse();

  /** The interface it concerns, for messages. */
  String interfaceName();

  String describe();

  record SetMtu(int ifindex, String interfaceName, int from, int to) implements KernelChange {
    @Override
    public void apply(RtNetlink netlink) {
      netlink.setMtu(ifindex, to);
    }

    @Override
    public KernelChange inverse() {
      return new SetMtu(ifindex, interfaceName, to, from);
    }

    @Override
    public String describe() {
      return "set mtu " + to + " on " + interfaceName;
    }
  }

  record SetAdminState(int ifindex, String interfaceName, boolean up) implements KernelChange {
    @Override
    public void apply(RtNetlink netlink) {
      netlink.setLinkUp(ifindex, up);
    }

    @Override
    public KernelChange inverse() {
      return new SetAdminState(ifindex, interfaceName, !up);
    }

    @Override
    public String describe() {
      return "set " + interfaceName + (up ? " up" : " down");
    }
  }

  record AddAddress(int ifindex, String interfaceName, InterfaceAddress address) implements KernelChange {
    @Override
    public void apply(RtNetlink netlink) {
      netlink.addAddress(ifindex, address.address(), address.prefixLength());
    }

    @Override
    public KernelChange inverse() {
      return new DeleteAddress(ifindex, interfaceName, address);
    }

    @Override
    public String describe() {
      return "add address " + address + " to " + interfaceName;
    }
  }

  record DeleteAddress(int ifindex, String interfaceName, InterfaceAddress address) implements KernelChange {
    @Override
    public void apply(RtNetlink netlink) {
      netlink.deleteAddress(ifindex, address.address(), address.prefixLength());
    }

    @Override
    public KernelChange inverse() {
      return new AddAddress(ifindex, interfaceName, address);
    }

    @Override
    public String describe() {
      return "delete address " + address + " from " + interfaceName;
    }
  }
}
