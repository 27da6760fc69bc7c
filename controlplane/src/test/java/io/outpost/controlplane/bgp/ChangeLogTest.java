package io.outpost.controlplane.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.controlplane.routing.LearnedRoutes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLogTest {
  private record Seen(boolean ipv6, long hi, long lo, int length, LearnedRoutes.Path path) {}

  private static List<Seen> replay(ChangeLog log) {
    List<Seen> seen = new ArrayList<>();
    log.forEach((ipv6, hi, lo, length, path) -> seen.add(new Seen(ipv6, hi, lo, length, path)));
    return seen;
  }

  @Test
  void replaysEveryChangeInOrderRepeatsIncludedThroughGrowth() throws Exception {
    LearnedRoutes.Path via = new LearnedRoutes.Path(List.of(InetAddress.getByName("10.0.0.2")),
        true);
    ChangeLog v4 = new ChangeLog(false);
    ChangeLog v6 = new ChangeLog(true);
    List<Seen> want4 = new ArrayList<>();
    List<Seen> want6 = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long address = 0xffff_ff00L - 256L * (i % 300); // repeats: a prefix changes again
      LearnedRoutes.Path p = i % 7 == 0 ? null : via;
      v4.add(address, 0, 24 + i % 9, p);
      want4.add(new Seen(false, address, 0, 24 + i % 9, p));
      v6.add(0x2001_0db8_0000_0000L + i, -1L - i, i % 129, p);
      want6.add(new Seen(true, 0x2001_0db8_0000_0000L + i, -1L - i, i % 129, p));
    }
    assertEquals(1000, v4.size());
    assertEquals(want4, replay(v4));
    assertEquals(want6, replay(v6));
    v4.clear();
    assertEquals(0, v4.size());
    assertEquals(List.of(), replay(v4));
    v4.add(0x0a00_0000L, 0, 8, via);
    assertEquals(List.of(new Seen(false, 0x0a00_0000L, 0, 8, via)), replay(v4));
  }

  @Test
  void aSmallBatchAfterABurstReplaysCorrectly() {
    ChangeLog log = new ChangeLog(false);
    for (int i = 0; i < 200_000; i++) {
      log.add(i, 0, 32, null);
    }
    log.clear(); // the burst itself filled the arrays: kept
    log.add(1, 0, 32, null);
    log.clear(); // a small batch in big arrays: they shrink (what follows must not notice)
    for (int i = 0; i < 100; i++) {
      log.add(i, 0, 32, null);
    }
    assertEquals(100, replay(log).size());
    assertEquals(99, replay(log).get(99).hi());
  }
}
