package io.outpost.benchmarks.bgp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.update.UpdateWriter;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.dataplane.fib.SyntheticTable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A full table as the UPDATE messages one upstream peer sends, encoded once before the clock
 * starts so that the feeder is never what a measurement measures.
 *
 * <p>The prefixes are {@link SyntheticTable}'s (the public table's length distribution). Each
 * prefix gets one of a few hundred thousand attribute sets, as the public table has (an AS path
 * of the feeder's AS, a transit AS, up to three middle ASes and an origin AS, a MED on some and
 * communities on some), so UPDATEs carry a handful of prefixes each, as a real full-table
 * transfer does. The End-of-RIB markers close the stream.
 *
 * @param bytes the messages, back to back, with their headers
 * @param messageEnds where each message ends in {@code bytes}, ascending
 */
public record TableStream(byte[] bytes, int[] messageEnds, int prefixes4, int prefixes6) {
  /** Attribute sets per prefix: about what the public table has (some 300k for 1M). */
  private static final int PREFIXES_PER_ATTRIBUTE_SET = 4;

  /**
   * Encodes {@code count4} IPv4 and {@code count6} IPv6 prefixes for a 4-octet-AS session
   * without extended messages (every daemon measured negotiates that).
   *
   * @param feederAs the AS the feeder is in: the first AS of every path
   * @param nextHop4 the feeder's IPv4 address, the IPv4 routes' next hop
   * @param nextHop6 the feeder's IPv6 address, the IPv6 routes' next hop
   */
  public static TableStream encode(long seed, int count4, int count6, long feederAs,
      byte[] nextHop4, byte[] nextHop6) {
    SessionOptions options = new SessionOptions(false, true, java.util.Set.of(),
        java.util.Set.of());
    UpdateWriter writer = new UpdateWriter(options);
    ByteBuf out = Unpooled.buffer(64 << 20);
    SplittableRandom random = new SplittableRandom(seed);

    SyntheticTable.Ipv4Routes v4 = SyntheticTable.ipv4(seed, count4);
    long[] keys4 = new long[3 * count4];
    for (int i = 0; i < count4; i++) {
      keys4[3 * i] = v4.prefixes()[i] & 0xffff_ffffL;
      keys4[3 * i + 2] = v4.lengths()[i];
    }
    announce(Family.IPV4_UNICAST, keys4, feederAs, nextHop4, random, writer, out);
    writer.endOfRib(Family.IPV4_UNICAST, out);

    SyntheticTable.Ipv6Routes v6 = SyntheticTable.ipv6(seed, count6);
    long[] keys6 = new long[3 * count6];
    for (int i = 0; i < count6; i++) {
      keys6[3 * i] = v6.his()[i];
      keys6[3 * i + 1] = v6.los()[i];
      keys6[3 * i + 2] = v6.lengths()[i];
    }
    announce(Family.IPV6_UNICAST, keys6, feederAs, nextHop6, random, writer, out);
    writer.endOfRib(Family.IPV6_UNICAST, out);

    byte[] bytes = new byte[out.writerIndex()];
    out.readBytes(bytes);
    IntList ends = new IntList();
    for (int at = 0; at < bytes.length; ) {
      at += (bytes[at + 16] & 0xff) << 8 | (bytes[at + 17] & 0xff); // the header's length
      ends.add(at);
    }
    return new TableStream(bytes, ends.toArray(), count4, count6);
  }

  /** Deals the prefixes out to attribute sets and writes one run of UPDATEs per set. */
  private static void announce(Family family, long[] keys, long feederAs, byte[] nextHop,
      SplittableRandom random, UpdateWriter writer, ByteBuf out) {
    int count = keys.length / 3;
    int sets = Math.max(1, count / PREFIXES_PER_ATTRIBUTE_SET);
    int[] setOf = new int[count];
    int[] sizes = new int[sets];
    for (int i = 0; i < count; i++) {
      setOf[i] = random.nextInt(sets);
      sizes[setOf[i]]++;
    }
    int[] starts = new int[sets + 1];
    for (int s = 0; s < sets; s++) {
      starts[s + 1] = starts[s] + sizes[s];
    }
    int[] order = new int[count];
    int[] fill = Arrays.copyOf(starts, sets);
    for (int i = 0; i < count; i++) {
      order[fill[setOf[i]]++] = i;
    }
    for (int s = 0; s < sets; s++) {
      int n = starts[s + 1] - starts[s];
      if (n == 0) {
        continue;
      }
      long[] prefixes = new long[3 * n];
      for (int j = 0; j < n; j++) {
        System.arraycopy(keys, 3 * order[starts[s] + j], prefixes, 3 * j, 3);
      }
      writer.announce(family, attributes(random, feederAs, nextHop), prefixes, 0, n, out);
    }
  }

  private static PathAttributes attributes(SplittableRandom random, long feederAs,
      byte[] nextHop) {
    int middle = random.nextInt(4);
    long[] path = new long[3 + middle];
    path[0] = feederAs;
    path[1] = 3000 + random.nextInt(200); // a transit provider
    for (int i = 0; i < middle; i++) {
      path[2 + i] = 10_000 + random.nextInt(5_000);
    }
    path[path.length - 1] = 100_000 + random.nextInt(70_000); // the origin, 4-octet
    PathAttributes.Builder b = PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP)
        .asPath(AsPath.sequence(path)).nextHop(nextHop.clone());
    if (random.nextInt(4) == 0) {
      b.med(random.nextInt(1000));
    }
    int communities = random.nextInt(5) < 2 ? 1 + random.nextInt(4) : 0;
    if (communities > 0) {
      int[] c = new int[communities];
      for (int i = 0; i < communities; i++) {
        c[i] = (int) (path[1] << 16 | random.nextInt(1000));
      }
      b.communities(c);
    }
    return b.build();
  }

  /** How many UPDATE messages, End-of-RIB markers included. */
  public int updates() {
    return messageEnds.length;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[1 << 16];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
