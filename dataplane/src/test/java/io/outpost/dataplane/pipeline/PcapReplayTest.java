package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.arp;
import static io.outpost.dataplane.pipeline.TestFrames.ethernet;
import static io.outpost.dataplane.pipeline.TestFrames.ip4;
import static io.outpost.dataplane.pipeline.TestFrames.u16;
import static io.outpost.dataplane.pipeline.WorkerFixture.GW;
import static io.outpost.dataplane.pipeline.WorkerFixture.R1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.EOFException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Replays pcap files through the pipeline of {@link WorkerFixture}'s router, frame by frame,
 * and checks that each frame has the outcome its sidecar file names: forwarded out of port 1,
 * punted to the kernel, or dropped and counted under one {@link DropReason}. The files are
 * written by scapy ({@code replay/make_fixtures.py}, committed with its output) and read here
 * by libpcap through pcap4j. What the pipeline forwards is written to a pcap file in turn and
 * handed to tshark, with checksum validation on, as an independent judge of what we emit.
 */
class PcapReplayTest {
  private static final Path OUT = Path.of("target/replay");

  private final WorkerFixture r = new WorkerFixture();

  /** One frame of a file and what must become of it. */
  private record Case(int number, byte[] frame, String outcome, String why) {
    @Override
    public String toString() {
      return "frame " + number + " (" + why + ")";
    }
  }

  @Test
  void transitFramesAreForwardedPuntedOrDroppedAsExpected() throws Exception {
    r.fromB(ethernet(R1, GW, 0x0806, arp(2, GW, ip4(10, 0, 2, 9), R1, ip4(10, 0, 2, 1))));
    r.fromB(Ipv6AndMalformedTest.advertisement());
    r.atB();
    List<byte[]> forwarded = new ArrayList<>();
    for (Case c : read("transit")) {
      List<byte[]> out = replay(c);
      if (c.outcome.equals("forward")) {
        byte[] f = out.getFirst();
        assertSameBeyondTtl(c, f);
        forwarded.add(f);
      }
    }
    assertEquals(8, forwarded.size(), "the file has eight transit frames");
    Path file = OUT.resolve("transit-forwarded.pcap");
    write(file, forwarded);
    String verdict = tshark("-r", file.toString(), "-o", "ip.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-V");
    assertFalse(verdict.contains("Malformed") || verdict.contains("[Expert Info (Error"),
        "tshark finds fault with what was forwarded:\n" + verdict);
  }

  /**
   * Frames broken in one way each are dropped under that way's reason; one transit packet with
   * an unreadable extension header is forwarded, as routers must (RFC 8200 section 4: only the
   * destination reads them), and is not judged by tshark.
   */
  @Test
  void malformedFramesAreEachDroppedAndCountedUnderTheirReason() throws Exception {
    r.fromB(Ipv6AndMalformedTest.advertisement()); // resolves B6 (and is itself punted)
    r.atB();
    int punted = r.punted.size();
    List<Case> cases = read("malformed");
    for (Case c : cases) {
      replay(c);
    }
    assertEquals(punted, r.punted.size(), "nothing malformed reaches the kernel");
    long dropped = cases.stream().filter(c -> !c.outcome.equals("forward")).count();
    assertEquals(dropped, Arrays.stream(r.worker.counters().drops).sum());
  }

  /**
   * Sends one frame in from port 0 and checks its outcome by the counters; returns what left
   * port 1.
   */
  private List<byte[]> replay(Case c) {
    WorkerCounters counters = r.worker.counters();
    long[] drops = counters.drops.clone();
    int punted = r.punted.size();
    r.fromA(c.frame);
    List<byte[]> out = r.atB();
    r.atA(); // ICMP errors back to the sender are the unit tests' business
    switch (c.outcome) {
      case "forward" -> {
        assertEquals(1, out.size(), () -> c + ": forwarded out of port 1");
        assertArrayEquals(drops, counters.drops, () -> c + ": nothing dropped");
      }
      case "punt" -> {
        assertEquals(punted + 1, r.punted.size(), () -> c + ": punted to the kernel");
        assertEquals(0, out.size(), () -> c + ": not forwarded");
      }
      default -> {
        DropReason reason = DropReason.valueOf(c.outcome);
        for (DropReason each : DropReason.values()) {
          long expected = drops[each.ordinal()] + (each == reason ? 1 : 0);
          assertEquals(expected, counters.drops[each.ordinal()],
              () -> c + ": dropped as " + reason + ", counted as " + each);
        }
        assertEquals(0, out.size(), () -> c + ": not forwarded");
        assertEquals(punted, r.punted.size(), () -> c + ": not punted");
      }
    }
    return out;
  }

  /**
   * A forwarded packet is the packet that came in, byte for byte (options, fragment fields,
   * extension headers and payload), except the TTL or hop limit, one less, and for IPv4 the
   * header checksum.
   */
  private static void assertSameBeyondTtl(Case c, byte[] out) {
    int inL3 = u16(c.frame, 12) == 0x8100 ? 18 : 14;
    byte[] in = Arrays.copyOfRange(c.frame, inL3, c.frame.length);
    byte[] sent = Arrays.copyOfRange(out, 14, out.length);
    boolean v4 = (in[0] >>> 4) == 4;
    int ttl = v4 ? 8 : 7;
    assertEquals((in[ttl] & 0xff) - 1, sent[ttl] & 0xff, () -> c + ": TTL one less");
    in[ttl] = sent[ttl];
    if (v4) {
      in[10] = sent[10];
      in[11] = sent[11];
    }
    assertArrayEquals(in, sent, () -> c + ": otherwise unchanged");
  }

  private static List<Case> read(String name) throws IOException, URISyntaxException {
    Path dir = Path.of(PcapReplayTest.class.getResource("replay/" + name + ".pcap").toURI())
        .getParent();
    List<String> expected = Files.readAllLines(dir.resolve(name + ".expected"));
    List<Case> cases = new ArrayList<>();
    try (PcapHandle in = Pcaps.openOffline(dir.resolve(name + ".pcap").toString())) {
      while (true) {
        byte[] frame;
        try {
          frame = in.getNextRawPacketEx();
        } catch (EOFException end) {
          break;
        }
        String[] line = expected.get(cases.size()).split("\t", 2);
        cases.add(new Case(cases.size() + 1, frame, line[0], line[1]));
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot read " + name + ".pcap: " + e, e);
    }
    assertEquals(expected.size(), cases.size(), name + ".expected has a line per frame");
    return cases;
  }

  private static void write(Path file, List<byte[]> frames) throws Exception {
    Files.createDirectories(file.getParent());
    try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65536);
        PcapDumper dumper = dead.dumpOpen(file.toString())) {
      Timestamp t = new Timestamp(1_764_000_000_000L);
      for (byte[] f : frames) {
        dumper.dumpRaw(f, t);
      }
    }
  }

  private static String tshark(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tshark"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("tshark (Debian package tshark, installed by scripts/test) "
          + "failed: " + new String(output, StandardCharsets.UTF_8));
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
