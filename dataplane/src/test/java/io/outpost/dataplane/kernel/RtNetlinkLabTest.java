package io.outpost.dataplane.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link RtNetlink} against the real kernel, in two fresh network namespaces: "left" holds a
 * dummy link (ifb on kernels without dummy, see {@link TestNamespace#addDummyLink}) and one end of
 * a veth pair, "right" holds the other end, so that a ping from left to right crosses the pair.
 * Needs root; the root namespace is never touched. iproute2 builds the topology and, where it
 * says, confirms what the client changed.
 */
@Tag("lab")
class RtNetlinkLabTest {
  private static final String DUMMY_MAC = "02:00:5e:00:53:01";
  private static final String VETH0_MAC = "02:00:5e:00:53:02";
  private static final String VETH1_MAC = "02:00:5e:00:53:03";

  private String dummyKind;
  private TestNamespace left;
  private TestNamespace right;
  private RtNetlink leftClient;
  private RtNetlink rightClient;

  @BeforeEach
  void createNamespaces() {
    left = TestNamespace.create();
    right = TestNamespace.create();
    dummyKind = left.addDummyLink("dummy0", DUMMY_MAC);
    left.ip(
        "link", "add", "veth0", "address", VETH0_MAC, "type", "veth",
        "peer", "name", "veth1", "address", VETH1_MAC, "netns", right.name());
    leftClient = RtNetlink.openInNamespace(left.file());
    rightClient = RtNetlink.openInNamespace(right.file());
  }

  @AfterEach
  void deleteNamespaces() {
    try {
      if (leftClient != null) {
        leftClient.close();
      }
      if (rightClient != null) {
        rightClient.close();
      }
    } finally {
      try {
        if (left != null) {
          left.close();
        }
      } finally {
        if (right != null) {
          right.close();
        }
      }
    }
  }

  @Test
  void listsLinksWithKindMtuBoundsAndMac() {
    List<Link> links = leftClient.links();

    assertEquals(
        Set.of("lo", "dummy0", "veth0"),
        links.stream().map(Link::name).collect(Collectors.toSet()));
    Link lo = find(links, "lo");
    assertEquals("", lo.kind());
    assertEquals(65536, lo.mtu());
    assertEquals("00:00:00:00:00:00", lo.mac());
    Link dummy = find(links, "dummy0");
    assertEquals(dummyKind, dummy.kind());
    assertEquals(0, dummy.minMtu());
    assertEquals(0, dummy.maxMtu(), "no upper bound");
    assertEquals(1500, dummy.mtu());
    assertEquals(DUMMY_MAC, dummy.mac());
    assertEquals(indexFromIproute(left, "dummy0"), dummy.index());
    Link veth = find(links, "veth0");
    assertEquals("veth", veth.kind());
    assertEquals(1500, veth.mtu());
    assertEquals(68, veth.minMtu());
    assertEquals(65535, veth.maxMtu());
    assertEquals(VETH0_MAC, veth.mac());
    assertEquals(indexFromIproute(left, "veth0"), veth.index());
    assertFalse(veth.adminUp());
    assertEquals("down", veth.operState());
  }

  @Test
  void findsOneLinkByName() {
    Link veth = leftClient.link("veth0").orElseThrow();

    assertEquals(find(leftClient.links(), "veth0"), veth);
    assertTrue(leftClient.link("eth7").isEmpty());
    assertTrue(rightClient.link("veth0").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> leftClient.link("sixteen-chars-xx"));
  }

  @Test
  void setsLinksUpAndDownAndReportsOperState() {
    int dummy = index(leftClient, "dummy0");
    int veth0 = index(leftClient, "veth0");
    int veth1 = index(rightClient, "veth1");

    leftClient.setLinkUp(dummy, true);
    leftClient.setLinkUp(veth0, true);

    assertTrue(leftClient.link("dummy0").orElseThrow().adminUp());
    assertTrue(left.ip("link", "show", "dummy0").contains("<BROADCAST,NOARP,UP,LOWER_UP>"));
    awaitOperState(leftClient, "dummy0", "unknown"); // it has no carrier to report
    Link vethWithPeerDown = leftClient.link("veth0").orElseThrow();
    assertTrue(vethWithPeerDown.adminUp(), "administratively up...");
    assertEquals("down", vethWithPeerDown.operState(), "...but no carrier without its peer");

    rightClient.setLinkUp(veth1, true);
    awaitOperState(leftClient, "veth0", "up");

    leftClient.setLinkUp(dummy, false);
    assertFalse(leftClient.link("dummy0").orElseThrow().adminUp());
    awaitOperState(leftClient, "dummy0", "down");
    assertTrue(leftClient.link("veth0").orElseThrow().adminUp(), "other links untouched");
  }

  @Test
  void setsMtuAndReadsItBack() {
    int veth0 = index(leftClient, "veth0");

    leftClient.setMtu(veth0, 9000);

    assertEquals(9000, leftClient.link("veth0").orElseThrow().mtu());
    assertTrue(left.ip("link", "show", "veth0").contains(" mtu 9000 "));
  }

  @Test
  void refusesMtuAboveTheMaximumWithEinval() {
    Link veth = leftClient.link("veth0").orElseThrow();

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> leftClient.setMtu(veth.index(), veth.maxMtu() + 1));

    assertEquals(Errno.EINVAL, e.errno());
    assertEquals("EINVAL", e.errnoName());
    assertTrue(
        e.getMessage()
            .startsWith(
                "RTM_NEWLINK ifindex " + veth.index() + " mtu 65536: Invalid argument (EINVAL)"),
        e.getMessage());
    assertFalse(e.kernelMessage().isEmpty(), "the kernel explains an MTU refusal");
    assertEquals(1500, leftClient.link("veth0").orElseThrow().mtu());
  }

  @Test
  void addsAndDeletesIpv4AndIpv6Addresses() throws IOException {
    int dummy = index(leftClient, "dummy0");
    InetAddress v4 = InetAddress.getByName("192.0.2.1");
    InetAddress v6 = InetAddress.getByName("2001:db8::1");

    leftClient.addAddress(dummy, v4, 24);
    leftClient.addAddress(dummy, v6, 64);

    List<Address> added = addressesOf(leftClient, dummy);
    assertEquals(2, added.size(), added.toString());
    Address ipv4 = added.stream().filter(a -> a.address().equals(v4)).findFirst().orElseThrow();
    assertEquals(24, ipv4.prefixLength());
    assertEquals(0, ipv4.scope(), "universe");
    Address ipv6 = added.stream().filter(a -> a.address().equals(v6)).findFirst().orElseThrow();
    assertEquals(64, ipv6.prefixLength());
    assertEquals(0, ipv6.scope(), "universe");
    assertTrue((ipv6.flags() & 0x80) != 0, "IFA_F_PERMANENT: added by hand, not autoconfigured");
    String shown = left.ip("address", "show", "dev", "dummy0");
    assertTrue(shown.contains("inet 192.0.2.1/24 "), shown);
    assertTrue(shown.contains("inet6 2001:db8::1/64 "), shown);

    leftClient.deleteAddress(dummy, v4, 24);
    leftClient.deleteAddress(dummy, v6, 64);

    assertEquals(List.of(), addressesOf(leftClient, dummy));
    String after = left.ip("address", "show", "dev", "dummy0");
    assertFalse(after.contains("192.0.2.1") || after.contains("2001:db8::1"), after);
  }

  @Test
  void refusesAnAddressTwiceWithEexist() throws IOException {
    int dummy = index(leftClient, "dummy0");
    InetAddress v4 = InetAddress.getByName("192.0.2.1");
    InetAddress v6 = InetAddress.getByName("2001:db8::1");
    leftClient.addAddress(dummy, v4, 24);
    leftClient.addAddress(dummy, v6, 64);

    NetlinkException again4 =
        assertThrows(NetlinkException.class, () -> leftClient.addAddress(dummy, v4, 24));
    NetlinkException again6 =
        assertThrows(NetlinkException.class, () -> leftClient.addAddress(dummy, v6, 64));

    assertEquals(Errno.EEXIST, again4.errno());
    assertTrue(
        again4
            .getMessage()
            .startsWith("RTM_NEWADDR ifindex " + dummy + " 192.0.2.1/24: File exists (EEXIST)"),
        again4.getMessage());
    assertEquals(Errno.EEXIST, again6.errno());
    assertEquals(2, addressesOf(leftClient, dummy).size());
  }

  @Test
  void refusesToDeleteAnAbsentAddressWithEaddrnotavail() throws IOException {
    int dummy = index(leftClient, "dummy0");

    NetlinkException e =
        assertThrows(
            NetlinkException.class,
            () -> leftClient.deleteAddress(dummy, InetAddress.getByName("198.51.100.7"), 24));

    assertEquals(Errno.EADDRNOTAVAIL, e.errno());
  }

  @Test
  void countsThePacketsOfAPingAcrossTheVethPair() throws IOException {
    int veth0 = index(leftClient, "veth0");
    int veth1 = index(rightClient, "veth1");
    leftClient.addAddress(veth0, InetAddress.getByName("198.51.100.1"), 30);
    rightClient.addAddress(veth1, InetAddress.getByName("198.51.100.2"), 30);
    leftClient.setLinkUp(veth0, true);
    rightClient.setLinkUp(veth1, true);
    LinkStats leftBefore = leftClient.link("veth0").orElseThrow().stats();
    LinkStats rightBefore = rightClient.link("veth1").orElseThrow().stats();

    String ping = left.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "198.51.100.2");

    assertTrue(ping.contains("3 received"), ping);
    LinkStats leftAfter = leftClient.link("veth0").orElseThrow().stats();
    LinkStats rightAfter = rightClient.link("veth1").orElseThrow().stats();
    // At least the three echo requests and replies; ARP adds its own.
    assertTrue(leftAfter.txPackets() - leftBefore.txPackets() >= 3, leftAfter.toString());
    assertTrue(leftAfter.rxPackets() - leftBefore.rxPackets() >= 3, leftAfter.toString());
    assertTrue(leftAfter.txBytes() - leftBefore.txBytes() >= 3 * 98, leftAfter.toString());
    assertTrue(rightAfter.rxPackets() - rightBefore.rxPackets() >= 3, rightAfter.toString());
    assertEquals(0, leftAfter.txErrors() + leftAfter.rxErrors());
  }

  @Test
  void readsADumpThatSpansManyDatagrams() {
    // A link message is over a kilobyte and the kernel puts at most 32 KiB in a datagram, so
    // 60 links take several.
    String batch =
        IntStream.range(0, 60)
            .mapToObj(i -> "link add bulk" + i + " type " + dummyKind + "\n")
            .collect(Collectors.joining());
    left.ipBatch(batch);

    List<Link> links = leftClient.links();

    assertEquals(63, links.size());
    assertEquals(
        IntStream.range(0, 60).mapToObj(i -> "bulk" + i).collect(Collectors.toSet()),
        links.stream()
            .map(Link::name)
            .filter(name -> name.startsWith("bulk"))
            .collect(Collectors.toSet()));
    assertEquals(links.size(), Set.copyOf(links.stream().map(Link::index).toList()).size());
  }

  @Test
  void opensInANamespaceWithoutMovingTheCallingThread() throws IOException {
    Path own = Path.of("/proc/thread-self/ns/net");
    Path before = Files.readSymbolicLink(own);

    try (RtNetlink client = RtNetlink.openInNamespace(right.file())) {
      assertEquals(Set.of("lo", "veth1"), names(client.links()));
    }

    assertEquals(before, Files.readSymbolicLink(own));
    assertNotEquals(
        Files.getAttribute(own, "unix:ino"), Files.getAttribute(right.file(), "unix:ino"));
  }

  @Test
  void failsToOpenAMissingNamespaceWithEnoent() {
    NetlinkException e =
        assertThrows(
            NetlinkException.class,
            () -> RtNetlink.openInNamespace(Path.of("/run/netns/outpost-no-such-namespace")));

    assertEquals(Errno.ENOENT, e.errno());
  }

  /**
   * Waits for the kernel's link watcher, which sets the operational state shortly after a change
   * of administrative state or carrier, not within the request.
   */
  private static void awaitOperState(RtNetlink client, String name, String expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String state = client.link(name).orElseThrow().operState();
    while (!state.equals(expected) && deadline - System.nanoTime() > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      state = client.link(name).orElseThrow().operState();
    }
    assertEquals(expected, state, name + " operState");
  }

  private static Link find(List<Link> links, String name) {
    return links.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private static int index(RtNetlink client, String name) {
    return client.link(name).orElseThrow().index();
  }

  private static Set<String> names(List<Link> links) {
    return links.stream().map(Link::name).collect(Collectors.toSet());
  }

  private static List<Address> addressesOf(RtNetlink client, int ifindex) {
    return client.addresses().stream().filter(a -> a.ifindex() == ifindex).toList();
  }

  /** The index iproute2 shows first on the line: "5: veth0@if4: <...". */
  private static int indexFromIproute(TestNamespace namespace, String name) {
    String line = namespace.ip("-o", "link", "show", name);
    return Integer.parseInt(line.substring(0, line.indexOf(':')));
  }

  @Test
  void installsReplacesAndDeletesRoutesAsIpRouteShowsThem() throws Exception {
    int veth0 = veth0Up("192.0.2.1/24");
    KernelRoute via = unicast("203.0.113.0/24", veth0, "192.0.2.9");
    leftClient.replaceRoute(via);
    leftClient.replaceRoute(via); // idempotent
    assertEquals("203.0.113.0/24 via 192.0.2.9 dev veth0 proto static metric 20 linkdown",
        left.ip("route", "show", "203.0.113.0/24").strip());
    KernelRoute drop = new KernelRoute(InetAddress.getByName("203.0.113.0"), 24,
        KernelRoute.Type.BLACKHOLE, List.of());
    leftClient.replaceRoute(drop);
    assertEquals("blackhole 203.0.113.0/24 proto static metric 20",
        left.ip("route", "show", "203.0.113.0/24").strip(), "replaced, not added beside");
    KernelRoute v6 = new KernelRoute(InetAddress.getByName("2001:db8:99::"), 48,
        KernelRoute.Type.PROHIBIT, List.of());
    leftClient.replaceRoute(v6);
    assertTrue(left.ip("-6", "route", "show", "2001:db8:99::/48").startsWith(
        "prohibit 2001:db8:99::/48 dev lo proto static metric 20"));
    left.ip("route", "add", "198.18.0.0/15", "dev", "veth0", "proto", "static", "metric", "20");
    left.ip("route", "add", "198.20.0.0/16", "dev", "veth0", "proto", "boot", "metric", "20");
    assertEquals(Set.of("203.0.113.0/24", "2001:db8:99:0:0:0:0:0/48", "198.18.0.0/15"),
        leftClient.ownRoutes().stream().map(Object::toString).collect(Collectors.toSet()),
        "protocol static, metric 20, main table: not the proto boot route beside them");
    assertTrue(leftClient.deleteRoute(drop.key()));
    assertTrue(leftClient.deleteRoute(v6.key()));
    assertEquals("", left.ip("route", "show", "203.0.113.0/24").strip());
    assertFalse(leftClient.deleteRoute(drop.key()), "gone already: ESRCH is no error");
  }

  /** IPv4 routes through IPv6 gateways (BGP's RFC 8950 routes) go to the kernel as RTA_VIA. */
  @Test
  void installsIpv4RoutesThroughIpv6GatewaysAsIpRouteShowsThem() throws Exception {
    int veth0 = veth0Up("192.0.2.1/24", "2001:db8:5::1/64");
    KernelRoute one = unicast("203.0.113.0/24", veth0, "2001:db8:5::9");
    leftClient.replaceRoute(one);
    assertTrue(left.ip("route", "show", "203.0.113.0/24").strip().startsWith(
        "203.0.113.0/24 via inet6 2001:db8:5::9 dev veth0 proto static metric 20"),
        left.ip("route", "show", "203.0.113.0/24"));
    KernelRoute two = unicast("198.51.100.0/24", veth0, "2001:db8:5::9", "192.0.2.9");
    leftClient.replaceRoute(two);
    String multipath = left.ip("route", "show", "198.51.100.0/24");
    assertTrue(multipath.contains("nexthop via inet6 2001:db8:5::9 dev veth0")
        && multipath.contains("nexthop via 192.0.2.9 dev veth0"), multipath);
    assertTrue(leftClient.deleteRoute(one.key()));
    assertTrue(leftClient.deleteRoute(two.key()));
  }

  /** veth0 of the left namespace with {@code addresses} (address/length), up; its index. */
  private int veth0Up(String... addresses) throws Exception {
    int veth0 = leftClient.link("veth0").orElseThrow().index();
    for (String a : addresses) {
      String[] parts = a.split("/");
      leftClient.addAddress(veth0, InetAddress.getByName(parts[0]), Integer.parseInt(parts[1]));
    }
    leftClient.setLinkUp(veth0, true);
    return veth0;
  }

  /** A unicast route to {@code prefix} through {@code gateways}, all out of {@code ifindex}. */
  private static KernelRoute unicast(String prefix, int ifindex, String... gateways)
      throws Exception {
    String[] parts = prefix.split("/");
    List<KernelRoute.Hop> hops = new java.util.ArrayList<>();
    for (String g : gateways) {
      hops.add(new KernelRoute.Hop(ifindex, InetAddress.getByName(g)));
    }
    return new KernelRoute(InetAddress.getByName(parts[0]), Integer.parseInt(parts[1]),
        KernelRoute.Type.UNICAST, hops);
  }
}
