package io.outpost.bgp.speaker;

import static io.outpost.bgp.speaker.SpeakerPairTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Add-path send (RFC 7911) between our own speakers over loopback: a hub (AS 65000) learns
 * 198.51.100.0/24 from 65002 and 65003 and sends both paths, under path identifiers of its own,
 * to 65004, which takes them with add-path receive. A plain neighbor (65005) gets the best path
 * alone. The real-peer side of it (BIRD taking the paths) is in BirdInteropIT.
 */
class AddPathSendTest {
  private static final long P198 = 0xc6336400L;
  private BgpSpeaker hub;
  private BgpSpeaker two;
  private BgpSpeaker three;
  private BgpSpeaker four;
  private BgpSpeaker five;

  @AfterEach
  void close() {
    for (BgpSpeaker s : new BgpSpeaker[] {hub, two, three, four, five}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void everyPathGoesUnderItsOwnIdentifierAndEachChangeReplacesOrWithdrawsJustThatOne()
      throws Exception {
    two = spoke(65002, 0x02020202L, false);
    three = spoke(65003, 0x03030303L, false);
    four = spoke(65004, 0x04040404L, true);
    five = spoke(65005, 0x05050505L, false);
    hub = new BgpSpeaker(SpeakerConfig.of(65000, 0x01010101L).withListenPort(0));
    hub.start();
    hub.addPeer(neighbor("127.0.0.2", 65002, two).build());
    hub.addPeer(neighbor("127.0.0.3", 65003, three).build());
    hub.addPeer(neighbor("127.0.0.4", 65004, four).addPathSend(true).build());
    hub.addPeer(neighbor("127.0.0.5", 65005, five).build());
    await("four sessions", () -> hub.peers().size() == 4 && hub.peers().stream()
        .allMatch(p -> p.state() == State.ESTABLISHED));

    two.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    three.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    await("65004 has both paths", () -> paths(four).size() == 2);
    Map<Long, String> byId = pathsById(four);
    assertEquals(Set.of("65000 65002", "65000 65003"), Set.copyOf(byId.values()));
    assertEquals(Set.of(1L, 2L), byId.keySet(), "our identifiers, lowest first");
    await("65005 (no add-path) has one", () -> paths(five).size() == 1);
    assertEquals(2, status("127.0.0.4").advertised().get(Family.IPV4_UNICAST));

    // A changed path replaces itself under its identifier; the other stays as it was.
    long threesId = idOf(byId, "65000 65003");
    int community = 65003 << 16 | 7;
    three.originate(Family.IPV4_UNICAST, P198, 0, 24,
        igp().toBuilder().communities(new int[] {community}).build());
    await("65003's path changes in place", () -> paths(four).stream()
        .anyMatch(r -> r.pathId() == threesId && r.attributes().communities().length == 1
            && r.attributes().communities()[0] == community));
    assertEquals(byId, pathsById(four), "same identifiers, same paths");

    two.withdrawOriginated(Family.IPV4_UNICAST, P198, 0, 24);
    await("65002's path is withdrawn alone", () -> paths(four).size() == 1);
    assertEquals(Map.of(threesId, "65000 65003"), pathsById(four));
    assertEquals(1, status("127.0.0.4").advertised().get(Family.IPV4_UNICAST));

    two.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    await("65002's path comes back", () -> paths(four).size() == 2);
    assertEquals(Set.of("65000 65002", "65000 65003"), Set.copyOf(pathsById(four).values()));

    three.withdrawOriginated(Family.IPV4_UNICAST, P198, 0, 24);
    two.withdrawOriginated(Family.IPV4_UNICAST, P198, 0, 24);
    await("both withdrawn", () -> paths(four).isEmpty() && paths(five).isEmpty());
  }

  private static long idOf(Map<Long, String> byId, String asPath) {
    return byId.entrySet().stream().filter(e -> e.getValue().equals(asPath)).findFirst()
        .orElseThrow().getKey();
  }

  private static List<Route> paths(BgpSpeaker s) {
    return s.paths(Family.IPV4_UNICAST, P198, 0, 24);
  }

  private static Map<Long, String> pathsById(BgpSpeaker s) {
    Map<Long, String> out = new TreeMap<>();
    for (Route r : paths(s)) {
      out.put(r.pathId(), AsPath.toString(r.attributes().asPath()));
    }
    return out;
  }

  private PeerStatus status(String address) {
    return hub.peers().stream().filter(p -> p.address().equals(address))
        .findFirst().orElseThrow();
  }

  /** A speaker on a port of its own with the hub (127.0.0.1) as passive neighbor. */
  private static BgpSpeaker spoke(long as, long routerId, boolean addPathReceive)
      throws Exception {
    BgpSpeaker s = new BgpSpeaker(SpeakerConfig.of(as, routerId).withListenPort(freePort()));
    s.start();
    s.addPeer(PeerConfig.builder(InetAddress.getByName("127.0.0.1"), 65000).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT)
        .passive(true).addPathReceive(addPathReceive).build());
    return s;
  }

  private static PeerConfig.Builder neighbor(String address, long as, BgpSpeaker spoke)
      throws Exception {
    return PeerConfig.builder(InetAddress.getByName(address), as).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT)
        .port(spoke.config().listenPort());
  }

  private static PathAttributes igp() {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP).build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
