package io.outpost.controlplane.cli;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.outpost.bgp.speaker.BgpSpeaker;
import io.outpost.bgp.speaker.PeerStatus;
import io.outpost.controlplane.bgp.BgpStatus;
import io.outpost.controlplane.bgp.BgpSubsystem;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * {@code show bgp summary|neighbor X [received-routes|advertised-routes]|route PREFIX} and
 * {@code clear bgp neighbor X [soft in|soft out]}.
 */
final class BgpCommands {
  private BgpCommands() {}

  static Command show() {
    return Command.group("bgp", "Show BGP: neighbors, their routes, paths to a prefix",
        Command.leaf("summary", "Show every neighbor: state, messages, prefixes",
            (s, a) -> {
              a.atMost(0);
              return text(() -> BgpStatus.summary(bgp(s)), a);
            }),
        Command.leaf("neighbor", "Show one neighbor, or the routes it sent or was sent",
            BgpCommands::showNeighbor).withTail(new Command.Arguments(
                "<address> [received-routes|advertised-routes]",
                "received-routes: as it sent them, before import policy; advertised-routes: as"
                    + " we sent them", BgpCommands::neighborAddresses)),
        Command.leaf("route", "Show every path to a prefix, which is best and why",
            BgpCommands::showRoute).withTail(new Command.Arguments("<prefix>",
                "An IPv4 or IPv6 prefix, as in 192.0.2.0/24", s -> List.of())));
  }

  static Command clear() {
    return Command.leaf("bgp", "Reset BGP sessions",
        (s, a) -> {
          throw new CliError("say which: clear bgp neighbor <address> [soft in|soft out]",
              a.lineIndex(0));
        }).withChildren(Command.leaf("neighbor",
            "Reset a neighbor's session, or refresh its routes (soft in, soft out)",
            BgpCommands::clearNeighbor).withTail(new Command.Arguments(
                "<address> [soft in|soft out]", "soft in: ask the neighbor to send its routes"
                    + " again and re-apply import policy; soft out: send ours again; neither:"
                    + " close the session (Cease, Administrative Reset) and reconnect",
                BgpCommands::neighborAddresses)));
  }

  private interface Render {
    String render() throws BgpStatus.NotFound;
  }

  private static Shown text(Render r, Args a) throws CliError {
    try {
      return Shown.text(r.render());
    } catch (BgpStatus.NotFound e) {
      throw new CliError(e.getMessage(), a.lineIndex(0));
    }
  }

  private static BgpSubsystem bgp(CliSession s) {
    return s.services().bgp();
  }

  private static Shown showNeighbor(CliSession s, Args a) throws CliError {
    if (a.isEmpty()) {
      throw a.error("which neighbor? show bgp neighbor <address>", 0);
    }
    a.atMost(2);
    InetAddress address = address(a, 0);
    if (a.size() == 1) {
      return text(() -> BgpStatus.neighbor(bgp(s), address), a);
    }
    return switch (a.get(1)) {
      case "received-routes" -> text(() -> BgpStatus.neighborRoutes(bgp(s), address, false), a);
      case "advertised-routes" -> text(() -> BgpStatus.neighborRoutes(bgp(s), address, true), a);
      default -> throw a.error("received-routes or advertised-routes, not \"" + a.get(1) + "\"",
          1);
    };
  }

  private static Shown showRoute(CliSession s, Args a) throws CliError {
    if (a.isEmpty()) {
      throw a.error("which prefix? show bgp route <prefix>", 0);
    }
    a.atMost(1);
    IPAddress prefix = new IPAddressString(a.get(0)).getAddress();
    if (prefix == null) {
      throw a.error("not an IPv4 or IPv6 prefix: " + a.get(0), 0);
    }
    if (prefix.getNetworkPrefixLength() == null) {
      prefix = prefix.setPrefixLength(prefix.getBitCount(), false);
    }
    IPAddress p = prefix;
    return text(() -> BgpStatus.route(bgp(s), p), a);
  }

  private static Shown clearNeighbor(CliSession s, Args a) throws CliError {
    if (a.isEmpty()) {
      throw a.error("which neighbor? clear bgp neighbor <address> [soft in|soft out]", 0);
    }
    a.atMost(3);
    InetAddress address = address(a, 0);
    BgpSpeaker speaker = bgp(s).speaker().orElseThrow(() -> a.error("BGP is not configured", 0));
    boolean in = false;
    boolean out = false;
    if (a.size() > 1) {
      if (!a.get(1).equals("soft")) {
        throw a.error("soft in or soft out, not \"" + a.get(1) + "\"", 1);
      }
      if (a.size() < 3 || !a.get(2).equals("in") && !a.get(2).equals("out")) {
        throw a.error("soft in or soft out", Math.min(2, a.size() - 1));
      }
      in = a.get(2).equals("in");
      out = !in;
    }
    try {
      if (in || out) {
        speaker.softReset(address, in, out);
        return Shown.text("neighbor " + a.get(0) + ": " + (in
            ? "route refresh requested, import policy re-applied" : "routes sent again") + "\n");
      }
      speaker.resetPeer(address, "cleared by " + s.session().user());
      return Shown.text("neighbor " + a.get(0) + ": session reset; it reconnects\n");
    } catch (IllegalArgumentException e) {
      throw a.error("no BGP neighbor " + a.get(0), 0);
    }
  }

  private static InetAddress address(Args a, int i) throws CliError {
    IPAddress ip = new IPAddressString(a.get(i)).getAddress();
    if (ip == null || ip.getNetworkPrefixLength() != null) {
      throw a.error("not an IPv4 or IPv6 address: " + a.get(i), i);
    }
    try {
      return InetAddress.getByAddress(ip.getBytes());
    } catch (UnknownHostException e) {
      throw a.error(e.getMessage(), i);
    }
  }

  private static List<String> neighborAddresses(CliSession s) {
    return bgp(s).speaker().map(sp -> sp.peers().stream().map(PeerStatus::address).toList())
        .orElse(List.of());
  }
}
