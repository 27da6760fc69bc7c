package io.outpost.bgp.speaker;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.rib.RouteSource;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a Loc-RIB route leaves as to the peers of one update group ({@link UpdateGroup.Key}):
 * whether it may go at all, and with which attributes. Split from {@link UpdateGroup}, which
 * decides who is told what and when, so that the group's two ways of advertising (the best path
 * per prefix, or every path with add-path) share one rewrite.
 *
 * <p>The rules of RFC 4271 section 9.1.3 and friends: nothing learned over iBGP to iBGP peers,
 * unless we reflect it (RFC 4456: from a route-reflector client to every iBGP peer, from
 * another iBGP peer to clients only, with ORIGINATOR_ID set and our cluster ID prepended to
 * CLUSTER_LIST); NO_ADVERTISE and NO_EXPORT honoured (RFC 1997); to eBGP peers our
 * AS is prepended, the next hop is ours, and LOCAL_PREF, a MED from another AS and the
 * reflection attributes are removed; then the export policy, which an eBGP peer must have to be
 * sent anything (RFC 8212).
 */
final class ExportRewrite {
  private final BgpSpeaker speaker;
  private final UpdateGroup.Key key;
  /** Rewrites one set at a time: one builder for all, not one per set and flush. */
  private final PathAttributes.Builder builder = PathAttributes.builder();

  ExportRewrite(BgpSpeaker speaker, UpdateGroup.Key key) {
    this.speaker = speaker;
    this.key = key;
  }

  /**
   * The attributes {@code best} leaves with to the group, or null when it is not sent. The
   * part that does not depend on the prefix is worked out once per attribute set and flush
   * ({@code cache}), the export policy per prefix.
   */
  PathAttributes outgoing(Family f, long hi, long lo, int length, Route best,
      OutgoingCache cache) {
    if (best == null) {
      return null;
    }
    RouteSource source = best.source();
    boolean local = source == speaker.localSource();
    boolean reflected = !key.external() && !local && !source.external();
    if (reflected && !source.reflectorClient() && !key.reflectorClients()) {
      return null; // iBGP to iBGP, and neither end a client: not reflected
    }
    PathAttributes a = best.attributes();
    PathAttributes out;
    if (local) {
      out = rewrite(f, a, true, null);
    } else {
      Map<PathAttributes, PathAttributes> of = source.external() ? cache.external
          : cache.internal.computeIfAbsent(source, k -> new IdentityHashMap<>());
      out = of.get(a);
      if (out == null) {
        out = rewrite(f, a, false, reflected ? source : null);
        of.put(a, out == null ? a : out); // a itself stands for "not sent"
      } else if (out == a) {
        out = null;
      }
    }
    if (out == null) {
      return null;
    }
    if (key.exportPolicy() == null) {
      return key.external() ? null : out; // RFC 8212
    }
    return key.exportPolicy().apply(f, hi, lo, length, out);
  }

  /**
   * The rewrites of one flush by the interned attributes they were made from: for eBGP sources
   * a prefix's rewrite depends on nothing else, for iBGP ones (reflected) also on the source.
   */
  static final class OutgoingCache {
    final Map<PathAttributes, PathAttributes> external = new IdentityHashMap<>();
    final Map<RouteSource, Map<PathAttributes, PathAttributes>> internal =
        new IdentityHashMap<>();

    /** Forgets every rewrite (a new flush); the same cache, for use again. */
    OutgoingCache clear() {
      external.clear();
      internal.clear();
      return this;
    }
  }

  /**
   * The rewrite of RFC 4271 9.1.3, RFC 1997 and RFC 4456, before export policy; null: not sent.
   *
   * @param reflectedFrom the iBGP source of a route we reflect; null for any other
   */
  private PathAttributes rewrite(Family f, PathAttributes a, boolean local,
      RouteSource reflectedFrom) {
    for (int c : a.communities()) {
      if (c == Communities.NO_ADVERTISE || key.external() && (c == Communities.NO_EXPORT
          || c == Communities.NO_EXPORT_SUBCONFED)) {
        return null;
      }
    }
    PathAttributes.Builder b = builder.from(a);
    if (key.external()) {
      b.asPath(AsPath.prepend(a.asPath(), speaker.config().localAs(), 1))
          .localPref(-1).originatorId(-1).clusterList(AsPath.EMPTY);
      if (!local) {
        b.med(-1);
      }
    } else {
      if (a.localPref() < 0) {
        b.localPref(100);
      }
      if (reflectedFrom != null) {
        if (a.originatorId() < 0) {
          b.originatorId(reflectedFrom.routerId());
        }
        int[] clusters = new int[a.clusterList().length + 1];
        clusters[0] = (int) speaker.config().effectiveClusterId();
        System.arraycopy(a.clusterList(), 0, clusters, 1, a.clusterList().length);
        b.clusterList(clusters);
      }
    }
    // An IPv6 next hop on an IPv4 route (RFC 8950) goes only to peers that negotiated it.
    boolean v6NextHopNotTaken = f == Family.IPV4_UNICAST && a.nextHop().length > 4
        && !key.extendedNextHop();
    if (key.external() || local || a.nextHop().length == 0 || key.forceNextHopSelf()
        || v6NextHopNotTaken) {
      InetAddress self = f == Family.IPV4_UNICAST ? key.nextHop4() : key.nextHop6();
      if (self == null) {
        return null;
      }
      b.nextHop(self.getAddress());
    }
    return b.build();
  }
}
