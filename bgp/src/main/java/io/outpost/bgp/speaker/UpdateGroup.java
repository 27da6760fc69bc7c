package io.outpost.bgp.speaker;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.update.UpdateWriter;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.SessionOptions;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the established peers that would be told the same thing are told (an update group, as
 * FRR and GoBGP call it): one Adj-RIB-Out and one encoding of every UPDATE for all of them.
 * Peers share a group when everything that shapes their outgoing routes is equal (its
 * {@link Key}); ten downstream peers with the same policy cost one export, not ten.
 *
 * <p>Best-path changes are collapsed per prefix until the end of the read batch that caused
 * them, then written grouped by attributes, so a burst of updates in becomes few, full UPDATEs
 * out, each encoded once and written to every member. While a member's socket is not writable,
 * changes keep collapsing here instead of queueing in channels: the group moves at the pace of
 * its slowest member, as FRR's update groups do.
 *
 * <p>The Adj-RIB-Out holds, per prefix advertised, the Loc-RIB {@link Route} it was made from,
 * not the attributes sent: those follow from the route, the prefix and the group's key, so they
 * are worked out again when needed (a joining member, a route refresh, advertised-routes)
 * instead of being kept for every prefix. A route from the same source with equal attributes
 * would be sent the same, so it is not sent again.
 *
 * <p>A path is never sent back to the peer it came from (its route's source), and the messages
 * that carry it go to the other members. A peer that joins a group that is already running gets
 * its Adj-RIB-Out written to it alone.
 *
 * <p>A group whose peers negotiated add-path send (RFC 7911) for a family is sent every path of
 * the Loc-RIB that its export rules let through, each under a path identifier of ours, instead
 * of the best alone. Its Adj-RIB-Out has one row per prefix and identifier; identifiers are
 * allocated per prefix, the lowest free first, and a path keeps its identifier while it is
 * advertised, so a change of its attributes replaces it in place. An identifier freed by a
 * withdrawal is not reused in the same flush (the withdrawal and the new path would meet in one
 * message batch out of order for a member that had only one of them).
 *
 * <p>What each route leaves as (RFC 4271 section 9.1.3, reflection, export policy) is
 * {@link ExportRewrite}'s. Owned by the speaker's event loop.
 */
final class UpdateGroup {
  private static final Object WITHDRAW = new Object();
  /** Pending mark of an add-path family's prefix: its paths are to be looked at again. */
  private static final Object PATHS = new Object();

  /**
   * Everything that makes two peers' outgoing routes and their encoding the same.
   *
   * @param reflectorClients the peers are iBGP route-reflector clients
   * @param nextHop4 the next hop we put on IPv4 routes to these peers (null: none to put); an
   *     IPv6 address when they take IPv4 routes with IPv6 next hops over an IPv6 session
   * @param nextHop6 the one on IPv6 routes
   * @param extendedNextHop they take IPv4 routes with an IPv6 next hop (RFC 8950)
   * @param exportPolicy compared by identity: peers of one peer group share the compiled policy
   */
  record Key(boolean external, boolean reflectorClients, RoutePolicy exportPolicy,
      InetAddress nextHop4, InetAddress nextHop6, boolean forceNextHopSelf,
      boolean extendedNextHop, Set<Family> families, SessionOptions options) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && external == k.external
          && reflectorClients == k.reflectorClients && exportPolicy == k.exportPolicy
          && java.util.Objects.equals(nextHop4, k.nextHop4)
          && java.util.Objects.equals(nextHop6, k.nextHop6)
          && forceNextHopSelf == k.forceNextHopSelf && extendedNextHop == k.extendedNextHop
          && families.equals(k.families)
          && options.equals(k.options);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(external, reflectorClients,
          System.identityHashCode(exportPolicy), nextHop4, nextHop6, forceNextHopSelf,
          extendedNextHop, families, options);
    }
  }

  private final BgpSpeaker speaker;
  private final Key key;
  private final UpdateWriter writer;
  private final ExportRewrite export;
  private final List<Peer> members = new ArrayList<>();
  private final Map<Family, PrefixTable<Route>> advertised = new EnumMap<>(Family.class);
  private final Map<Family, PrefixTable<Object>> pending = new EnumMap<>(Family.class);
  /**
   * Per add-path family, per prefix with a row, the highest path identifier it uses; the rows
   * themselves are in {@link #advertised} under (prefix, identifier).
   */
  private final Map<Family, PrefixTable<Integer>> pathIds = new EnumMap<>(Family.class);
  /** What a flush (or a resend) writes, gathered and grouped; reused. */
  private final ExportBatch batch = new ExportBatch();
  /** The rewrites of one flush; emptied at the start of each. */
  private final ExportRewrite.OutgoingCache outgoingOf = new ExportRewrite.OutgoingCache();

  UpdateGroup(BgpSpeaker speaker, Key key) {
    this.speaker = speaker;
    this.key = key;
    this.writer = new UpdateWriter(key.options());
    this.export = new ExportRewrite(speaker, key);
    for (Family f : key.families()) {
      advertised.put(f, new PrefixTable<>());
      pending.put(f, new PrefixTable<>());
      if (key.options().addPathSend().contains(f)) {
        pathIds.put(f, new PrefixTable<>());
      }
    }
  }

  Key key() {
    return key;
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  /**
   * Adds an established peer: the first member makes the group's Adj-RIB-Out from the Loc-RIB
   * and sends it; a later one is sent the Adj-RIB-Out as it stands. Then End-of-RIB.
   */
  void join(Peer peer) {
    members.add(peer);
    if (members.size() == 1) {
      replay(null);
    } else {
      for (Family f : key.families()) {
        resend(peer, f);
      }
      if (members.size() == 2) {
        replay(members.getFirst()); // what the lone member sent us was kept out until now
      }
    }
    for (Family f : key.families()) {
      peer.session().send(writer.endOfRib(f));
    }
    peer.session().flush();
  }

  /**
   * Puts the Loc-RIB's best paths (those from {@code source} alone, when given) into the pending
   * changes, and writes them.
   */
  private void replay(Peer source) {
    for (Family f : key.families()) {
      boolean allPaths = pathIds.containsKey(f);
      if (allPaths && source != null) {
        continue; // every path is in its Adj-RIB-Out already (toNobody is for best paths)
      }
      speaker.locRib().forEachBest(f, (hi, lo, length, best, multipath) -> {
        if (allPaths) {
          pathsChanged(f, hi, lo, length);
        } else if (source == null || best.source() == source) {
          changed(f, hi, lo, length, best);
        }
      });
    }
    flush();
  }

  /** Takes a peer out (its session ended, or its outgoing routes change group). */
  void leave(Peer peer) {
    members.remove(peer);
    if (members.isEmpty()) {
      advertised.values().forEach(PrefixTable::clear);
      pathIds.values().forEach(PrefixTable::clear);
    }
  }

  /** The best path to a prefix is now {@code best} (null: none). */
  void changed(Family f, long hi, long lo, int length, Route best) {
    PrefixTable<Object> changes = pending.get(f);
    if (changes == null || pathIds.containsKey(f) || toNobody(best)
        && advertised.get(f).get(hi, lo, length) == null && changes.get(hi, lo, length) == null) {
      return;
    }
    changes.put(hi, lo, length, best == null ? WITHDRAW : best);
  }

  /** A path to a prefix came, changed or went (add-path families look at each path). */
  void pathsChanged(Family f, long hi, long lo, int length) {
    if (pathIds.containsKey(f)) {
      pending.get(f).put(hi, lo, length, PATHS);
    }
  }

  /**
   * Whether {@code best} (null: a withdrawal) would go to no member: the group's one member sent
   * it. Such a route stays out of the Adj-RIB-Out, so that a peer alone in its group (the
   * upstream of a router that only receives, say) costs no export work per prefix; a second
   * member's join {@link #replay replays} them.
   */
  private boolean toNobody(Route best) {
    return best == null || members.size() == 1 && except(best) == members.getFirst();
  }

  /** Writes the Adj-RIB-Out of {@code f} to {@code peer} alone (a route refresh). */
  void resend(Peer peer, Family f) {
    forEachAdvertised(f, peer, (hi, lo, meta, out) -> batch.announceTo(peer, out, hi, lo, meta));
    batch.write(f, writer, members);
    peer.session().flush();
  }

  /**
   * Sends {@code peer} (leaving this group for {@code next}) a withdrawal of each prefix this
   * group advertised to it that {@code next} does not.
   */
  void withdrawNotIn(UpdateGroup next, Peer peer) {
    for (Family f : key.families()) {
      PrefixTable<Route> theirs = next.advertised.get(f);
      advertised.get(f).forEach((hi, lo, meta, v) -> {
        Route now = theirs == null ? null : theirs.get(hi, lo, meta);
        if (except(v) != peer && (now == null || except(now) == peer)) {
          batch.withdrawFrom(peer, hi, lo, meta);
        }
      });
      batch.write(f, writer, members);
    }
    peer.session().flush();
  }

  /** How many prefixes of {@code f} {@code peer} was sent. */
  int advertised(Family f, Peer peer) {
    PrefixTable<Route> sent = advertised.get(f);
    if (sent == null) {
      return 0;
    }
    int[] n = {0};
    sent.forEach((hi, lo, meta, v) -> {
      if (except(v) != peer) {
        n[0]++;
      }
    });
    return n[0];
  }

  /** Visits what {@code peer} was sent of {@code f}, with the attributes it was sent. */
  void forEachAdvertised(Family f, Peer peer, PrefixTable.Visitor<PathAttributes> visitor) {
    PrefixTable<Route> sent = advertised.get(f);
    if (sent != null) {
      ExportRewrite.OutgoingCache cache = outgoingOf.clear();
      sent.forEach((hi, lo, meta, route) -> {
        if (except(route) != peer) {
          visitor.visit(hi, lo, meta,
              export.outgoing(f, hi, lo, (int) (meta & 0xff), route, cache));
        }
      });
    }
  }

  /** Writes the pending changes, if every member's socket takes them. */
  void flush() {
    for (Peer p : members) {
      if (!p.session().channel().isWritable()) {
        return;
      }
    }
    boolean wrote = false;
    for (Family f : key.families()) {
      PrefixTable<Object> changes = pending.get(f);
      if (changes.size() > 0) {
        wrote |= pathIds.containsKey(f) ? flushPaths(f, changes) : flush(f, changes);
        changes.reuse();
      }
    }
    if (wrote) {
      for (Peer p : members) {
        p.session().flush();
      }
    }
  }

  private boolean flush(Family f, PrefixTable<Object> changes) {
    PrefixTable<Route> sent = advertised.get(f);
    ExportRewrite.OutgoingCache cache = outgoingOf.clear();
    changes.forEach((hi, lo, meta, change) -> {
      Route best = change == WITHDRAW ? null : (Route) change;
      int length = (int) (meta & 0xff);
      Route before = sent.get(hi, lo, meta);
      if (best != null && before != null && best.source() == before.source()
          && best.attributes().equals(before.attributes())) {
        sent.put(hi, lo, meta, best); // would be sent the same: keep the Loc-RIB's object
        return;
      }
      if (best != null && toNobody(best)) {
        // Its own route: kept out of the Adj-RIB-Out (see toNobody); take back what it had.
        if (before != null) {
          sent.remove(hi, lo, meta);
          if (except(before) != except(best) && members.contains(except(best))) {
            batch.withdrawFrom(except(best), hi, lo, meta);
          }
        }
        return;
      }
      PathAttributes out = export.outgoing(f, hi, lo, length, best, cache);
      if (out == null) {
        if (before != null) {
          sent.remove(hi, lo, meta);
          batch.withdraw(except(before), hi, lo, meta);
        }
        return;
      }
      Peer except = except(best);
      sent.put(hi, lo, meta, best);
      if (before != null && except != null && except != except(before)
          && members.contains(except)) {
        // It had the old path; the new one is its own: take the old one back.
        batch.withdrawFrom(except, hi, lo, meta);
      }
      batch.announce(except, out, hi, lo, meta);
    });
    return batch.write(f, writer, members);
  }

  /**
   * The add-path flush of {@code f}: each changed prefix's Loc-RIB paths against its rows in the
   * Adj-RIB-Out, matched by source and received path identifier.
   */
  private boolean flushPaths(Family f, PrefixTable<Object> changes) {
    PrefixTable<Route> sent = advertised.get(f);
    PrefixTable<Integer> ids = pathIds.get(f);
    ExportRewrite.OutgoingCache cache = outgoingOf.clear();
    changes.forEach((hi, lo, meta, mark) -> {
      int length = (int) (meta & 0xff);
      Integer highest = ids.get(hi, lo, length);
      Route[] before = new Route[(highest == null ? 0 : highest) + 1]; // by identifier
      for (int id = 1; id < before.length; id++) {
        before[id] = sent.get(hi, lo, rowKey(id, length));
      }
      boolean[] kept = new boolean[before.length];
      int free = 1; // the lowest identifier that had no row before this flush
      int top = 0;
      for (Route path : speaker.locRib().paths(f, hi, lo, length)) {
        PathAttributes out = export.outgoing(f, hi, lo, length, path, cache);
        if (out == null) {
          continue;
        }
        int id = rowOf(before, path);
        if (id > 0) {
          kept[id] = true;
          Route old = before[id];
          sent.put(hi, lo, rowKey(id, length), path);
          top = Math.max(top, id);
          if (old.attributes().equals(path.attributes())) {
            continue; // would be sent the same (same source, same received identifier)
          }
        } else {
          while (free < before.length && before[free] != null) {
            free++;
          }
          id = free++;
          sent.put(hi, lo, rowKey(id, length), path);
          top = Math.max(top, id);
        }
        batch.announce(except(path), out, hi, lo, rowKey(id, length));
      }
      for (int id = 1; id < before.length; id++) {
        if (before[id] != null && !kept[id]) {
          sent.remove(hi, lo, rowKey(id, length));
          batch.withdraw(except(before[id]), hi, lo, rowKey(id, length));
        }
      }
      if (top == 0) {
        ids.remove(hi, lo, length);
      } else {
        ids.put(hi, lo, length, top);
      }
    });
    return batch.write(f, writer, members);
  }

  /** The identifier under which {@code path} (same source and received identifier) was sent. */
  private static int rowOf(Route[] before, Route path) {
    for (int id = 1; id < before.length; id++) {
      Route r = before[id];
      if (r != null && r.source() == path.source() && r.pathId() == path.pathId()) {
        return id;
      }
    }
    return 0;
  }

  /** The Adj-RIB-Out key word of an add-path row: our path identifier and the length. */
  private static long rowKey(int pathId, int length) {
    return (long) pathId << 8 | length;
  }

  /** The peer a route is not sent back to: the one it came from, if any. */
  private static Peer except(Route route) {
    return route.source() instanceof Peer p ? p : null;
  }

  @Override
  public String toString() {
    return "update group of " + members.size() + (key.external() ? " eBGP" : " iBGP")
        + " peers";
  }
}
