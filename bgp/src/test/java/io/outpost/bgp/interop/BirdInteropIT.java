package io.outpost.bgp.interop;

import static io.outpost.bgp.interop.SpeakerLab.OURS4;
import static io.outpost.bgp.interop.SpeakerLab.OURS6;
import static io.outpost.bgp.interop.SpeakerLab.PEER4;
import static io.outpost.bgp.interop.SpeakerLab.MD5_PASSWORD;
import static io.outpost.bgp.interop.SpeakerLab.OURS_SECURE;
import static io.outpost.bgp.interop.SpeakerLab.PEER6;
import static io.outpost.bgp.interop.SpeakerLab.PEER_SECURE;

import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link PeerInterop} against BIRD 2 (Debian bird2), steered with birdc. */
class BirdInteropIT extends PeerInterop {
  private LabProcess bird;
  private Path socket;

  @Override
  void startPeer() {
    Path dir = lab.lab.workDir();
    Path conf = dir.resolve("bird.conf");
    socket = dir.resolve("bird.ctl");
    try {
      Files.writeString(conf, """
          router id %s;
          protocol device {}
          protocol static s4 { ipv4; route 192.0.2.0/24 blackhole; route 198.51.100.0/24 blackhole; }
          protocol static s4b { ipv4; route 198.18.0.0/15 blackhole; }
          protocol static s6 { ipv6; route 2001:db8:2::/48 blackhole; }
          filter to_outpost {
            if net = 198.51.100.0/24 then {
              bgp_med = 50;
              bgp_community.add((65002, 100));
              bgp_large_community.add((65002, 1, 2));
            }
            if source = RTS_STATIC then accept;
            reject;
          }
          protocol bgp outpost4 {
            local %s as 65002; neighbor %s as 65001; hold time 9;
            connect retry time 1; error wait time 1, 2;
            ipv4 { import all; export filter to_outpost; };
          }
          protocol bgp outpost6 {
            local %s as 65002; neighbor %s as 65001; hold time 9;
            connect retry time 1; error wait time 1, 2;
            ipv6 { import all; export filter to_outpost; };
          }
          protocol bgp secure {
            local %s as 65002; neighbor %s as 65001; hold time 9;
            connect retry time 1; error wait time 1, 2;
            password "%s"; ttl security on;
            graceful restart on; graceful restart time 8;
            ipv4 { import all; export filter to_outpost; };
          }
          """.formatted(PEER4, PEER4, OURS4, PEER6, OURS6, PEER_SECURE, OURS_SECURE,
          MD5_PASSWORD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bird = lab.peer.spawn("bird", "bird", "-f", "-c", conf.toString(), "-s", socket.toString(),
        "-P", dir.resolve("bird.pid").toString());
  }

  /** birdc's answer; it exits 1 on an error reply such as "Network not found", kept as text. */
  private String birdc(String command) {
    return lab.peer.exec("birdc", "-s", socket.toString(), command).stdout();
  }

  @Override
  String peerRoute(String prefix) {
    String all = birdc("show route " + prefix + " all");
    return all.contains(prefix) ? all : "";
  }

  @Override
  void peerWithdrawsOne() {
    birdc("disable s4b");
  }

  @Override
  void peerResetsIpv4Session() {
    birdc("restart outpost4");
  }

  @Override
  void peerAnnouncesUntilRestart() {
    Path conf = lab.lab.workDir().resolve("bird.conf");
    try {
      Files.writeString(conf, "protocol static extra { ipv4; route 192.0.2.128/25 blackhole; }\n",
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    birdc("configure"); // startPeer writes the configuration without it again
  }

  @Override
  void peerCrashes() {
    bird.kill();
  }

  @Override
  String peerLog() {
    return bird.logText() + "\n" + birdc("show protocols all");
  }

  @Override
  List<String> ourAttributesAsPeerShowsThem() {
    return List.of("BGP.as_path: 65001", "BGP.med: 10", "BGP.community: (65001,7)",
        "BGP.large_community: (65001, 8, 9)");
  }
}
