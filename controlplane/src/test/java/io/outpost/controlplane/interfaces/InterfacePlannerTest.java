package io.outpost.controlplane.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.dataplane.kernel.Address;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.LinkStats;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning from kernel snapshots given as data (the kernel side is InterfacesIT's). */
class InterfacePlannerTest {
  static final LinkStats NO_STATS = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  static Link link(int index, String name, int mtu, int maxMtu, boolean up) {
    return new Link(index, name, "veth", mtu, 68, maxMtu, up, up ? "up" : "down", "02:00:00:00:00:0" + index, NO_STATS);
  }

  static Map<String, InterfaceConfig> config(String json) throws Exception {
    return InterfaceConfig.all(ConfigJson.read(OutpostModules.schema(), json));
  }

  @Test
  void plansDeletesThenMtuThenAddsThenAdminState() throws Exception {
    var want = config("""
        {"outpost-interfaces:interfaces": {"interface": [{"name": "eth0", "mtu": 9000, "enabled": false,
          "ipv4": {"address": [{"ip": "192.0.2.1/24"}]}}]}}""");
    List<Address> have = List.of(
        new Address(2, InetAddress.getByName("198.51.100.1"), 24, 0, 0),
        new Address(2, InetAddress.getByName("fe80::1"), 64, 253, 0)); // link scope: the kernel's own
    var plan = InterfacePlanner.plan(Map.of(), want, List.of(link(2, "eth0", 1500, 9216, true)), have);
    assertEquals(List.of(
        "delete address 198.51.100.1/24 from eth0",
        "set mtu 9000 on eth0",
        "add address 192.0.2.1/24 to eth0",
        "set eth0 down"), plan.changes().stream().map(KernelChange::describe).toList());
    assertEquals(List.of(), plan.warnings());
  }

  @Test
  void refusesAnMtuBeyondTheDeviceBeforeTouchingAnything() throws Exception {
    var want = config("""
        {"outpost-interfaces:interfaces": {"interface": [{"name": "eth0", "mtu": 9000}]}}""");
    ApplyException e = assertThrows(ApplyException.class,
        () -> InterfacePlanner.plan(Map.of(), want, List.of(link(2, "eth0", 1500, 1500, true)), List.of()));
    assertEquals("interfaces interface eth0 mtu: device eth0 takes an MTU of 68..1500, not 9000", e.describe());
  }

  @Test
  void anAbsentInterfaceIsAWarning() throws Exception {
    var want = config("""
        {"outpost-interfaces:interfaces": {"interface": [{"name": "eth7"}]}}""");
    var plan = InterfacePlanner.plan(Map.of(), want, List.of(), List.of());
    assertEquals(List.of(), plan.changes());
    assertEquals(1, plan.warnings().size());
  }

  @Test
  void everyChangeHasAnInverse() throws Exception {
    KernelChange add = new KernelChange.AddAddress(2, "eth0", InterfaceAddress.parse("2001:db8::1/64"));
    assertEquals("delete address 2001:db8::1/64 from eth0", add.inverse().describe());
    assertEquals(add, add.inverse().inverse());
    KernelChange mtu = new KernelChange.SetMtu(2, "eth0", 1500, 9000);
    assertEquals("set mtu 1500 on eth0", mtu.inverse().describe());
  }
}
