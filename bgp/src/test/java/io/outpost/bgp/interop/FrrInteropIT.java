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
import java.util.List;

/**
 * {@link PeerInterop} against FRR's bgpd (Debian frr), run alone (no zebra: {@code -Z}, so
 * {@code network} needs import-check off) and steered with vtysh.
 */
class FrrInteropIT extends PeerInterop {
  private LabProcess bgpd;
  private Path vty;

  @Override
  void startPeer() {
    Path dir = lab.lab.workDir();
    vty = dir.resolve("frr");
    Path conf = dir.resolve("bgpd.conf");
    try {
      Files.createDirectories(vty);
      Files.writeString(conf, """
          frr defaults traditional
          hostname peer
          log stdout informational
          route-map TO-OUTPOST permit 10
           match ip address prefix-list MARKED
           set metric 50
           set community 65002:100
           set large-community 65002:1:2
          route-map TO-OUTPOST permit 20
          ip prefix-list MARKED seq 5 permit 198.51.100.0/24
          router bgp 65002
           bgp router-id %s
           no bgp ebgp-requires-policy
           no bgp network import-check
           bgp graceful-restart
           bgp graceful-restart restart-time 8
           bgp graceful-restart preserve-fw-state
           neighbor %s remote-as 65001
           neighbor %s timers 3 9
           neighbor %s timers connect 1
           neighbor %s remote-as 65001
           neighbor %s timers 3 9
           neighbor %s timers connect 1
           neighbor %s remote-as 65001
           neighbor %s password %s
           neighbor %s ttl-security hops 1
           neighbor %s timers 3 9
           neighbor %s timers connect 1
           address-family ipv4 unicast
            network 192.0.2.0/24
            network 198.51.100.0/24
            network 198.18.0.0/15
            neighbor %s activate
            neighbor %s route-map TO-OUTPOST out
            no neighbor %s activate
           exit-address-family
           address-family ipv6 unicast
            network 2001:db8:2::/48
            neighbor %s activate
           exit-address-family
          """.formatted(PEER4, OURS4, OURS4, OURS4, OURS6, OURS6, OURS6, OURS_SECURE,
          OURS_SECURE, MD5_PASSWORD, OURS_SECURE, OURS_SECURE, OURS_SECURE, OURS4, OURS4, OURS6,
          OURS6));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bgpd = lab.peer.spawn("bgpd", "/usr/lib/frr/bgpd", "-Z", "-S", "-f", conf.toString(),
        "-i", dir.resolve("bgpd.pid").toString(), "--vty_socket", vty.toString(),
        "-A", "127.0.0.1", "--log", "stdout");
  }

  private String vtysh(String command) {
    return lab.peer.exec("vtysh", "--vty_socket", vty.toString(), "-d", "bgpd", "-c", command)
        .stdout();
  }

  @Override
  String peerRoute(String prefix) {
    String family = prefix.contains(":") ? "ipv6" : "ipv4";
    String out = vtysh("show bgp " + family + " unicast " + prefix);
    return out.contains("Network not in table") || !out.contains("Paths:") ? "" : out;
  }

  /** One IPv4 unicast line of bgpd's running configuration (not saved to its file). */
  private void configureIpv4(String line) {
    lab.peer.exec("vtysh", "--vty_socket", vty.toString(), "-d", "bgpd", "-c",
        "configure terminal", "-c", "router bgp 65002", "-c", "address-family ipv4 unicast",
        "-c", line);
  }

  @Override
  void peerWithdrawsOne() {
    configureIpv4("no network 198.18.0.0/15");
  }

  @Override
  void peerResetsIpv4Session() {
    vtysh("clear bgp " + OURS4);
  }

  @Override
  void peerAnnouncesUntilRestart() {
    configureIpv4("network 192.0.2.128/25");
  }

  @Override
  void peerCrashes() {
    bgpd.kill();
  }

  @Override
  String peerLog() {
    return bgpd.logText() + "\n" + vtysh("show bgp summary");
  }

  @Override
  List<String> ourAttributesAsPeerShowsThem() {
    return List.of("65001", "metric 10", "Community: 65001:7", "Large Community: 65001:8:9");
  }
}
