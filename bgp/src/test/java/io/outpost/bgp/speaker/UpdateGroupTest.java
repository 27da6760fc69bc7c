package io.outpost.bgp.speaker;

import static io.outpost.bgp.speaker.SpeakerPairTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hub speaker (AS 65000) with two eBGP neighbors that have the same export policy, so they
 * share one update group, over loopback: 127.0.0.2 (AS 65002) and 127.0.0.3 (AS 65003), each
 * its own speaker listening on a port of its own. What one of them sends reaches the other
 * through the shared group, and never goes back to it.
 */
class UpdateGroupTest {
  private static final long P198 = 0xc6336400L;
  private static final long P203 = 0xcb007100L;
  private BgpSpeaker hub;
  private BgpSpeaker two;
  private BgpSpeaker three;

  @AfterEach
  void close() {
    for (BgpSpeaker s : new BgpSpeaker[] {hub, two, three}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void aSharedGroupSendsEachPathToEveryMemberButItsSource() throws Exception {
    startHubWithTwo();
    addThree();
    hub.originate(Family.IPV4_UNICAST, P203, 0, 24, igp());
    await("both sessions", () -> hub.peers().stream()
        .allMatch(p -> p.state() == State.ESTABLISHED));

    two.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    await("198.51.100.0/24 reaches 65003 through the hub",
        () -> three.ribSize(Family.IPV4_UNICAST) == 2);
    PathAttributes got = three.paths(Family.IPV4_UNICAST, P198, 0, 24).getFirst().attributes();
    assertEquals("65000 65002", AsPath.toString(got.asPath()));
    assertEquals(2, two.ribSize(Family.IPV4_UNICAST), "65002 has its own and the hub's");
    assertTrue(two.paths(Family.IPV4_UNICAST, P198, 0, 24).stream()
        .noneMatch(r -> r.attributes().asPath().length > 0), "its path never came back");
    PeerStatus toTwo = status("127.0.0.2");
    PeerStatus toThree = status("127.0.0.3");
    assertEquals(1, toTwo.advertised().get(Family.IPV4_UNICAST), "the hub's own only");
    assertEquals(2, toThree.advertised().get(Family.IPV4_UNICAST));

    two.withdrawOriginated(Family.IPV4_UNICAST, P198, 0, 24);
    await("the withdrawal reaches 65003", () -> three.ribSize(Family.IPV4_UNICAST) == 1);
    assertEquals(1, status("127.0.0.3").advertised().get(Family.IPV4_UNICAST));
  }

  @Test
  void aLoneMembersOwnRoutesReachTheNextMemberAndAreTakenBackFromIt() throws Exception {
    startHubWithTwo();
    hub.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    await("65002 has the hub's 198.51.100.0/24", () -> two.ribSize(Family.IPV4_UNICAST) == 1);

    two.originate(Family.IPV4_UNICAST, P198, 0, 24, igp());
    two.originate(Family.IPV4_UNICAST, P203, 0, 24, igp());
    await("the hub has 65002's paths", () -> hub.paths(Family.IPV4_UNICAST, P198, 0, 24).size()
        == 2 && hub.ribSize(Family.IPV4_UNICAST) == 2);
    hub.withdrawOriginated(Family.IPV4_UNICAST, P198, 0, 24);
    await("the hub's path, which 65002 now sends it itself, is taken back from 65002",
        () -> two.paths(Family.IPV4_UNICAST, P198, 0, 24).size() == 1
            && two.paths(Family.IPV4_UNICAST, P198, 0, 24).getFirst().attributes().asPath()
                .length == 0);
    assertEquals(0, status("127.0.0.2").advertised().get(Family.IPV4_UNICAST),
        "nothing of its own goes back to a lone member");

    addThree();
    await("65003 joins the group and gets 65002's routes",
        () -> three.ribSize(Family.IPV4_UNICAST) == 2);
    assertEquals("65000 65002", AsPath.toString(three.paths(Family.IPV4_UNICAST, P203, 0, 24)
        .getFirst().attributes().asPath()));
    assertEquals(2, status("127.0.0.3").advertised().get(Family.IPV4_UNICAST));
    assertEquals(0, status("127.0.0.2").advertised().get(Family.IPV4_UNICAST));
  }

  /** Starts 65002, 65003 and the hub, with 65002 as the hub's neighbor. */
  private void startHubWithTwo() throws Exception {
    two = spoke(65002, 0x02020202L);
    three = spoke(65003, 0x03030303L);
    hub = new BgpSpeaker(SpeakerConfig.of(65000, 0x01010101L).withListenPort(0));
    hub.start();
    hub.addPeer(neighbor("127.0.0.2", 65002).port(two.config().listenPort()).build());
  }

  private void addThree() throws Exception {
    hub.addPeer(neighbor("127.0.0.3", 65003).port(three.config().listenPort()).build());
  }

  private PeerStatus status(String address) {
    return hub.peers().stream().filter(p -> p.address().equals(address))
        .findFirst().orElseThrow();
  }

  /** A speaker listening on a port of its own, with the hub (127.0.0.1) as passive neighbor. */
  private static BgpSpeaker spoke(long as, long routerId) throws Exception {
    BgpSpeaker s = new BgpSpeaker(SpeakerConfig.of(as, routerId).withListenPort(freePort()));
    s.start();
    s.addPeer(neighbor("127.0.0.1", 65000).passive(true).build());
    return s;
  }

  private static PeerConfig.Builder neighbor(String address, long as) throws Exception {
    return PeerConfig.builder(InetAddress.getByName(address), as).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT);
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
