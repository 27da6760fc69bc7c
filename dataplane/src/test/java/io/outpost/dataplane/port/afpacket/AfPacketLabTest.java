package io.outpost.dataplane.port.afpacket;

import static io.outpost.dataplane.port.afpacket.TestFrames.experimental;
import static io.outpost.dataplane.port.afpacket.TestFrames.receive;
import static io.outpost.dataplane.port.afpacket.TestFrames.tagged;
import static io.outpost.dataplane.port.afpacket.TestFrames.transmit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.port.QueueStats;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link AfPacketDriver} and {@link AfPacketQueue} against the real kernel: a veth pair in a
 * fresh network namespace ({@link VethLab}), a queue on each end, frames sent from one and
 * compared byte for byte at the other. Needs root; the root namespace is never touched.
 */
@Tag("lab")
class AfPacketLabTest {
  private VethLab lab;
  private AfPacketDriver driver;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void createLab() {
    lab = VethLab.create();
    driver = new AfPacketDriver(1024, 1024, Optional.of(lab.file()));
  }

  @AfterEach
  void deleteLab() throws Exception {
    try {
      for (AutoCloseable c : opened.reversed()) {
        c.close();
      }
    } finally {
      lab.close();
    }
  }

  @Test
  void receivesEveryFrameIntactInOrderAndInBursts() throws PortException {
    AfPacketQueue receiver = open(driver, "veth0", 0, 1);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    IdleWaiter waiter = waiter(receiver);
    List<byte[]> sent =
        IntStream.range(0, 1000).mapToObj(i -> experimental(i, 60 + (i * 37) % 1455)).toList();

    for (int from = 0; from < sent.size(); from += 200) {
      transmit(sender, sent.subList(from, from + 200));
    }
    TestFrames.Received received = receive(receiver, waiter, sent.size());

    assertFramesEqual(sent, received.frames());
    assertTrue(Collections.max(received.bursts()) > 1, "bursts " + received.bursts());
    assertEquals(5, sender.stats().txFlushes, "one system call per flush");
    assertEquals(1000, sender.stats().txPackets);
    QueueStats stats = receiver.stats();
    assertEquals(1000, stats.rxPackets);
    assertEquals(sent.stream().mapToLong(f -> f.length).sum(), stats.rxBytes);
    assertEquals(0, stats.rxKernelDrops + stats.rxTruncated);
  }

  @Test
  void transmitsAFullBurstWithOneSystemCall() throws PortException {
    AfPacketQueue sender = open(driver, "veth0", 0, 1);
    AfPacketQueue receiver = open(driver, "veth1", 0, 1);
    List<byte[]> burst = IntStream.range(0, 256).mapToObj(i -> experimental(i, 1514)).toList();

    transmit(sender, burst);

    assertEquals(1, sender.stats().txFlushes);
    assertFalse(sender.txPending(), "the kernel took every frame");
    assertEquals(1518, sender.maxFrameLength(), "MTU 1500 + Ethernet header + one tag");
    assertEquals(VethLab.VETH0_MAC, sender.link().mac());
    assertEquals("veth0", sender.port());
    assertFramesEqual(burst, receive(receiver, waiter(receiver), burst.size()).frames());
    sender.flush();
    assertEquals(1, sender.stats().txFlushes, "nothing committed, no system call");
  }

  @Test
  void putsBackTheVlanTagsTheKernelTookOff() throws PortException {
    AfPacketQueue receiver = open(driver, "veth0", 0, 1);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    List<byte[]> sent =
        List.of(
            tagged(experimental(1, 100), 0x8100, 0x0064), // VLAN 100
            tagged(experimental(2, 1514), 0x8100, 0xe00a), // priority 7, VLAN 10, full size
            tagged(tagged(experimental(3, 80), 0x8100, 0x0007), 0x88a8, 0x0123), // QinQ
            tagged(experimental(4, 64), 0x8100, 0x0000), // priority tag only
            experimental(5, 64));

    transmit(sender, sent);

    assertFramesEqual(sent, receive(receiver, waiter(receiver), sent.size()).frames());
  }

  @Test
  void fanoutSpreadsFlowsOverTheQueuesAndLosesNone() throws PortException {
    AfPacketQueue first = open(driver, "veth0", 0, 2);
    AfPacketQueue second = open(driver, "veth0", 1, 2);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 512; i++) {
      sent.add(TestFrames.udp(i % 64, i));
    }

    for (int from = 0; from < sent.size(); from += 128) {
      transmit(sender, sent.subList(from, from + 128));
    }
    IdleWaiter firstWaiter = waiter(first);
    IdleWaiter secondWaiter = waiter(second);
    List<byte[]> toFirst = new ArrayList<>();
    List<byte[]> toSecond = new ArrayList<>();
    for (int round = 0; round < 50 && toFirst.size() + toSecond.size() < sent.size(); round++) {
      toFirst.addAll(TestFrames.drainFor(first, firstWaiter, 50));
      toSecond.addAll(TestFrames.drainFor(second, secondWaiter, 50));
    }

    assertFalse(toFirst.isEmpty(), "queue 0 of 2 received nothing");
    assertFalse(toSecond.isEmpty(), "queue 1 of 2 received nothing");
    Map<Integer, Integer> queueOfFlow = new HashMap<>();
    Map<Integer, List<Integer>> sequencesOfFlow = new HashMap<>();
    for (int q = 0; q < 2; q++) {
      for (byte[] frame : q == 0 ? toFirst : toSecond) {
        int flow = ((frame[42] & 0xff) << 24) | ((frame[43] & 0xff) << 16)
            | ((frame[44] & 0xff) << 8) | (frame[45] & 0xff);
        Integer earlier = queueOfFlow.putIfAbsent(flow, q);
        assertTrue(earlier == null || earlier == q, "flow " + flow + " reached both queues");
        sequencesOfFlow.computeIfAbsent(flow, f -> new ArrayList<>()).add(sequence(frame, 46));
      }
    }
    List<byte[]> union = new ArrayList<>(toFirst);
    union.addAll(toSecond);
    union.sort((a, b) -> Integer.compare(sequence(a, 46), sequence(b, 46)));
    assertFramesEqual(sent, union);
    for (List<Integer> sequences : sequencesOfFlow.values()) {
      assertEquals(sequences.stream().sorted().toList(), sequences, "a flow's order is kept");
    }
  }

  @Test
  void dropsAndCountsAFrameLongerThanItsSlot() throws PortException {
    AfPacketQueue receiver = open(driver, "veth0", 0, 1); // slots sized for MTU 1500
    lab.ip("link", "set", "veth0", "mtu", "9000");
    lab.ip("link", "set", "veth1", "mtu", "9000");
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    List<byte[]> sent = List.of(experimental(1, 200), experimental(2, 4000), experimental(3, 200));

    transmit(sender, sent);

    assertFramesEqual(
        List.of(sent.get(0), sent.get(2)),
        receive(receiver, waiter(receiver), 2).frames());
    assertEquals(1, receiver.stats().rxTruncated);
    assertEquals(2, receiver.stats().rxPackets);
  }

  @Test
  void countsTheFramesTheKernelDropsWhenTheRingIsFull() throws PortException {
    AfPacketDriver smallRings = new AfPacketDriver(64, 64, Optional.of(lab.file()));
    AfPacketQueue receiver = open(smallRings, "veth0", 0, 1);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    List<byte[]> sent = IntStream.range(0, 200).mapToObj(i -> experimental(i, 100)).toList();

    transmit(sender, sent);

    assertFramesEqual(sent.subList(0, 64), receive(receiver, waiter(receiver), 64).frames());
    assertEquals(136, receiver.stats().rxKernelDrops);
    assertEquals(136, receiver.stats().rxKernelDrops, "reading again does not reset it");
  }

  @Test
  void dropsAFrameTheKernelRefusesAndSendsTheRestInOrder() throws PortException {
    AfPacketQueue sender = open(driver, "veth0", 0, 1);
    AfPacketQueue receiver = open(driver, "veth1", 0, 1);
    List<byte[]> good = List.of(experimental(1, 100), experimental(2, 200), experimental(3, 300));
    byte[] untaggedTooLong = experimental(9, 1518); // MTU + 18 is only for tagged frames

    transmit(sender, List.of(good.get(0), untaggedTooLong, good.get(1), good.get(2)));

    assertEquals(1, sender.txWrongFormat());
    assertFalse(sender.txPending());
    assertEquals(3, sender.stats().txPackets);
    assertFramesEqual(good, receive(receiver, waiter(receiver), 3).frames());
    transmit(sender, List.of(experimental(4, 400)));
    assertFramesEqual(
        List.of(experimental(4, 400)), receive(receiver, waiter(receiver), 1).frames());
  }

  @Test
  void closeUnmapsTheRingsAndReopenWorks() throws Exception {
    AfPacketQueue queue = driver.open("veth0", 0, 1);
    String mapping = Long.toHexString(queue.ringAddress()) + "-";
    assertTrue(mappings().stream().anyMatch(l -> l.startsWith(mapping)), "rings mapped");
    assertEquals(1, lab.promiscuity("veth0"));

    queue.close();
    queue.close();

    assertFalse(mappings().stream().anyMatch(l -> l.startsWith(mapping)), "rings unmapped");
    assertEquals(0, lab.promiscuity("veth0"));
    assertThrows(IllegalStateException.class, () -> queue.rxBuffer().get(ValueLayout.JAVA_INT, 0));
    AfPacketQueue again = open(driver, "veth0", 0, 1);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    transmit(sender, List.of(experimental(7, 64)));
    assertFramesEqual(List.of(experimental(7, 64)), receive(again, waiter(again), 1).frames());
  }

  @Test
  void aMissingInterfaceIsAPortExceptionNamingThePort() {
    PortException e = assertThrows(PortException.class, () -> driver.open("nosuch0", 0, 1));

    assertEquals("afpacket port nosuch0: no such interface", e.getMessage());
  }

  @Test
  void anIdleWaitEndsWhenAFrameArrivesAndBlocksOnceTheRingIsDrained() throws PortException {
    AfPacketQueue receiver = open(driver, "veth0", 0, 1);
    AfPacketQueue sender = open(driver, "veth1", 0, 1);
    IdleWaiter waiter = waiter(receiver);
    assertEquals(0, waiter.await(0), "nothing waiting yet");

    transmit(sender, List.of(experimental(1, 64)));

    assertEquals(1, waiter.await(5000));
    assertEquals(1, receive(receiver, waiter, 1).frames().size());
    long start = System.nanoTime();
    assertEquals(0, waiter.await(100), "drained and released: the wait blocks again");
    assertTrue(System.nanoTime() - start >= 90_000_000L);
    assertTrue(receiver.stats().rxPolls >= 3);
  }

  private AfPacketQueue open(AfPacketDriver with, String port, int queue, int queues)
      throws PortException {
    AfPacketQueue opened = with.open(port, queue, queues);
    this.opened.add(opened);
    return opened;
  }

  private IdleWaiter waiter(AfPacketQueue queue) {
    IdleWaiter waiter = new IdleWaiter(List.of(queue));
    opened.add(waiter);
    return waiter;
  }

  private static int sequence(byte[] frame, int at) {
    return ((frame[at] & 0xff) << 24) | ((frame[at + 1] & 0xff) << 16)
        | ((frame[at + 2] & 0xff) << 8) | (frame[at + 3] & 0xff);
  }

  private static void assertFramesEqual(List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), "frames received");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
    }
  }

  private static List<String> mappings() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps"));
  }
}
