package io.outpost.controlplane.routing;

import io.outpost.bgp.rib.PrefixTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What forwarding uses per prefix, from the configured routes (a {@link Rib} of connected and
 * static routes, rebuilt at commit) and the learned ones (a {@link LearnedRoutes}, changing all
 * the time), without ever making the learned routes into RIB entries: a full table stays in the
 * protocol's compact form, and a change of one learned prefix costs one lookup here.
 *
 * <p>Per prefix the lower administrative distance wins (a configured route on a tie); a learned
 * route none of whose gateways resolves loses to any configured one. Gateways resolve through
 * the configured routes only (an edge router's BGP next hops are on connected or static
 * routes), once per distinct {@link LearnedRoutes.Path}, so a full table through a few peers
 * resolves a few times. Immutable apart from that cache; safe to share between threads.
 */
public final class Selection {
  /** How a prefix is forwarded: the route's kind and its ways out (none for drops). */
  public record Forwarding(Route.Kind kind, List<Rib.WayOut> waysOut) {}

  /** What {@link #forEach} calls, once per forwarded prefix. */
  @FunctionalInterface
  public interface Visitor {
    void visit(boolean ipv6, long hi, long lo, int length, Forwarding forwarding);
  }

  private final Rib configured;
  private final LearnedRoutes learned;
  /**
   * The configured routes by prefix, IPv4 at 0 and IPv6 at 1: looked up once per learned change,
   * with no key object made for it (a full table is a million changes).
   */
  private final PrefixTable<Rib.Entry>[] configuredByPrefix = newTables();
  /** Per learned path, how it forwards; an empty one when none of its gateways resolves. */
  private final Map<LearnedRoutes.Path, Forwarding> resolved = new ConcurrentHashMap<>();

  public Selection(Rib configured, LearnedRoutes learned) {
    this.configured = configured;
    this.learned = learned;
    for (Rib.Entry e : configured.entries()) {
      PrefixWords k = PrefixWords.of(e.prefix());
      configuredByPrefix[k.ipv6() ? 1 : 0].put(k.hi(), k.lo(), k.length(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static PrefixTable<Rib.Entry>[] newTables() {
    return new PrefixTable[] {new PrefixTable<Rib.Entry>(), new PrefixTable<Rib.Entry>()};
  }

  public Rib configured() {
    return configured;
  }

  /** Visits every prefix that is forwarded, with how. */
  public void forEach(Visitor visitor) {
    Set<PrefixWords> beaten = new HashSet<>();
    learned.forEach((ipv6, hi, lo, length, path) -> {
      Rib.Entry e = configuredByPrefix[ipv6 ? 1 : 0].get(hi, lo, length);
      Forwarding f = winner(e, path);
      if (f != null) {
        visitor.visit(ipv6, hi, lo, length, f);
        if (e != null) {
          beaten.add(PrefixWords.of(e.prefix()));
        }
      }
    });
    for (Rib.Entry e : configured.entries()) {
      PrefixWords k = PrefixWords.of(e.prefix());
      if (!beaten.contains(k)) {
        e.selected().ifPresent(c -> visitor.visit(k.ipv6(), k.hi(), k.lo(), k.length(),
            forwarding(c)));
      }
    }
  }

  /**
   * How the prefix is forwarded when its learned route is {@code path} (null: it has none):
   * the winner of the learned and the configured routes, or null when neither forwards it.
   */
  public Forwarding forwarding(boolean ipv6, long hi, long lo, int length,
      LearnedRoutes.Path path) {
    Rib.Entry e = configuredByPrefix[ipv6 ? 1 : 0].get(hi, lo, length);
    Forwarding theirs = winner(e, path);
    if (theirs != null) {
      return theirs;
    }
    return e == null ? null : e.selected().map(Selection::forwarding).orElse(null);
  }

  /** The learned route's forwarding if it beats the configured entry (null: no entry). */
  private Forwarding winner(Rib.Entry e, LearnedRoutes.Path path) {
    if (path == null) {
      return null;
    }
    Forwarding f = resolved.get(path); // no capturing lambda per call: a full table's worth
    if (f == null) {
      f = new Forwarding(Route.Kind.GATEWAY, configured.resolve(path.nextHops()));
      Forwarding raced = resolved.putIfAbsent(path, f);
      f = raced != null ? raced : f;
    }
    if (f.waysOut().isEmpty()) {
      return null;
    }
    Rib.Candidate mine = e == null ? null : e.selected().orElse(null);
    return mine == null || learned.distance(path) < mine.route().distance() ? f : null;
  }

  private static Forwarding forwarding(Rib.Candidate c) {
    return new Forwarding(c.route().kind(), c.waysOut());
  }

  /**
   * The learned routes as RIB routes, for {@code show route}: a full table's worth of objects,
   * made only when someone asks.
   */
  public List<Route> learnedRoutes() {
    List<Route> out = new ArrayList<>();
    learned.forEach((ipv6, hi, lo, length, path) -> {
      List<Route.NextHop> hops = new ArrayList<>();
      for (InetAddress a : path.nextHops()) {
        hops.add(new Route.NextHop(PrefixWords.address(a), null));
      }
      out.add(new Route(PrefixWords.prefix(ipv6, hi, lo, length), Route.Protocol.BGP,
          learned.distance(path), Route.Kind.GATEWAY, null, hops));
    });
    return out;
  }
}
