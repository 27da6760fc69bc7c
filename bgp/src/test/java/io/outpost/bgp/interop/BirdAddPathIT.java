package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.OURS4;
import static io.outpost.bgp.interop.SpeakerLab.OURS_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.PEER4;
import static io.outpost.bgp.interop.SpeakerLab.PEER_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.address;
import static io.outpost.bgp.interop.SpeakerLab.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.wire.Family;
import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Add-path send (RFC 7911) to BIRD 2, which takes every path with {@code add paths rx}. One
 * BIRD plays two eBGP neighbors: "feeder" (AS 65002, at 10.0.2.2) announces 203.0.113.0/24,
 * which Outpost also originates itself; "taker" (AS 65003, at 10.0.1.2) takes add-path.
 * Outpost sends the taker both paths (AS path 65001, and 65001 65002), and withdraws each on
 * its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BirdAddPathIT {
  private static final String PREFIX = "203.0.113.0/24";
  private SpeakerLab lab;
  private LabProcess bird;
  private Path socket;

  @BeforeAll
  void start() throws IOException {
    lab = new SpeakerLab("bgp-bird-addpath");
    Path dir = lab.lab.workDir();
    Path conf = dir.resolve("bird.conf");
    socket = dir.resolve("bird.ctl");
    Files.writeString(conf, """
        router id 10.255.0.9;
        protocol device {}
        protocol static s4 { ipv4; route 203.0.113.0/24 blackhole; }
        protocol bgp feeder {
          local %s as 65002; neighbor %s as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv4 { import none; export where proto = "s4"; };
        }
        protocol bgp taker {
          local %s as 65003; neighbor %s as 65001; hold time 9;
          connect retry time 1; error wait time 1, 2;
          ipv4 { import all; export none; add paths rx; };
        }
        """.formatted(PEER_SECURE, OURS_SECURE, PEER4, OURS4));
    bird = lab.peer.spawn("bird", "bird", "-f", "-c", conf.toString(), "-s", socket.toString(),
        "-P", dir.resolve("bird.pid").toString());
    lab.speaker.addPeer(PeerConfig.builder(address(PEER_SECURE), 65002).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, null).build());
    lab.speaker.addPeer(PeerConfig.builder(address(PEER4), 65003).timers(9, 1)
        .families(Set.of(Family.IPV4_UNICAST)).policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT)
        .addPathSend(true).build());
  }

  @AfterAll
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void bothPathsReachBirdEachUnderItsOwnIdentifier() {
    lab.awaitEstablished("BIRD", List.of(PEER4, PEER_SECURE), this::log);
    await("Outpost has BIRD's path", 30, () -> lab.paths(PREFIX).size() == 1, this::log);
    lab.originate(PREFIX);
    await("BIRD's taker has both paths", 30,
        () -> asPathsAtDown().equals(Set.of("65001", "65001 65002")), this::log);
    assertEquals(2, lab.status(PEER4).advertised().get(Family.IPV4_UNICAST));
    assertTrue(lab.status(PEER4).negotiated().contains("add-path send ipv4-unicast"),
        lab.status(PEER4).negotiated().toString());
  }

  @Test
  @Order(2)
  void eachPathIsWithdrawnOnItsOwn() {
    lab.withdraw(PREFIX);
    await("only the path through the feeder is left", 30,
        () -> asPathsAtDown().equals(Set.of("65001 65002")), this::log);
    birdc("disable s4");
    await("and then none", 30, () -> asPathsAtDown().isEmpty(), this::log);
    assertFalse(birdc("show protocols taker").contains("Error"), birdc("show protocols all taker"));
    assertTrue(birdc("show protocols taker").contains("Established"));
  }

  /** The AS paths of the routes to PREFIX that BIRD's protocol "taker" holds. */
  private Set<String> asPathsAtDown() {
    Matcher m = Pattern.compile("BGP\\.as_path: ([0-9 ]*)")
        .matcher(birdc("show route " + PREFIX + " protocol taker all"));
    Set<String> out = new java.util.TreeSet<>();
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  private String birdc(String command) {
    return lab.peer.exec("birdc", "-s", socket.toString(), command).stdout();
  }

  private String log() {
    return bird.logText() + "\n" + birdc("show protocols all") + "\n"
        + birdc("show route " + PREFIX + " all") + "\n" + lab.speaker.peers();
  }
}
