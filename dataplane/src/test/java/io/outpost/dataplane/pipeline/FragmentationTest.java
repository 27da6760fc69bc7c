package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.arp;
import static io.outpost.dataplane.pipeline.TestFrames.checksum;
import static io.outpost.dataplane.pipeline.TestFrames.ethernet;
import static io.outpost.dataplane.pipeline.TestFrames.ip4;
import static io.outpost.dataplane.pipeline.TestFrames.u16;
import static io.outpost.dataplane.pipeline.TestFrames.u8;
import static io.outpost.dataplane.pipeline.TestFrames.udp4;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_A;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_B;
import static io.outpost.dataplane.pipeline.WorkerFixture.R0;
import static io.outpost.dataplane.pipeline.WorkerFixture.R1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv4 packets without DF that exceed port 1's MTU of 1400 leave in fragments (RFC 791). */
class FragmentationTest {
  final WorkerFixture r = new WorkerFixture();
  static final int A = ip4(10, 0, 1, 2);
  static final int B = ip4(10, 0, 2, 2);

  FragmentationTest() {
    r.fromB(ethernet(R1, HOST_B, 0x0806, arp(2, HOST_B, B, R1, ip4(10, 0, 2, 1))));
    r.atB();
  }

  /** Every fragment: within the MTU, a checksum that verifies, data a multiple of 8 but last. */
  private static void checkFragments(List<byte[]> frames, int flagsOfOriginal) {
    for (int k = 0; k < frames.size(); k++) {
      byte[] f = frames.get(k);
      int headerLength = (u8(f, 14) & 0xf) * 4;
      int total = u16(f, 14 + 2);
      assertTrue(total <= 1400, "fragment " + k + " is " + total + " bytes");
      assertEquals(0, checksum(f, 14, headerLength), "fragment " + k + " checksum");
      assertEquals(63, u8(f, 14 + 8), "TTL decremented once");
      boolean last = k == frames.size() - 1;
      int flags = u16(f, 14 + 6);
      assertEquals(!last || (flagsOfOriginal & 0x2000) != 0, (flags & 0x2000) != 0,
          "MF of fragment " + k);
      if (!last) {
        assertEquals(0, (total - headerLength) % 8, "fragment " + k + " data is 8-aligned");
      }
    }
  }

  /** The data of the fragments put back together, checking that the offsets follow on. */
  private static byte[] reassemble(List<byte[]> frames, int firstOffset) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      int headerLength = (u8(f, 14) & 0xf) * 4;
      assertEquals(firstOffset + data.size(), (u16(f, 14 + 6) & 0x1fff) * 8, "offset");
      data.write(f, 14 + headerLength, u16(f, 14 + 2) - headerLength);
    }
    return data.toByteArray();
  }

  @Test
  void aLargePacketWithoutDfLeavesInFragmentsThatReassembleToIt() {
    byte[] packet = udp4(A, B, 64, 0, 1000, 2000, 1452); // 1480 bytes
    for (int i = 28; i < packet.length; i++) {
      packet[i] = (byte) i;
    }
    long sentBefore = r.worker.counters().txPackets[1];
    r.fromA(ethernet(R0, HOST_A, 0x0800, packet));
    List<byte[]> out = r.atB();
    assertEquals(2, out.size());
    assertEquals(20 + 1376, u16(out.get(0), 16), "as much as fits, a multiple of 8");
    assertEquals(20 + 84, u16(out.get(1), 16));
    checkFragments(out, 0);
    assertArrayEquals(Arrays.copyOfRange(packet, 20, packet.length), reassemble(out, 0));
    assertEquals(0, r.drops(DropReason.TOO_BIG));
    assertEquals(1, r.worker.counters().ipv4Fragmented);
    assertEquals(sentBefore + 2, r.worker.counters().txPackets[1], "each fragment counted");
  }

  @Test
  void aFragmentIsFragmentedFurtherKeepingItsOffsetAndMoreFlag() {
    byte[] packet = udp4(A, B, 64, 0x2000 | 100, 1000, 2000, 1452);
    fixChecksum(packet, 20);
    r.fromA(ethernet(R0, HOST_A, 0x0800, packet));
    List<byte[]> out = r.atB();
    assertEquals(2, out.size());
    checkFragments(out, 0x2000);
    assertArrayEquals(Arrays.copyOfRange(packet, 20, packet.length), reassemble(out, 800));
  }

  @Test
  void laterFragmentsCarryOnlyTheOptionsMarkedCopied() {
    // Options: record route (7 bytes, not copied), router alert (4 bytes, copied), end.
    byte[] plain = udp4(A, B, 64, 0, 1000, 2000, 1452);
    byte[] options = {7, 7, 4, 0, 0, 0, 0, (byte) 0x94, 4, 0, 0, 0};
    byte[] packet = new byte[plain.length + options.length];
    System.arraycopy(plain, 0, packet, 0, 20);
    System.arraycopy(options, 0, packet, 20, options.length);
    System.arraycopy(plain, 20, packet, 32, plain.length - 20);
    packet[0] = 0x48;
    packet[2] = (byte) (packet.length >>> 8);
    packet[3] = (byte) packet.length;
    fixChecksum(packet, 32);
    r.fromA(ethernet(R0, HOST_A, 0x0800, packet));
    List<byte[]> out = r.atB();
    assertEquals(2, out.size());
    checkFragments(out, 0);
    assertArrayEquals(Arrays.copyOfRange(packet, 20, 32), Arrays.copyOfRange(out.get(0), 34, 46),
        "the first fragment keeps every option");
    assertEquals(0x46, u8(out.get(1), 14), "a 24-byte header on the second");
    assertArrayEquals(new byte[] {(byte) 0x94, 4, 0, 0}, Arrays.copyOfRange(out.get(1), 34, 38));
    assertArrayEquals(Arrays.copyOfRange(packet, 32, packet.length), reassemble(out, 0));
  }

  @Test
  void withDfItIsStillRefusedWithTheMtu() {
    r.fromA(ethernet(R0, HOST_A, 0x0800, udp4(A, B, 64, 0x4000, 1000, 2000, 1452)));
    assertEquals(0, r.atB().size());
    assertEquals(1, r.drops(DropReason.TOO_BIG));
    assertEquals(0, r.worker.counters().ipv4Fragmented);
  }

  private static void fixChecksum(byte[] packet, int headerLength) {
    packet[10] = 0;
    packet[11] = 0;
    int sum = checksum(packet, 0, headerLength);
    packet[10] = (byte) (sum >>> 8);
    packet[11] = (byte) sum;
  }
}
