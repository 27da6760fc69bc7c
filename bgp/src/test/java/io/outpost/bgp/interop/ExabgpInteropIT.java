package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.OURS4;
import static io.outpost.bgp.interop.SpeakerLab.OURS_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.OUR_AS;
import static io.outpost.bgp.interop.SpeakerLab.PEER4;
import static io.outpost.bgp.interop.SpeakerLab.PEER_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.address;
import static io.outpost.bgp.interop.SpeakerLab.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.speaker.PeerConfig;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Tshark;
import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outpost as a route reflector (RFC 4456) for two iBGP clients played by one ExaBGP (Debian
 * exabgp), and tshark's verdict on every message Outpost sent them on the wire.
 *
 * <p>Client A is ExaBGP at 10.0.1.2 (router ID 10.255.0.2), client B at 10.0.2.2 (router ID
 * 10.255.0.3), both in our AS 65001. A announces 198.51.100.0/24 (MED 50, community 65001:100,
 * large community 65001:1:2). B announces 192.0.2.0/24 with our cluster ID already in its
 * CLUSTER_LIST and 192.0.2.128/25 with our router ID as ORIGINATOR_ID: both are reflection loops.
 * A also sends two paths to 198.18.0.0/24 (path identifiers 1 and 2, MED 20 and 10) with
 * add-path (RFC 7911), which Outpost takes from it. B takes every path with add-path, so
 * Outpost sends it both, under path identifiers of its own (and everything else under one too).
 * ExaBGP writes every UPDATE it receives, parsed, as one JSON line per message, to a file the
 * test reads. tshark captures on Outpost's side of the link from before the sessions start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExabgpInteropIT {
  private static final String A_ID = "10.255.0.2";
  private static final String B_ID = "10.255.0.3";
  private SpeakerLab lab;
  private LabProcess capture;
  private LabProcess exabgp;
  private Path received;
  private Path pcap;

  @BeforeAll
  void start() throws IOException {
    lab = new SpeakerLab("bgp-exabgp");
    Path dir = lab.lab.workDir();
    pcap = dir.resolve("bgp.pcapng");
    capture = lab.outpost.spawn("tshark", "tshark", "-i", "eth0", "-f", "tcp port 179", "-w",
        pcap.toString());
    capture.awaitLog("Capture started", Duration.ofSeconds(30));

    received = dir.resolve("received.jsonl");
    Path recorder = dir.resolve("recorder.py");
    Files.writeString(recorder, """
        import sys
        with open(sys.argv[1], "a") as out:
            for line in sys.stdin:
                out.write(line)
                out.flush()
        """);
    Path conf = dir.resolve("exabgp.conf");
    Files.writeString(conf, """
        process recorder {
          run /usr/bin/python3 %s %s;
          encoder json;
        }
        template {
          neighbor client {
            local-as %d; peer-as %d; hold-time 9;
            family { ipv4 unicast; }
            api { processes [ recorder ]; receive { parsed; update; } }
          }
        }
        neighbor %s {
          inherit client; router-id %s; local-address %s;
          capability { add-path send; }
          static {
            route 198.51.100.0/24 next-hop %s med 50 community [ 65001:100 ] large-community [ 65001:1:2 ];
            route 198.18.0.0/24 next-hop %7$s path-information 0.0.0.1 med 20;
            route 198.18.0.0/24 next-hop %7$s path-information 0.0.0.2 med 10;
          }
        }
        neighbor %s {
          inherit client; router-id %s; local-address %s;
          capability { add-path receive; }
          static {
            route 192.0.2.0/24 next-hop %s cluster-list [ 10.9.9.9 %s ];
            route 192.0.2.128/25 next-hop %s originator-id %s;
          }
        }
        """.formatted(recorder, received, OUR_AS, OUR_AS,
        OURS4, A_ID, PEER4, PEER4,
        OURS_SECURE, B_ID, PEER_SECURE, PEER_SECURE, OURS4, PEER_SECURE, OURS4));
    exabgp = lab.peer.spawn("exabgp", List.of("exabgp", conf.toString()), Map.of(
        "exabgp.daemon.user", "root", "exabgp.daemon.drop", "false",
        "exabgp.log.destination", "stdout", "exabgp.api.ack", "false"));

    for (String client : List.of(PEER4, PEER_SECURE)) {
      lab.speaker.addPeer(PeerConfig.builder(address(client), OUR_AS).timers(9, 1)
          .families(Set.of(Family.IPV4_UNICAST)).routeReflectorClient(true)
          .addPathReceive(client.equals(PEER4)).addPathSend(client.equals(PEER_SECURE)).build());
    }
  }

  @AfterAll
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void bothClientSessionsComeUp() {
    lab.awaitEstablished("ExaBGP (iBGP)", List.of(PEER4, PEER_SECURE), this::log);
  }

  @Test
  @Order(2)
  void aClientsRouteIsReflectedToTheOtherClientWithOriginatorAndClusterList() {
    await("A's route in Outpost's Loc-RIB", 30, () -> !lab.paths("198.51.100.0/24").isEmpty(),
        this::log);
    PathAttributes a = lab.paths("198.51.100.0/24").getFirst().attributes();
    assertEquals("", AsPath.toString(a.asPath()));
    assertEquals(50, a.med());
    assertEquals("65001:100", Communities.format(a.communities()));
    assertEquals("65001:1:2", Communities.formatLarge(a.largeCommunities()));

    await("B receives it", 30, () -> !announced(PEER_SECURE, "198.51.100.0/24").isEmpty(),
        this::log);
    String atB = announced(PEER_SECURE, "198.51.100.0/24");
    for (String expected : List.of("\"originator-id\":\"" + A_ID + "\"",
        "\"cluster-list\":[\"" + OURS4 + "\"]", "\"med\":50", "\"local-preference\":100",
        "\"community\":[[65001,100]]", "\"large-community\":[[65001,1,2]]",
        "\"" + PEER4 + "\":[{\"nlri\":\"198.51.100.0/24\",\"path-information\":\"0.0.0.1\"}]")) {
      assertTrue(atB.contains(expected), expected + " (the next hop is A's, unchanged) in " + atB);
    }
    assertEquals("", announced(PEER4, "198.51.100.0/24"), "A is not sent its own route");
  }

  @Test
  @Order(3)
  void addPathBringsBothOfTheClientsPathsToOnePrefixAndSendsBothOnToTheOther() {
    await("both of A's paths to 198.18.0.0/24", 30,
        () -> lab.paths("198.18.0.0/24").size() == 2, this::log);
    List<io.outpost.bgp.rib.Route> paths = lab.paths("198.18.0.0/24");
    assertEquals(List.of(2L, 1L), paths.stream().map(io.outpost.bgp.rib.Route::pathId).toList(),
        "best first: path 2 has the lower MED");
    assertEquals(10, paths.getFirst().attributes().med());
    assertEquals(3, lab.status(PEER4).received().get(Family.IPV4_UNICAST),
        "198.51.100.0/24 and the two paths to 198.18.0.0/24");
    await("B is sent both, each under an identifier of ours", 30,
        () -> medsByPathId(PEER_SECURE, "198.18.0.0/24").size() == 2, this::log);
    assertEquals(Set.of(10L, 20L),
        Set.copyOf(medsByPathId(PEER_SECURE, "198.18.0.0/24").values()));
  }

  /** Per path identifier, the MED of the last UPDATE {@code peer} received announcing it. */
  private Map<String, Long> medsByPathId(String peer, String prefix) {
    java.util.regex.Pattern id = java.util.regex.Pattern.compile(
        "\\{\"nlri\":\"" + java.util.regex.Pattern.quote(prefix)
            + "\",\"path-information\":\"([0-9.]+)\"}");
    java.util.regex.Pattern med = java.util.regex.Pattern.compile("\"med\":([0-9]+)");
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String update : updatesTo(peer)) {
      java.util.regex.Matcher i = id.matcher(update);
      java.util.regex.Matcher m = med.matcher(update);
      if (update.contains("\"announce\"") && i.find() && m.find()) {
        out.put(i.group(1), Long.parseLong(m.group(1)));
      }
    }
    return out;
  }

  @Test
  @Order(4)
  void reflectionLoopsAreReceivedAndKeptOutOfTheLocRib() {
    await("B's two routes received", 30, () -> lab.status(PEER_SECURE).received()
        .getOrDefault(Family.IPV4_UNICAST, 0) == 2, this::log);
    assertTrue(lab.paths("192.0.2.0/24").isEmpty(), "our cluster ID in its CLUSTER_LIST");
    assertTrue(lab.paths("192.0.2.128/25").isEmpty(), "our router ID as its ORIGINATOR_ID");
    assertEquals(0, lab.status(PEER_SECURE).accepted().get(Family.IPV4_UNICAST));
    assertEquals("", announced(PEER4, "192.0.2.0/24"), "so A is not sent them");
  }

  @Test
  @Order(5)
  void ourOwnRouteReachesBothClientsWithoutReflectionAttributesAndIsWithdrawn() {
    lab.originate("203.0.113.0/24");
    await("both clients receive 203.0.113.0/24", 30,
        () -> !announced(PEER4, "203.0.113.0/24").isEmpty()
            && !announced(PEER_SECURE, "203.0.113.0/24").isEmpty(), this::log);
    String atA = announced(PEER4, "203.0.113.0/24");
    assertFalse(atA.contains("originator-id") || atA.contains("cluster-list"), atA);
    assertTrue(atA.contains("\"med\":10") && atA.contains("\"" + OURS4 + "\":[{\"nlri\""), atA);

    lab.withdraw("203.0.113.0/24");
    await("both clients receive the withdrawal", 30,
        () -> withdrawn(PEER4, "203.0.113.0/24") && withdrawn(PEER_SECURE, "203.0.113.0/24"),
        this::log);
  }

  @Test
  @Order(6)
  void tsharkDecodesEveryMessageOutpostSentWithoutMalformedOrExpertWarnings() throws Exception {
    String ours = "ip.src==" + OURS4 + " || ip.src==" + OURS_SECURE;
    Set<String> seen = new java.util.TreeSet<>();
    // The capture writes as it goes; wait until what we sent is in the file, then stop it.
    await("OPEN, UPDATE and KEEPALIVE from us in the capture", 30, () -> {
      seen.clear();
      seen.addAll(typesFrom(ours));
      return seen.containsAll(Set.of("1", "2", "4"));
    }, () -> seen.toString());
    capture.signal("INT"); // tshark flushes and closes the file on SIGINT
    capture.waitFor(Duration.ofSeconds(10));
    seen.clear();
    seen.addAll(typesFrom(ours));
    assertTrue(seen.containsAll(Set.of("1", "2", "4")), () -> "OPEN, UPDATE and KEEPALIVE"
        + " from us on the wire, saw types " + seen + " in " + pcap + " ("
        + pcap.toFile().length() + " octets):\n" + capture.logText() + summary());
    String verbose = Tshark.run("-r", pcap.toString(), "-Y", ours, "-O", "bgp");
    assertTrue(verbose.contains("ORIGINATOR_ID") && verbose.contains("CLUSTER_LIST"),
        "the reflected UPDATE is among them");
    assertTrue(verbose.contains("198.18.0.0/24 PathId 2"),
        "the UPDATEs to B carry our path identifiers, and tshark reads them");
    assertFalse(verbose.contains("Malformed") || verbose.contains("[Expert Info (Error")
        || verbose.contains("[Expert Info (Warning"), verbose);
  }

  /** The BGP message types in the capture, sent from {@code sources} (a display filter). */
  private Set<String> typesFrom(String sources) {
    try {
      String types = Tshark.run("-r", pcap.toString(), "-Y", "bgp && (" + sources + ")", "-T",
          "fields", "-e", "bgp.type");
      Set<String> seen = new java.util.TreeSet<>();
      types.lines().forEach(l -> seen.addAll(List.of(l.split(","))));
      return seen;
    } catch (Exception e) {
      return Set.of(); // the file is being written: try again
    }
  }

  private String summary() {
    try {
      return Tshark.run("-r", pcap.toString());
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** The JSON (without white space) of the last UPDATE {@code peer} received announcing it. */
  private String announced(String peer, String prefix) {
    List<String> hits = updatesTo(peer).stream()
        .filter(l -> l.contains("\"announce\"") && l.contains("\"nlri\":\"" + prefix + "\""))
        .toList();
    return hits.isEmpty() ? "" : hits.getLast();
  }

  private boolean withdrawn(String peer, String prefix) {
    return updatesTo(peer).stream().anyMatch(l -> l.contains("\"withdraw\"")
        && l.contains("\"" + prefix + "\""));
  }

  /** Every UPDATE ExaBGP's neighbor at local address {@code peer} received, whitespace gone. */
  private List<String> updatesTo(String peer) {
    try {
      if (!Files.exists(received)) {
        return List.of();
      }
      return Files.readAllLines(received).stream().map(l -> l.replaceAll("\\s", ""))
          .filter(l -> l.contains("\"type\":\"update\"")
              && l.contains("\"local\":\"" + peer + "\""))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String log() {
    return exabgp.logText() + "\n" + lab.speaker.peers();
  }
}
