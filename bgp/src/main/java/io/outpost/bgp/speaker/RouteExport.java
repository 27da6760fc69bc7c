package io.outpost.bgp.speaker;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.update.UpdateWriter;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one established peer is told: the Adj-RIB-Out (what it was last sent, per prefix) and
 * the changes not yet written. Best-path changes are collapsed per prefix until the end of the
 * read batch that caused them, then written grouped by attributes, so a burst of updates in
 * becomes few, full UPDATEs out; while the peer's socket is not writable, changes keep
 * collapsing here instead of queueing in the channel.
 *
 * <p>The rules of RFC 4271 section 9.1.3 and friends: nothing back to the peer a path came from,
 * nothing learned over iBGP to iBGP peers (no route reflection yet), NO_ADVERTISE and
 * NO_EXPORT honoured (RFC 1997); to eBGP peers our AS is prepended, the next hop is ours, and
 * LOCAL_PREF, a MED from another AS and the reflection attributes are removed; then the export
 * policy, which an eBGP peer must have to be sent anything (RFC 8212).
 */
final class RouteExport {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  private static final Object WITHDRAW = new Object();

  private final Peer peer;
  private final Session session;
  private final UpdateWriter writer;
  private final Set<Family> families;
  private final Map<Family, PrefixTable<PathAttributes>> advertised = new EnumMap<>(Family.class);
  private final Map<Family, PrefixTable<Object>> pending = new EnumMap<>(Family.class);
  private boolean warnedNextHop;

  RouteExport(Peer peer, Session session, SessionOptions options, Set<Family> families) {
    this.peer = peer;
    this.session = session;
    this.writer = new UpdateWriter(options);
    this.families = families;
    for (Family f : Family.values()) {
      advertised.put(f, new PrefixTable<>());
      pending.put(f, new PrefixTable<>());
    }
  }

  /** The best path to a prefix is now {@code best} (null: none). */
  void changed(Family f, long hi, long lo, int length, Route best) {
    PathAttributes out = outgoing(f, hi, lo, length, best);
    if (out == null && advertised.get(f).get(hi, lo, length) == null) {
      pending.get(f).remove(hi, lo, length);
      return;
    }
    pending.get(f).put(hi, lo, length, out == null ? WITHDRAW : out);
  }

  /** Sends everything of {@code f} again (a route refresh, or a changed export policy). */
  void resend(Family f) {
    PrefixTable<PathAttributes> sent = advertised.get(f);
    sent.forEach((hi, lo, meta, a) -> peer.speaker().interner().release(a));
    sent.clear();
    peer.speaker().locRib().forEachBest(f, (hi, lo, length, best, multipath) ->
        changed(f, hi, lo, length, best));
    flush();
  }

  int advertised(Family f) {
    return advertised.get(f).size();
  }

  UpdateMessage endOfRib(Family f) {
    return writer.endOfRib(f);
  }

  /** Writes the pending changes, if the socket takes them. */
  void flush() {
    if (session.channel() == null || !session.channel().isWritable()) {
      return;
    }
    boolean wrote = false;
    for (Family f : families) {
      PrefixTable<Object> changes = pending.get(f);
      if (changes.size() == 0) {
        continue;
      }
      PrefixTable<PathAttributes> sent = advertised.get(f);
      Map<PathAttributes, LongList> groups = new LinkedHashMap<>();
      LongList withdrawn = new LongList();
      changes.forEach((hi, lo, meta, change) -> {
        PathAttributes before = sent.get(hi, lo, meta);
        if (change == WITHDRAW) {
          if (before != null) {
            sent.remove(hi, lo, meta);
            peer.speaker().interner().release(before);
            withdrawn.add(hi, lo, meta);
          }
          return;
        }
        PathAttributes a = (PathAttributes) change;
        if (a.equals(before)) {
          return;
        }
        PathAttributes shared = peer.speaker().interner().intern(a);
        sent.put(hi, lo, meta, shared);
        if (before != null) {
          peer.speaker().interner().release(before);
        }
        groups.computeIfAbsent(shared, k -> new LongList()).add(hi, lo, meta);
      });
      changes.clear();
      if (withdrawn.size > 0) {
        writer.withdraw(f, withdrawn.toArray(), this::send);
        wrote = true;
      }
      for (Map.Entry<PathAttributes, LongList> g : groups.entrySet()) {
        writer.announce(f, g.getKey(), g.getValue().toArray(), this::send);
        wrote = true;
      }
    }
    if (wrote) {
      session.flush();
    }
  }

  private void send(UpdateMessage m) {
    session.send(m);
  }

  /** The attributes {@code best} leaves with to this peer, or null when it is not sent. */
  private PathAttributes outgoing(Family f, long hi, long lo, int length, Route best) {
    if (best == null || best.source() == peer) {
      return null;
    }
    PathAttributes a = best.attributes();
    boolean local = best.source() == peer.speaker().localSource();
    boolean external = peer.external();
    if (!external && !local && !best.source().external()) {
      return null;
    }
    for (int c : a.communities()) {
      if (c == Communities.NO_ADVERTISE || external && (c == Communities.NO_EXPORT
          || c == Communities.NO_EXPORT_SUBCONFED)) {
        return null;
      }
    }
    PathAttributes.Builder b = a.toBuilder();
    if (external) {
      b.asPath(AsPath.prepend(a.asPath(), peer.speaker().config().localAs(), 1))
          .localPref(-1).originatorId(-1).clusterList(AsPath.EMPTY);
      if (!local) {
        b.med(-1);
      }
    } else if (a.localPref() < 0) {
      b.localPref(100);
    }
    if (external || local || a.nextHop().length == 0 || peer.config().forceNextHopSelf()) {
      byte[] self = nextHopSelf(f);
      if (self == null) {
        return null;
      }
      b.nextHop(self);
    }
    PathAttributes out = b.build();
    if (peer.config().exportPolicy() == null) {
      return external ? null : out; // RFC 8212
    }
    return peer.config().exportPolicy().apply(f, hi, lo, length, out);
  }

  private byte[] nextHopSelf(Family f) {
    PeerConfig c = peer.config();
    InetAddress configured = f == Family.IPV4_UNICAST ? c.nextHopSelf4() : c.nextHopSelf6();
    if (configured != null) {
      return configured.getAddress();
    }
    InetAddress local = peer.localAddress();
    if (f == Family.IPV4_UNICAST && local instanceof Inet4Address
        || f == Family.IPV6_UNICAST && local instanceof Inet6Address) {
      return local.getAddress();
    }
    if (!warnedNextHop) {
      warnedNextHop = true;
      LOG.log(System.Logger.Level.WARNING, "neighbor {0}: no {1} next hop to send (the session"
          + " runs over {2}); configure one for the family", c.name(), f, local);
    }
    return null;
  }

  /** The Adj-RIB-Out of one family (advertised-routes), for the CLI. */
  PrefixTable<PathAttributes> advertisedTable(Family f) {
    return advertised.get(f);
  }

  /** A growable list of prefix keys. */
  private static final class LongList {
    long[] values = new long[48];
    int size;

    void add(long hi, long lo, long meta) {
      if (size + 3 > values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = hi;
      values[size++] = lo;
      values[size++] = meta;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
