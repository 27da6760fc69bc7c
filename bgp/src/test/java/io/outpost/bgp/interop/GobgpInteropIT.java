package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.MD5_PASSWORD;
import static io.outpost.bgp.interop.SpeakerLab.OURS4;
import static io.outpost.bgp.interop.SpeakerLab.OURS6;
import static io.outpost.bgp.interop.SpeakerLab.OURS_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.PEER4;

import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link PeerInterop} against GoBGP (Debian gobgpd), steered with the gobgp CLI over gRPC. */
class GobgpInteropIT extends PeerInterop {
  private LabProcess gobgpd;

  @Override
  void startPeer() {
    Path conf = lab.lab.workDir().resolve("gobgpd.toml");
    String neighbor = """
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%s"
            peer-as = 65001
          [neighbors.timers.config]
            connect-retry = 1
            hold-time = 9
            keepalive-interval = 3
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "%s"
        """;
    try {
      Files.writeString(conf, """
          [global.config]
            as = 65002
            router-id = "%s"
          """.formatted(PEER4) + neighbor.formatted(OURS4, "ipv4-unicast")
          + neighbor.formatted(OURS6, "ipv6-unicast")
          + neighbor.formatted(OURS_SECURE, "ipv4-unicast").replace("peer-as = 65001", """
              peer-as = 65001
              auth-password = "%s"
            [neighbors.ttl-security.config]
              enabled = true
              ttl-min = 255
            [neighbors.graceful-restart.config]
              enabled = true
              restart-time = 8""".formatted(MD5_PASSWORD)) + """
                [neighbors.afi-safis.mp-graceful-restart.config]
                  enabled = true
              """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gobgpd = lab.peer.spawn("gobgpd", "gobgpd", "-f", conf.toString(), "-t", "toml",
        "--api-hosts", "127.0.0.1:50051");
    gobgpd.awaitLog("Add a peer configuration", Duration.ofSeconds(30));
    gobgp("global", "rib", "add", "-a", "ipv4", "192.0.2.0/24");
    gobgp("global", "rib", "add", "-a", "ipv4", "198.18.0.0/15");
    gobgp("global", "rib", "add", "-a", "ipv4", "198.51.100.0/24", "med", "50", "community",
        "65002:100", "large-community", "65002:1:2");
    gobgp("global", "rib", "add", "-a", "ipv6", "2001:db8:2::/48");
  }

  private String gobgp(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "gobgp";
    System.arraycopy(args, 0, command, 1, args.length);
    return lab.peer.exec(command).stdout();
  }

  @Override
  String peerRoute(String prefix) {
    String out = gobgp("global", "rib", "-a", prefix.contains(":") ? "ipv6" : "ipv4", prefix);
    return out.contains(prefix) ? out : "";
  }

  @Override
  void peerWithdrawsOne() {
    gobgp("global", "rib", "del", "-a", "ipv4", "198.18.0.0/15");
  }

  @Override
  void peerResetsIpv4Session() {
    gobgp("neighbor", OURS4, "reset");
  }

  @Override
  void peerAnnouncesUntilRestart() {
    gobgp("global", "rib", "add", "-a", "ipv4", "192.0.2.128/25");
  }

  @Override
  void peerCrashes() {
    gobgpd.kill();
  }

  @Override
  String peerLog() {
    return gobgpd.logText() + "\n" + gobgp("neighbor");
  }

  @Override
  List<String> ourAttributesAsPeerShowsThem() {
    return List.of("65001", "{Med: 10}", "65001:7", "65001:8:9");
  }
}
