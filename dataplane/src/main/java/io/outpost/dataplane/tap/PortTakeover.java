package io.outpost.dataplane.tap;

import io.outpost.dataplane.kernel.Address;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.dataplane.kernel.TunTap;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.port.PortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Hands a kernel network device to the data plane and puts a TAP mirror in its place.
 *
 * <p>The device {@code eth1} is renamed {@code phy-eth1}; a TAP named {@code eth1} with the
 * same MAC takes its name, so everything that configures or uses "eth1" (the interfaces
 * subsystem's addresses and MTU, {@code ip addr}, sockets bound to the device) now talks to the
 * mirror, and the physical device carries only the data plane's AF_PACKET traffic. The kernel
 * is kept from answering on the physical device itself: its IPv4 addresses are removed, IPv6
 * is disabled on it, it never answers ARP (arp_ignore 8) and drops what arrives on it for the
 * mirror's addresses (strict rp_filter). {@link #release} undoes all of it, and a daemon that
 * died without releasing finds {@code phy-eth1} and carries on.
 */
public final class PortTakeover {
  public static final String PREFIX = "phy-";

  private final RtNetlink netlink;
  private final Path procSys;

  public PortTakeover(RtNetlink netlink, Path procSys) {
    this.netlink = netlink;
    this.procSys = procSys;
  }

  /** The name the physical device gets. */
  public static String physicalName(String port) throws PortException {
    String name = PREFIX + port;
    if (name.length() > TunTap.MAX_NAME) {
      throw new PortException("port " + port + ": names longer than "
          + (TunTap.MAX_NAME - PREFIX.length()) + " characters cannot be data-plane ports yet");
    }
    return name;
  }

  /** A port taken over: the physical device's name and MAC, and the mirror. */
  public record Taken(String port, String physical, long mac, KernelMirror mirror) {}

  /**
   * Checks, without changing anything, that {@code port} could be taken over: its device
   * exists, under its own name or (taken over earlier) as {@code phy-PORT}.
   */
  public void check(String port) throws PortException {
    String physical = physicalName(port);
    boolean device = netlink.link(port).filter(l -> !l.kind().equals("tun")).isPresent()
        || netlink.link(physical).isPresent();
    if (!device) {
      throw new PortException("port " + port + ": no such network device (nor " + physical
          + ")");
    }
  }

  /** Takes over {@code port}; its mirror comes up with the port's MAC and MTU. */
  public Taken take(String port) throws PortException {
    String physical = physicalName(port);
    Optional<Link> current = netlink.link(port);
    Link link;
    if (current.isPresent() && !current.get().kind().equals("tun")) {
      link = current.get();
      netlink.setLinkUp(link.index(), false);
      netlink.rename(link.index(), physical);
    } else {
      link = netlink.link(physical).orElseThrow(() -> new PortException("port " + port
          + ": no such network device (nor " + physical + ")"));
    }
    int index = link.index();
    isolate(physical, index);
    netlink.setLinkUp(index, true);
    long mac = Ethernet.parse(link.mac());
    return new Taken(port, physical, mac, mirror(port, mac, link.mtu()));
  }

  /**
   * Creates the TAP mirror {@code name} with {@code mac} and {@code mtu}: a port's own, or one
   * of a VLAN sub-interface (the port's MAC, untagged frames).
   */
  public KernelMirror mirror(String name, long mac, int mtu) {
    KernelMirror mirror = KernelMirror.open(name);
    try {
      Link tap = netlink.link(name).orElseThrow();
      netlink.setLinkAddress(tap.index(), Ethernet.bytes(mac));
      netlink.setMtu(tap.index(), mtu);
      return mirror;
    } catch (RuntimeException e) {
      mirror.close();
      throw e;
    }
  }

  private void isolate(String physical, int index) throws PortException {
    for (Address a : netlink.addresses()) {
      if (a.ifindex() == index && a.address() instanceof java.net.Inet4Address) {
        netlink.deleteAddress(index, a.address(), a.prefixLength());
      }
    }
    sysctl("net/ipv6/conf/" + physical + "/disable_ipv6", "1");
    sysctl("net/ipv4/conf/" + physical + "/arp_ignore", "8");
    sysctl("net/ipv4/conf/" + physical + "/rp_filter", "1");
  }

  /** Gives the device back under its own name; the mirror goes away. */
  public void release(Taken taken) {
    taken.mirror().close();
    netlink.link(taken.physical()).ifPresent(link -> {
      netlink.setLinkUp(link.index(), false);
      netlink.rename(link.index(), taken.port());
      try {
        sysctl("net/ipv6/conf/" + taken.port() + "/disable_ipv6", "0");
        sysctl("net/ipv4/conf/" + taken.port() + "/arp_ignore", "0");
      } catch (PortException ignored) {
        // best effort on the way out
      }
      netlink.setLinkUp(link.index(), true);
    });
  }

  private void sysctl(String key, String value) throws PortException {
    try {
      Files.writeString(procSys.resolve(key), value);
    } catch (IOException e) {
      throw new PortException("cannot set " + key.replace('/', '.') + " = " + value + ": " + e, e);
    }
  }
}
