package io.outpost.benchmarks.bgp;

import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Nlri;
import java.util.function.Consumer;

/**
 * What a downstream peer holds: the distinct prefixes announced to it and not withdrawn since,
 * per family, kept up to date from the UPDATE bodies it receives (classic IPv4 NLRI and
 * withdrawals, MP_REACH_NLRI and MP_UNREACH_NLRI). Counting distinct prefixes rather than
 * announcements keeps a target that announces a prefix twice from finishing early. The time it
 * first held {@code expected4} and {@code expected6} is its completion. Fed by one reader
 * thread; the completion time is read by others.
 */
final class PrefixCount implements Consumer<byte[]> {
  private static final int MP_REACH_NLRI = 14;
  private static final int MP_UNREACH_NLRI = 15;
  private static final Boolean HELD = Boolean.TRUE;

  private final PrefixTable<Boolean> v4 = new PrefixTable<>();
  private final PrefixTable<Boolean> v6 = new PrefixTable<>();
  private final int expected4;
  private final int expected6;
  private volatile long completeNanos;
  private volatile String error;
  private volatile int size4;
  private volatile int size6;

  PrefixCount(int expected4, int expected6) {
    this.expected4 = expected4;
    this.expected6 = expected6;
  }

  @Override
  public void accept(byte[] body) {
    try {
      int withdrawnLength = u16(body, 0);
      apply(body, 2, withdrawnLength, Family.IPV4_UNICAST, false);
      int attributesAt = 2 + withdrawnLength + 2;
      int attributesLength = u16(body, 2 + withdrawnLength);
      int at = attributesAt;
      int end = attributesAt + attributesLength;
      while (at < end) {
        int flags = body[at] & 0xff;
        int type = body[at + 1] & 0xff;
        boolean extended = (flags & 0x10) != 0;
        int length = extended ? u16(body, at + 2) : body[at + 2] & 0xff;
        int value = at + (extended ? 4 : 3);
        if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
          Family f = Family.of(u16(body, value), body[value + 2] & 0xff);
          if (type == MP_REACH_NLRI) {
            int nextHopLength = body[value + 3] & 0xff;
            int nlri = value + 4 + nextHopLength + 1;
            apply(body, nlri, value + length - nlri, f, true);
          } else {
            apply(body, value + 3, length - 3, f, false);
          }
        }
        at = value + length;
      }
      apply(body, end, body.length - end, Family.IPV4_UNICAST, true);
    } catch (BgpError | RuntimeException e) {
      error = "cannot read an UPDATE: " + e;
    }
    size4 = v4.size();
    size6 = v6.size();
    if (completeNanos == 0 && size4 == expected4 && size6 == expected6) {
      completeNanos = System.nanoTime();
    }
  }

  private void apply(byte[] body, int from, int length, Family f, boolean announced)
      throws BgpError {
    if (length <= 0 || f == null) {
      return;
    }
    PrefixTable<Boolean> table = f == Family.IPV4_UNICAST ? v4 : v6;
    long[] p = Nlri.decode(body, from, length, f, false);
    int n = Nlri.count(p);
    for (int i = 0; i < n; i++) {
      if (announced) {
        table.put(p[3 * i], p[3 * i + 1], p[3 * i + 2], HELD);
      } else {
        table.remove(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      }
    }
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  /** When it first held the whole table ({@link System#nanoTime}), or 0. */
  long completeNanos() {
    return completeNanos;
  }

  String error() {
    return error;
  }

  @Override
  public String toString() {
    return size4 + " of " + expected4 + " IPv4, " + size6 + " of " + expected6 + " IPv6";
  }
}
