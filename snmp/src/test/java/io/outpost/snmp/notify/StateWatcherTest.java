package io.outpost.snmp.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.snmp.FakeSources;
import io.outpost.snmp.mib.Bgp4Mib;
import io.outpost.snmp.source.BgpPeerRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

/** Which BGP notifications a change between two polls makes, in order. */
class StateWatcherTest {
  final FakeSources state = new FakeSources();
  final List<OID> sent = new ArrayList<>();
  final StateWatcher watcher = new StateWatcher(state.sources(), (t, b) -> sent.add(t));

  static BgpPeerRow peer(int state, long established) {
    return new BgpPeerRow(FakeSources.ip("192.0.2.9"), "192.0.2.9", state, true, null, 0, 0,
        65001, 0, 0, 0, 0, 0, 0, established, 0, 120, 90, 30, 90, 30, 0);
  }

  List<OID> after(int state, long established) {
    sent.clear();
    this.state.peers = List.of(peer(state, established));
    watcher.poll();
    return List.copyOf(sent);
  }

  @Test
  void transitionsBetweenPollsAreEachNotified() {
    state.peers = List.of();
    watcher.poll(); // learns: no neighbors
    assertEquals(List.of(), after(3, 0), "a new neighbor trying to connect: nothing");
    assertEquals(List.of(Bgp4Mib.ESTABLISHED), after(6, 1));
    assertEquals(List.of(), after(6, 1), "still established");
    assertEquals(List.of(Bgp4Mib.BACKWARD_TRANSITION, Bgp4Mib.ESTABLISHED), after(6, 2),
        "reset and up again within one poll");
    assertEquals(List.of(Bgp4Mib.BACKWARD_TRANSITION), after(1, 2));
    assertEquals(List.of(), after(4, 2), "idle to opensent: forward");
    assertEquals(List.of(Bgp4Mib.BACKWARD_TRANSITION), after(3, 2), "opensent to active");
    assertEquals(List.of(Bgp4Mib.ESTABLISHED, Bgp4Mib.BACKWARD_TRANSITION), after(1, 3),
        "up and down again within one poll");
  }

  @Test
  void aNeighborAlreadyEstablishedWhenFirstSeenIsNews() {
    state.peers = List.of();
    watcher.poll();
    assertEquals(List.of(Bgp4Mib.ESTABLISHED), after(6, 1));
  }

  @Test
  void theFirstPollOnlyLearns() {
    assertEquals(List.of(), after(6, 1));
  }
}
