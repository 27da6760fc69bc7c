package io.outpost.bgp.speaker;

import static io.outpost.bgp.speaker.SpeakerPairTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route reflector (RFC 4456) over loopback: the hub (AS 65000, router ID 1.1.1.1, cluster ID
 * 9.9.9.9) and four iBGP speakers of the same AS, each its own speaker on a port of its own:
 * clients 127.0.0.2 (router ID 2.2.2.2) and 127.0.0.3, non-clients 127.0.0.4 and 127.0.0.5.
 */
class RouteReflectionTest {
  private static final long AS = 65000;
  private static final long CLUSTER = 0x09090909L;
  private static final long P198 = 0xc6336400L; // 198.51.100.0/24, from client .2
  private static final long P203 = 0xcb007100L; // 203.0.113.0/24, from non-client .4
  private static final long P192 = 0xc0000200L; // 192.0.2.0/24, from client .3, looped
  private final List<BgpSpeaker> speakers = new ArrayList<>();

  @AfterEach
  void close() {
    speakers.forEach(BgpSpeaker::close);
  }

  @Test
  void clientRoutesGoToEveryoneAndNonClientRoutesToClientsOnly() throws Exception {
    BgpSpeaker client2 = spoke(0x02020202L);
    BgpSpeaker client3 = spoke(0x03030303L);
    BgpSpeaker other4 = spoke(0x04040404L);
    BgpSpeaker other5 = spoke(0x05050505L);
    BgpSpeaker hub = new BgpSpeaker(SpeakerConfig.of(AS, 0x01010101L).withListenPort(0)
        .withClusterId(CLUSTER));
    speakers.add(hub);
    hub.start();
    hub.addPeer(neighbor("127.0.0.2", client2).routeReflectorClient(true).build());
    hub.addPeer(neighbor("127.0.0.3", client3).routeReflectorClient(true).build());
    hub.addPeer(neighbor("127.0.0.4", other4).build());
    hub.addPeer(neighbor("127.0.0.5", other5).build());
    await("four iBGP sessions", () -> hub.peers().stream()
        .allMatch(p -> p.state() == State.ESTABLISHED));

    client2.originate(Family.IPV4_UNICAST, P198, 0, 24, igp().build());
    await("a client's route reflected to the other client and to both non-clients",
        () -> has(client3, P198) && has(other4, P198) && has(other5, P198));
    PathAttributes reflected = client3.paths(Family.IPV4_UNICAST, P198, 0, 24).getFirst()
        .attributes();
    assertEquals(0x02020202L, reflected.originatorId(), "ORIGINATOR_ID: the client's router ID");
    assertArrayEquals(new int[] {(int) CLUSTER}, reflected.clusterList());
    assertEquals(100, reflected.localPref());

    other4.originate(Family.IPV4_UNICAST, P203, 0, 24, igp().build());
    await("a non-client's route reflected to both clients",
        () -> has(client2, P203) && has(client3, P203));
    await("and not to the other non-client, which was sent the client's route only",
        () -> status(hub, "127.0.0.5").advertised().get(Family.IPV4_UNICAST) == 1);
    assertTrue(!has(other5, P203));

    client3.originate(Family.IPV4_UNICAST, P192, 0, 24,
        igp().clusterList(new int[] {0x07070707, (int) CLUSTER}).build());
    await("a route whose CLUSTER_LIST holds our cluster ID is received",
        () -> status(hub, "127.0.0.3").received().get(Family.IPV4_UNICAST) == 1);
    assertTrue(hub.paths(Family.IPV4_UNICAST, P192, 0, 24).isEmpty(),
        "and kept out of the Loc-RIB (a reflection loop)");
    assertEquals(0, status(hub, "127.0.0.3").accepted().get(Family.IPV4_UNICAST));
  }

  private static boolean has(BgpSpeaker s, long prefix) {
    return !s.paths(Family.IPV4_UNICAST, prefix, 0, 24).isEmpty();
  }

  private static PeerStatus status(BgpSpeaker hub, String address) {
    return hub.peers().stream().filter(p -> p.address().equals(address))
        .findFirst().orElseThrow();
  }

  /** An iBGP speaker at 127.0.0.N (N the router ID's last octet) with the hub as neighbor. */
  private BgpSpeaker spoke(long routerId) throws Exception {
    BgpSpeaker s = new BgpSpeaker(SpeakerConfig.of(AS, routerId).withListenPort(freePort()));
    speakers.add(s);
    s.start();
    s.addPeer(PeerConfig.builder(InetAddress.getByName("127.0.0.1"), AS).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).passive(true).build());
    return s;
  }

  private static PeerConfig.Builder neighbor(String address, BgpSpeaker spoke)
      throws Exception {
    return PeerConfig.builder(InetAddress.getByName(address), AS).timers(9, 1)
        .port(spoke.config().listenPort()).families(Set.of(Family.IPV4_UNICAST))
        .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT);
  }

  private static PathAttributes.Builder igp() {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
