package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.ip4;

import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.memory.MemoryWire;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A router with two ports on in-memory wires and a fake clock:
 * port 0 = if0 10.0.1.1/24, 2001:db8:1::1/64 (and if2 = VLAN 100 on port 0, 10.0.3.1/24);
 * port 1 = if1 10.0.2.1/24, 2001:db8:2::1/64, MTU 1400.
 * Routes: the connected subnets; 198.51.100.0/24 via 10.0.2.9; 203.0.113.0/24 blackhole;
 * 192.0.2.0/24 reject; 100.64.0.0/16 ECMP via 10.0.2.9 and 10.0.2.10;
 * 2001:db8:2::/64 connected on if1.
 */
final class WorkerFixture {
  static final long R0 = 0x02_00_00_00_00_01L;
  static final long R1 = 0x02_00_00_00_00_02L;
  static final long HOST_A = 0x02_aa_00_00_00_01L;
  static final long HOST_B = 0x02_bb_00_00_00_02L;
  static final long GW = 0x02_cc_00_00_00_09L;
  static final long GW2 = 0x02_cc_00_00_00_10L;

  final MemoryWire wire0 = new MemoryWire();
  final MemoryWire wire1 = new MemoryWire();
  final long[] now = {1_000_000_000L};
  final List<byte[]> punted = new ArrayList<>();
  final List<Integer> puntedOn = new ArrayList<>();
  final DataplaneTables tables = new DataplaneTables(2, NeighborTimers.DEFAULTS);
  final Worker worker;

  static final long[] V6_IF0 = {0x2001_0db8_0001_0000L, 1};
  static final long[] V6_IF1 = {0x2001_0db8_0002_0000L, 1};

  WorkerFixture() {
    L3Interface if0 = new L3Interface(0, "eth0", 0, 0, R0, 1500, new int[] {ip4(10, 0, 1, 1)},
        new int[] {24}, V6_IF0, new int[] {64});
    L3Interface if1 = new L3Interface(1, "eth1", 1, 0, R1, 1400, new int[] {ip4(10, 0, 2, 1)},
        new int[] {24}, V6_IF1, new int[] {64});
    L3Interface if2 = new L3Interface(2, "eth0.100", 0, 100, R0, 1500,
        new int[] {ip4(10, 0, 3, 1)}, new int[] {24}, new long[0], new int[0]);
    List<NextHop> nhs = List.of(
        NextHop.blackhole(),                      // 0: reserved
        NextHop.forward4(0, 0),                   // 1: 10.0.1.0/24 connected
        NextHop.forward4(1, 0),                   // 2: 10.0.2.0/24 connected
        NextHop.forward4(1, ip4(10, 0, 2, 9)),    // 3: via 10.0.2.9
        NextHop.blackhole(),                      // 4
        NextHop.reject(),                         // 5
        NextHop.forward4(1, ip4(10, 0, 2, 10)),   // 6: via 10.0.2.10
        NextHop.ecmp(3, 6),                       // 7
        NextHop.forward6(1, 0, 0),                // 8: 2001:db8:2::/64 connected
        NextHop.forward4(2, 0),                   // 9: 10.0.3.0/24 on the VLAN
        NextHop.forward6(1, V6_IF1[0], 2));       // 10: via 2001:db8:2::2 (IPv4, RFC 8950)
    tables.publish(new ForwardingTables(1, 2, List.of(if0, if1, if2), nhs));
    tables.fib4().insert(ip4(10, 0, 1, 0), 24, 1);
    tables.fib4().insert(ip4(10, 0, 2, 0), 24, 2);
    tables.fib4().insert(ip4(198, 51, 100, 0), 24, 3);
    tables.fib4().insert(ip4(203, 0, 113, 0), 24, 4);
    tables.fib4().insert(ip4(192, 0, 2, 0), 24, 5);
    tables.fib4().insert(ip4(100, 64, 0, 0), 16, 7);
    tables.fib4().insert(ip4(10, 0, 3, 0), 24, 9);
    tables.fib4().insert(ip4(198, 18, 0, 0), 15, 10);
    tables.fib4().publish();
    tables.fib6().insert(V6_IF1[0], 0, 64, 8);
    tables.fib6().publish();
    LocalDelivery capture = (id, buffer, frame, length) -> {
      byte[] copy = new byte[length];
      MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, frame, copy, 0, length);
      punted.add(copy);
      puntedOn.add(id);
      return true;
    };
    worker = new Worker(0, new PortQueue[] {wire0.a(), wire1.a()}, tables, capture,
        () -> now[0], IdleStrategy.backoff(1000), 1000);
    worker.doWork(); // first pass: gratuitous ARP / NA for the addresses
    MemoryWire.drain(wire0.b());
    MemoryWire.drain(wire1.b());
  }

  /** Republishes the tables with interface {@code id} administratively down. */
  void disable(int id) {
    ForwardingTables t = tables.forwarding();
    List<L3Interface> interfaces = new ArrayList<>(List.of(t.interfaces()));
    L3Interface i = interfaces.get(id);
    interfaces.set(id, new L3Interface(i.id(), i.name(), i.port(), i.vlan(), i.mac(), i.mtu(),
        i.ipv4(), i.ipv4Lengths(), i.ipv6(), i.ipv6Lengths(), false));
    tables.publish(new ForwardingTables(t.version() + 1, t.portCount(), interfaces,
        List.of(t.nextHops())));
  }

  /** Sends a frame from host A's side of port 0 and runs one pass. */
  void fromA(byte[] frame) {
    MemoryWire.send(wire0.b(), frame);
    worker.doWork();
  }

  void fromB(byte[] frame) {
    MemoryWire.send(wire1.b(), frame);
    worker.doWork();
  }

  List<byte[]> atA() {
    return MemoryWire.drain(wire0.b());
  }

  List<byte[]> atB() {
    return MemoryWire.drain(wire1.b());
  }

  void advance(long nanos) {
    now[0] += nanos;
    worker.doWork();
  }

  long drops(DropReason reason) {
    return worker.counters().drops[reason.ordinal()];
  }
}
