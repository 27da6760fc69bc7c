package io.outpost.controlplane.bgp;

import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.speaker.PeerStatus;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.routing.PrefixWords;
import io.outpost.snmp.source.BgpPathRow;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.BgpSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The BGP speaker as BGP4-MIB sees it: the speaker's sessions, and the neighbors that are
 * configured but shut down (admin status stop, state idle), as {@code show bgp summary} shows
 * them. A snapshot per call, taken from the speaker's own status snapshot.
 */
public final class BgpMibSource implements BgpSource {
  private final BgpSubsystem bgp;

  public BgpMibSource(BgpSubsystem bgp) {
    this.bgp = bgp;
  }

  @Override
  public long localAs() {
    return bgp.settings().map(s -> s.speaker().localAs()).orElse(0L);
  }

  @Override
  public String routerId() {
    return bgp.settings().map(s -> Prefixes.routerId(s.speaker().routerId())).orElse(null);
  }

  @Override
  public List<BgpPeerRow> peers() {
    Optional<BgpSpeaker> speaker = bgp.speaker();
    Optional<BgpSettings> settings = bgp.settings();
    if (speaker.isEmpty() || settings.isEmpty()) {
      return List.of();
    }
    List<BgpPeerRow> rows = new ArrayList<>();
    for (PeerStatus p : speaker.get().peers()) {
      InetAddress address = address(p.address());
      BgpSettings.Neighbor n = address == null ? null : settings.get().neighbors().get(address);
      int holdConfigured = n == null ? 0 : n.holdTime();
      rows.add(new BgpPeerRow(address, Prefixes.routerId(p.remoteRouterId()),
          p.state().ordinal() + 1, true, null, 0, 0, p.remoteAs(), p.updatesIn(),
          p.updatesOut(), p.messagesIn(), p.messagesOut(), p.lastErrorCode(),
          p.lastErrorSubcode(), p.establishedTransitions(), p.upSeconds(),
          n == null ? 0 : n.connectRetry(), p.holdTime(), p.holdTime() / 3, holdConfigured,
          holdConfigured / 3, Math.max(0, p.secondsSinceUpdate())));
    }
    for (BgpSettings.Neighbor n : settings.get().neighbors().values()) {
      if (n.shutdown()) {
        rows.add(new BgpPeerRow(n.address(), "0.0.0.0", 1, false, null, 0, 0, n.remoteAs(), 0,
            0, 0, 0, 0, 0, 0, 0, n.connectRetry(), 0, 0, n.holdTime(), n.holdTime() / 3, 0));
      }
    }
    return rows;
  }

  /**
   * The IPv4 paths the IPv4 neighbors sent, before import policy, up to {@code limit} in all;
   * a neighbor's paths come in the order its Adj-RIB-In keeps them, so past the limit which
   * ones are shown is not by prefix. Whether each is the best path is asked of the Loc-RIB.
   */
  @Override
  public List<BgpPathRow> paths(int limit) {
    Optional<BgpSpeaker> speaker = bgp.speaker();
    if (speaker.isEmpty()) {
      return List.of();
    }
    BgpSpeaker s = speaker.get();
    // on the speaker's loop throughout: the calls below then run inline, one hand-over in all
    // instead of one per path
    return s.onLoop(() -> paths(s, limit));
  }

  private static List<BgpPathRow> paths(BgpSpeaker s, int limit) {
    List<BgpPathRow> rows = new ArrayList<>();
    for (PeerStatus p : s.peers()) {
      if (!(address(p.address()) instanceof Inet4Address peer) || rows.size() >= limit) {
        continue;
      }
      List<BgpSpeaker.PrefixRoute> received;
      try {
        received = s.neighborRoutes(peer, false, limit - rows.size());
      } catch (IllegalArgumentException e) {
        continue; // removed since peers() was read
      }
      for (BgpSpeaker.PrefixRoute r : received) {
        if (r.family() != Family.IPV4_UNICAST) {
          continue;
        }
        PathAttributes a = r.attributes();
        List<Route> paths = s.paths(Family.IPV4_UNICAST, r.hi(), r.lo(), r.length());
        boolean best = !paths.isEmpty() && paths.getFirst().pathId() == r.pathId()
            && Arrays.equals(paths.getFirst().source().address(), peer.getAddress());
        rows.add(new BgpPathRow((Inet4Address) PrefixWords.prefix(false, r.hi(), 0, 32)
            .toInetAddress(), r.length(), peer, a.origin(), a.asPath(),
            a.nextHopAddress(), a.med(), a.localPref(), a.atomicAggregate(),
            Math.max(0, a.aggregatorAs()), a.aggregatorAddress(), best, a.unknownTransitive()));
      }
    }
    return rows;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text); // a literal from the speaker: no name lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
