package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.arp;
import static io.outpost.dataplane.pipeline.TestFrames.ethernet;
import static io.outpost.dataplane.pipeline.TestFrames.ip4;
import static io.outpost.dataplane.pipeline.TestFrames.udp4;
import static io.outpost.dataplane.pipeline.WorkerFixture.GW;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_A;
import static io.outpost.dataplane.pipeline.WorkerFixture.R0;
import static io.outpost.dataplane.pipeline.WorkerFixture.R1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacketTraceTest {
  final WorkerFixture r = new WorkerFixture();
  final PacketTrace trace = r.worker.trace();

  private byte[] udp(int dst, int ttl) {
    return ethernet(R0, HOST_A, 0x0800, udp4(ip4(10, 0, 1, 2), dst, ttl, 0, 1000, 2000, 18));
  }

  @Test
  void offItRecordsNothing() {
    int before = trace.arm(0, -1);
    r.fromA(udp(ip4(198, 51, 100, 7), 64));
    assertEquals(List.of(), trace.records(before));
  }

  @Test
  void recordsEachPacketAsItArrivedWithItsStepsAndItsEnd() {
    r.fromB(ethernet(R1, GW, 0x0806, arp(2, GW, ip4(10, 0, 2, 9), R1, ip4(10, 0, 2, 1))));
    int n = trace.arm(3, -1);
    byte[] forwarded = udp(ip4(198, 51, 100, 7), 64);
    r.fromA(forwarded);
    r.fromA(udp(ip4(10, 0, 1, 1), 64));
    r.fromA(udp(ip4(203, 0, 113, 9), 64));
    r.fromA(udp(ip4(198, 51, 100, 8), 64)); // a fourth: past the count
    List<TraceRecord> records = trace.records(n);
    assertEquals(3, records.size());

    TraceRecord f = records.get(0);
    assertArrayEquals(forwarded, f.head(), "as it arrived: TTL 64, before the decrement");
    assertEquals(forwarded.length, f.frameLength());
    assertEquals("ipv4-input", f.step(Stage.ETHERNET_INPUT));
    assertEquals("ipv4-forward", f.step(Stage.IPV4_INPUT));
    assertEquals("output", f.step(Stage.IPV4_FORWARD));
    assertTrue(f.forwarded());
    assertEquals(1, f.interfaceOut());
    assertEquals(GW, f.dstMac());
    assertNull(f.dropReason());

    TraceRecord local = records.get(1);
    assertTrue(local.punted());
    assertEquals("punt", local.step(Stage.IPV4_INPUT));
    assertEquals(0, local.interfaceIn());

    TraceRecord dropped = records.get(2);
    assertFalse(dropped.forwarded() || dropped.punted());
    assertEquals(DropReason.BLACKHOLE, dropped.dropReason());
    assertEquals("drop", dropped.step(Stage.IPV4_FORWARD));
  }

  @Test
  void armingAgainStartsANewTraceAndFiltersByPort() {
    int first = trace.arm(1, -1);
    r.fromA(udp(ip4(203, 0, 113, 9), 64));
    int second = trace.arm(5, 1);
    r.fromA(udp(ip4(203, 0, 113, 9), 64)); // port 0: filtered out
    assertEquals(List.of(), trace.records(second));
    assertEquals(List.of(), trace.records(first), "the earlier trace is forgotten");
    trace.disarm();
    r.fromB(udp(ip4(203, 0, 113, 9), 64));
    assertEquals(List.of(), trace.records(second), "disarmed");
  }
}
