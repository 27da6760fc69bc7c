package io.outpost.bgp.speaker;

import io.netty.util.concurrent.ScheduledFuture;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.PrefixTable;
import io.outpost.bgp.wire.Family;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A restarting neighbor's routes while we are its graceful-restart helper (RFC 4724 section
 * 4.2): the Adj-RIB-In paths its last session left, kept in the Loc-RIB (and so in the FIB)
 * as stale. A path the new session sends again leaves this table for the new Adj-RIB-In; what
 * is left when the neighbor's End-of-RIB arrives, or when a timer runs out, is swept.
 *
 * <p>Swept paths leave the Loc-RIB through {@link Peer#sweep}. Runs on the speaker's event loop,
 * like its {@link Peer}.
 */
final class StaleRoutes {
  private static final System.Logger LOG = System.getLogger("io.outpost.bgp");
  private final Peer peer;
  private final Map<Family, PrefixTable<PathAttributes>> tables = new EnumMap<>(Family.class);
  private ScheduledFuture<?> timer;

  StaleRoutes(Peer peer) {
    this.peer = peer;
  }

  /** Takes {@code paths} (the old session's Adj-RIB-In of {@code f}) as stale. */
  void keep(Family f, PrefixTable<PathAttributes> paths) {
    PrefixTable<PathAttributes> kept = tables.get(f);
    if (kept == null) {
      tables.put(f, paths);
    } else {
      // Went down again before the End-of-RIB: what the short session sent is stale as well.
      paths.forEach((hi, lo, meta, a) -> kept.put(hi, lo, meta, a));
    }
  }

  boolean has(Family f) {
    return tables.containsKey(f);
  }

  /** Forgets one stale path (sent again, or withdrawn); its attributes, or null. */
  PathAttributes remove(Family f, long hi, long lo, long meta) {
    if (tables.isEmpty()) {
      return null; // no restart being helped through: the case of every received prefix
    }
    PrefixTable<PathAttributes> t = tables.get(f);
    return t == null ? null : t.remove(hi, lo, meta);
  }

  PrefixTable<PathAttributes> table(Family f) {
    return tables.get(f);
  }

  int size() {
    int n = 0;
    for (PrefixTable<PathAttributes> t : tables.values()) {
      n += t.size();
    }
    return n;
  }

  /** Sweeps everything after {@code seconds}, unless a sweep or a new timer comes first. */
  void sweepAfter(int seconds, String why) {
    cancelTimer();
    timer = peer.speaker().loop().schedule(() -> {
      timer = null;
      if (!tables.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "neighbor {0}: {1} stale routes swept: {2}",
            peer.config().name(), size(), why);
        peer.sweepStale();
        peer.speaker().flushExports();
      }
    }, seconds, TimeUnit.SECONDS);
  }

  /** Withdraws every stale path of {@code f} from the Loc-RIB. */
  void sweep(Family f) {
    PrefixTable<PathAttributes> t = tables.remove(f);
    if (tables.isEmpty()) {
      cancelTimer();
    }
    if (t != null) {
      peer.sweep(f, t);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
