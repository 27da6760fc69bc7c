package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.BestPath;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.speaker.PeerStatus;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Nlri;
import io.outpost.controlplane.routing.PrefixWords;
import io.outpost.controlplane.time.Durations;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code show bgp ...} prints: the summary of every neighbor, one neighbor in detail and
 * its received or advertised routes, and every path to one prefix with which is best and, for
 * each other path, the step of the decision process that ruled it out.
 */
public final class BgpStatus {
  /** The most routes {@code show bgp neighbor X received-routes} lists. */
  public static final int ROUTE_LIMIT = 10_000;

  private BgpStatus() {}

  /** Thrown when there is nothing to show: BGP is off, or no such neighbor. */
  public static final class NotFound extends Exception {
    NotFound(String message) {
      super(message);
    }
  }

  private static BgpSpeaker speaker(BgpSubsystem bgp) throws NotFound {
    return bgp.speaker().orElseThrow(() -> new NotFound(
        "BGP is not configured: set protocols bgp local-as and router-id"));
  }

  /** The settings applied with the speaker (a commit may be between starting it and them). */
  private static BgpSettings settings(BgpSubsystem bgp) throws NotFound {
    return bgp.settings().orElseThrow(() -> new NotFound("BGP is being configured; try again"));
  }

  public static String summary(BgpSubsystem bgp) throws NotFound {
    BgpSpeaker s = speaker(bgp);
    BgpSettings settings = settings(bgp);
    StringBuilder out = new StringBuilder();
    out.append("BGP router identifier ").append(Prefixes.routerId(settings.speaker().routerId()))
        .append(", local AS number ")
        .append(settings.speaker().localAs()).append('\n');
    out.append("Loc-RIB: ").append(s.ribSize(Family.IPV4_UNICAST)).append(" IPv4 and ")
        .append(s.ribSize(Family.IPV6_UNICAST)).append(" IPv6 prefixes; ")
        .append(bgp.routeCount()).append(" offered to the routing table\n\n");
    out.append("%-26s %10s %8s %8s %9s %-12s %7s %7s  %s%n".formatted("Neighbor", "AS",
        "MsgRcvd", "MsgSent", "Up/Down", "State/PfxRcd", "PfxAcc", "PfxSnt", "Description"));
    for (PeerStatus p : s.peers()) {
      boolean up = p.state() == io.outpost.bgp.fsm.State.ESTABLISHED;
      String state = up ? String.valueOf(sum(p.received())) : stateName(p.state());
      out.append("%-26s %10d %8d %8d %9s %-12s %7s %7s  %s%n".formatted(p.address(),
          p.remoteAs(), p.messagesIn(), p.messagesOut(), Durations.uptime(Duration.ofSeconds(p.upSeconds())), state,
          up ? sum(p.accepted()) : "", up ? sum(p.advertised()) : "", p.description()));
    }
    for (BgpSettings.Neighbor n : settings.neighbors().values()) {
      if (n.shutdown()) {
        out.append("%-26s %10d %8s %8s %9s %-12s %7s %7s  %s%n".formatted(
            PrefixWords.address(n.address()).toCanonicalString(), n.remoteAs(), "", "", "",
            "Idle (Admin)", "", "", n.description()));
      }
    }
    return out.toString();
  }

  public static String neighbor(BgpSubsystem bgp, InetAddress address) throws NotFound {
    BgpSpeaker s = speaker(bgp);
    String name = PrefixWords.address(address).toCanonicalString();
    PeerStatus p = s.peers().stream().filter(x -> x.address().equals(name)).findFirst()
        .orElseThrow(() -> new NotFound("no BGP neighbor " + name + shutDown(bgp, address)));
    BgpSettings settings = settings(bgp);
    long localAs = settings.speaker().localAs();
    BgpSettings.Neighbor configured = settings.neighbors().get(address);
    StringBuilder out = new StringBuilder();
    out.append("BGP neighbor ").append(p.address()).append(", remote AS ").append(p.remoteAs())
        .append(p.remoteAs() == localAs ? ", internal link\n" : ", external link\n");
    if (!p.description().isEmpty()) {
      out.append("  Description: ").append(p.description()).append('\n');
    }
    if (configured != null && configured.routeReflectorClient()) {
      out.append("  Route reflector client\n");
    }
    out.append("  State: ").append(stateName(p.state())).append(" for ")
        .append(Durations.uptime(Duration.ofSeconds(p.upSeconds()))).append('\n');
    if (p.remoteRouterId() != 0) {
      out.append("  Remote router ID: ").append(Prefixes.routerId(p.remoteRouterId())).append('\n');
    }
    if (p.holdTime() > 0) {
      out.append("  Hold time: ").append(p.holdTime()).append(" s\n");
    }
    if (configured != null && (configured.password() != null
        || configured.ttlSecurityHops() > 0)) {
      out.append("  Transport security:")
          .append(configured.password() != null ? " TCP-MD5" : "")
          .append(configured.ttlSecurityHops() == 1 ? " GTSM (1 hop)"
              : configured.ttlSecurityHops() > 1
              ? " GTSM (" + configured.ttlSecurityHops() + " hops)" : "").append('\n');
    }
    if (p.peerRestartSeconds() >= 0 || p.staleRoutes() > 0) {
      out.append("  Graceful restart: helper; the neighbor's restart time ")
          .append(p.peerRestartSeconds()).append(" s");
      if (p.staleRoutes() > 0) {
        out.append("; ").append(p.staleRoutes()).append(" of its routes kept as stale");
      }
      out.append('\n');
    }
    out.append("  Address families:");
    p.families().forEach(f -> out.append(' ').append(familyName(f)));
    if (!p.negotiated().isEmpty()) {
      out.append("\n  Negotiated: ").append(String.join(", ", p.negotiated()));
    }
    out.append("\n  Messages: ").append(p.messagesIn()).append(" received, ")
        .append(p.messagesOut()).append(" sent; established ")
        .append(p.establishedTransitions()).append(" times\n");
    out.append("  %-14s %10s %10s %10s%n".formatted("Prefixes", "received", "accepted",
        "advertised"));
    for (Family f : Family.values()) {
      out.append("  %-14s %10d %10d %10d%n".formatted(familyName(f),
          p.received().getOrDefault(f, 0), p.accepted().getOrDefault(f, 0),
          p.advertised().getOrDefault(f, 0)));
    }
    line(out, "Last error", p.lastError());
    line(out, "Last notification sent", p.lastNotificationSent());
    line(out, "Last notification received", p.lastNotificationReceived());
    return out.toString();
  }

  /** The neighbor's routes before import policy, or those we advertised to it. */
  public static String neighborRoutes(BgpSubsystem bgp, InetAddress address, boolean advertised)
      throws NotFound {
    BgpSpeaker s = speaker(bgp);
    List<BgpSpeaker.PrefixRoute> routes;
    try {
      routes = s.neighborRoutes(address, advertised, ROUTE_LIMIT);
    } catch (IllegalArgumentException e) {
      throw new NotFound("no BGP neighbor " + PrefixWords.address(address).toCanonicalString()
          + shutDown(bgp, address));
    }
    StringBuilder out = new StringBuilder("%-24s %-26s %6s %6s  %-24s %s%n".formatted("Prefix",
        "Next hop", "MED", "LocPrf", "AS path", "Communities"));
    for (BgpSpeaker.PrefixRoute r : routes) {
      PathAttributes a = r.attributes();
      out.append("%-24s %-26s %6s %6s  %-24s %s%n".formatted(
          Nlri.format(r.hi(), r.lo(), r.length(), r.family())
              + (r.pathId() != 0 ? " #" + r.pathId() : ""),
          nextHop(a), a.med() < 0 ? "" : a.med(), a.localPref() < 0 ? "" : a.localPref(),
          AsPath.toString(a.asPath()) + " " + origin(a.origin()), communities(a)));
    }
    out.append(routes.size()).append(routes.size() == ROUTE_LIMIT ? " routes shown (the first "
        + ROUTE_LIMIT + ")\n" : routes.size() == 1 ? " route\n" : " routes\n");
    return out.toString();
  }

  /** Every path to {@code prefix}, the best first, and why each other one lost. */
  public static String route(BgpSubsystem bgp, IPAddress prefix) throws NotFound {
    BgpSpeaker s = speaker(bgp);
    Prefixes.Key k = Prefixes.key(prefix);
    List<Route> paths = s.paths(k.family(), k.hi(), k.lo(), k.length());
    String name = Nlri.format(k.hi(), k.lo(), k.length(), k.family());
    if (paths.isEmpty()) {
      throw new NotFound("no BGP route to " + name);
    }
    BestPath decision = s.bestPath();
    Route best = paths.getFirst();
    StringBuilder out = new StringBuilder("BGP routing table entry for " + name + ": "
        + paths.size() + (paths.size() == 1 ? " path\n" : " paths\n"));
    for (int i = 0; i < paths.size(); i++) {
      Route r = paths.get(i);
      PathAttributes a = r.attributes();
      out.append("  Path ").append(i + 1).append(i == 0 ? " (best)" : "").append(": from ")
          .append(r.source().name()).append(r.source().external() ? " (eBGP)" : " (iBGP)");
      if (r.pathId() != 0) {
        out.append(", path id ").append(r.pathId());
      }
      out.append(", AS path ").append(a.asPath().length == 0 ? "(empty)"
          : AsPath.toString(a.asPath())).append(", origin ").append(originName(a.origin()))
          .append('\n');
      out.append("    next hop ").append(nextHop(a));
      if (a.med() >= 0) {
        out.append(", MED ").append(a.med());
      }
      out.append(", local-pref ").append(a.localPref() < 0 ? BestPath.DEFAULT_LOCAL_PREF
          : a.localPref()).append('\n');
      String communities = communities(a);
      if (!communities.isEmpty()) {
        out.append("    communities ").append(communities).append('\n');
      }
      if (i > 0) {
        BestPath.Step step = decision.decidingStep(best, r);
        out.append("    not best: ").append(step == BestPath.Step.EQUAL ? "equal to the best"
            : "the best has " + step.text).append('\n');
      }
    }
    return out.toString();
  }

  private static String shutDown(BgpSubsystem bgp, InetAddress address) {
    BgpSettings.Neighbor n = bgp.settings().map(s -> s.neighbors().get(address)).orElse(null);
    return n != null && n.shutdown() ? " running: it is shut down by configuration" : "";
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null && !value.isEmpty()) {
      out.append("  ").append(label).append(": ").append(value).append('\n');
    }
  }

  private static String nextHop(PathAttributes a) {
    return a.nextHop().length == 0 ? "(self)" : PrefixWords.address(a.nextHopAddress())
        .toCanonicalString();
  }

  private static String communities(PathAttributes a) {
    String standard = Communities.format(a.communities());
    String large = Communities.formatLarge(a.largeCommunities());
    return standard.isEmpty() ? large : large.isEmpty() ? standard : standard + " " + large;
  }

  private static String origin(int origin) {
    return switch (origin) {
      case PathAttributes.ORIGIN_IGP -> "i";
      case PathAttributes.ORIGIN_EGP -> "e";
      default -> "?";
    };
  }

  private static String originName(int origin) {
    return switch (origin) {
      case PathAttributes.ORIGIN_IGP -> "IGP";
      case PathAttributes.ORIGIN_EGP -> "EGP";
      default -> "incomplete";
    };
  }

  static String familyName(Family f) {
    return f == Family.IPV4_UNICAST ? "ipv4-unicast" : "ipv6-unicast";
  }

  private static String stateName(io.outpost.bgp.fsm.State state) {
    String n = state.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1).replace('_', ' ');
  }

  private static int sum(java.util.Map<Family, Integer> perFamily) {
    return perFamily.values().stream().mapToInt(Integer::intValue).sum();
  }
}
