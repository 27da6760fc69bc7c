package io.outpost.bgp.speaker;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.wire.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's Adj-RIB-In (RFC 4271 section 3.2): every path its current session sent, with the
 * attributes it came with (pre-policy), and what import policy made of each (post-policy: its
 * path in the Loc-RIB, or none).
 *
 * <p>It keeps no table of every path. A path that import policy takes unchanged (most of a
 * table: a policy that accepts without setting anything) is its Loc-RIB path, whose attributes
 * are the ones it came with; only the <em>exceptions</em>, paths that policy changed or
 * rejected, are kept here with their received attributes. That spares a full table a second
 * table of its prefixes (about 40 MB for a million) and a second hash probe per received
 * prefix. What it costs: a walk of the Loc-RIB, not of a table of the peer's own, when the
 * session goes down, for soft reconfiguration and for received-routes; BIRD keeps no import
 * table by default for the same reason.
 *
 * <p>For one prefix and path id of the peer, exactly one of these holds: it is stale (in
 * {@link StaleRoutes}, from a session before a graceful restart, with its received attributes
 * there); it is an exception (here, with its received attributes); it is in the Loc-RIB as it
 * came; it was not received. Each received path holds one interner reference on its received
 * attributes, wherever they are kept. Keys are the {@code (hi, lo, pathId << 8 | length)} of
 * {@link io.outpost.bgp.wire.Nlri}. Runs on the speaker's event loop, like its {@link Peer}.
 */
final class AdjRibIn {
  private final Peer peer;
  private final StaleRoutes stale;
  private final List<PrefixTable<PathAttributes>> exceptions = new ArrayList<>();
  private final int[] received = new int[Family.values().length];
  private final int[] accepted = new int[Family.values().length];

  AdjRibIn(Peer peer, StaleRoutes stale) {
    this.peer = peer;
    this.stale = stale;
    for (int i = 0; i < Family.values().length; i++) {
      exceptions.add(new PrefixTable<>());
    }
  }

  /** Paths of the current session (stale ones not counted). */
  int received(Family f) {
    return received[f.ordinal()];
  }

  /** Paths of this peer in the Loc-RIB, stale ones included. */
  int accepted(Family f) {
    return accepted[f.ordinal()];
  }

  /** The peer announced a path; {@code attributes} carry one interner reference for it. */
  void announce(Family f, long hi, long lo, long meta, PathAttributes attributes) {
    PathAttributes old = stale.remove(f, hi, lo, meta);
    boolean wasStale = old != null;
    PathAttributes exception = wasStale ? null : removeException(f, hi, lo, meta);
    Route before = importPath(f, hi, lo, meta, attributes, false);
    if (!wasStale) {
      old = receivedBefore(exception, before);
    }
    if (wasStale || old == null) {
      received[f.ordinal()]++;
    }
    if (old != null) {
      peer.speaker().interner().release(old);
    }
  }

  /** The peer withdrew a path (one it never sent is ignored). */
  void withdraw(Family f, long hi, long lo, long meta) {
    PathAttributes old = stale.remove(f, hi, lo, meta);
    boolean wasStale = old != null;
    PathAttributes exception = wasStale ? null : removeException(f, hi, lo, meta);
    Route before = leaveLocRib(f, hi, lo, meta);
    if (!wasStale) {
      old = receivedBefore(exception, before);
      if (old == null) {
        return;
      }
      received[f.ordinal()]--;
    }
    peer.speaker().interner().release(old);
  }

  /**
   * Runs import policy on a received path and puts what it makes in the Loc-RIB (or takes the
   * path out when policy rejects it); a current path becomes an exception or stops being one.
   *
   * @return the path of this peer the Loc-RIB held for the prefix before, or null
   */
  private Route importPath(Family f, long hi, long lo, long meta, PathAttributes attributes,
      boolean isStale) {
    int length = (int) (meta & 0xff);
    PathAttributes post = peer.imported(f, hi, lo, length, attributes);
    Route before;
    if (post == null) {
      before = leaveLocRib(f, hi, lo, meta);
    } else {
      before = peer.speaker().locRib().update(f, hi, lo, length,
          peer.route(meta >>> 8, post, post == attributes));
      if (before == null) {
        accepted[f.ordinal()]++;
      }
    }
    if (!isStale) {
      if (post == attributes) {
        removeException(f, hi, lo, meta);
      } else {
        exceptions.get(f.ordinal()).put(hi, lo, meta, attributes);
      }
    }
    return before;
  }

  /**
   * Visits every path of the current session in {@code f} (stale ones not) with its received
   * attributes, exceptions last; a walk of the Loc-RIB's table of {@code f}. The visitor must
   * not change anything.
   */
  void forEachReceived(Family f, PrefixTable.Visitor<PathAttributes> visitor) {
    PrefixTable<PathAttributes> ex = exceptions.get(f.ordinal());
    PrefixTable<PathAttributes> old = stale.has(f) ? stale.table(f) : null;
    peer.speaker().locRib().forEachPathOf(f, peer, (hi, lo, length, route) -> {
      long meta = route.pathId() << 8 | length;
      if ((ex.size() == 0 || ex.get(hi, lo, meta) == null)
          && (old == null || old.get(hi, lo, meta) == null)) {
        visitor.visit(hi, lo, meta, route.attributes());
      }
    });
    ex.forEach(visitor);
  }

  /** The current paths of {@code f} with their received attributes, in a table of their own. */
  private PrefixTable<PathAttributes> collect(Family f) {
    PrefixTable<PathAttributes> out = new PrefixTable<>(received[f.ordinal()]);
    forEachReceived(f, out::put);
    return out;
  }

  /**
   * The session ended: every current path of {@code f} leaves the Loc-RIB and lets go of its
   * attributes (stale paths are {@link StaleRoutes}' to sweep).
   */
  void withdrawAll(Family f) {
    sweep(f, takeCurrent(f));
  }

  /**
   * The session ended and the peer restarts gracefully: its current paths of {@code f} stay in
   * the Loc-RIB, as stale, with their received attributes (and references) in
   * {@link StaleRoutes}.
   */
  void keepAsStale(Family f) {
    stale.keep(f, takeCurrent(f));
  }

  /** The current paths of {@code f}, with their references, and none left here. */
  private PrefixTable<PathAttributes> takeCurrent(Family f) {
    PrefixTable<PathAttributes> out = collect(f);
    exceptions.get(f.ordinal()).clear();
    received[f.ordinal()] = 0;
    return out;
  }

  /**
   * Applies import policy again to every path the peer sent (soft reconfiguration inbound),
   * stale ones included. The current paths are collected first, since importing changes the
   * Loc-RIB and the exceptions that tell them.
   */
  void reimportAll() {
    for (Family f : Family.values()) {
      collect(f).forEach((hi, lo, meta, a) -> importPath(f, hi, lo, meta, a, false));
      if (stale.has(f)) {
        stale.table(f).forEach((hi, lo, meta, a) -> importPath(f, hi, lo, meta, a, true));
      }
    }
  }

  private PathAttributes removeException(Family f, long hi, long lo, long meta) {
    PrefixTable<PathAttributes> t = exceptions.get(f.ordinal());
    return t.size() == 0 ? null : t.remove(hi, lo, meta);
  }

  /** Takes the stale paths of {@code table} out of the Loc-RIB and lets go of them. */
  void sweep(Family f, PrefixTable<PathAttributes> table) {
    table.forEach((hi, lo, meta, a) -> {
      leaveLocRib(f, hi, lo, meta);
      peer.speaker().interner().release(a);
    });
    table.clear();
  }

  /** Takes this peer's path out of the Loc-RIB, off the accepted count; the path, or null. */
  private Route leaveLocRib(Family f, long hi, long lo, long meta) {
    Route removed = peer.speaker().locRib().withdraw(f, hi, lo, (int) (meta & 0xff), peer,
        meta >>> 8);
    if (removed != null) {
      accepted[f.ordinal()]--;
    }
    return removed;
  }

  /**
   * The attributes a current (not stale) path was received with: its exception's, else its
   * Loc-RIB path's (which are the received ones when it is no exception); null: not received.
   */
  private static PathAttributes receivedBefore(PathAttributes exception, Route inLocRib) {
    return exception != null ? exception : inLocRib != null ? inLocRib.attributes() : null;
  }
}
