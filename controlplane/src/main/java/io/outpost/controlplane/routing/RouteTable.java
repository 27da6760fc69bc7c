package io.outpost.controlplane.routing;

import java.util.List;
import java.util.Locale;

/** Renders the RIB for {@code show route}: one section per family, the selected route marked. */
public final class RouteTable {
  private RouteTable() {}

  public static String render(Rib rib) {
    StringBuilder out = new StringBuilder();
    for (boolean v4 : List.of(true, false)) {
      List<Rib.Entry> family = rib.entries().stream().filter(e -> e.prefix().isIPv4() == v4).toList();
      long routes = family.stream().mapToLong(e -> e.candidates().size()).sum();
      long active = family.stream().filter(e -> e.selected().isPresent()).count();
      out.append(v4 ? "inet" : "inet6").append(": ").append(family.size()).append(" destinations, ")
          .append(routes).append(" routes (").append(active).append(" active)\n");
      if (family.isEmpty()) {
        continue;
      }
      out.append("  %-22s %-11s %-5s %s%n".formatted("Destination", "Protocol", "Dist", "Next hop"));
      for (Rib.Entry e : family) {
        Rib.Candidate selected = e.selected().orElse(null);
        boolean first = true;
        for (Rib.Candidate c : e.candidates()) {
          String mark = c == selected ? "*" : " ";
          String dest = first ? e.prefix().toCanonicalString() : "";
          out.append("%s %-22s %-11s %-5d %s%n".formatted(mark, dest,
              c.route().protocol().name().toLowerCase(Locale.ROOT), c.route().distance(), nextHop(c)));
          first = false;
        }
      }
    }
    return out.toString();
  }

  private static String nextHop(Rib.Candidate c) {
    Route r = c.route();
    return switch (r.kind()) {
      case INTERFACE -> "via " + r.interfaceName();
      case BLACKHOLE -> "blackhole";
      case REJECT -> "reject";
      case GATEWAY -> {
        StringBuilder s = new StringBuilder();
        for (Rib.Resolved res : c.resolved()) {
          if (!s.isEmpty()) {
            s.append(", ");
          }
          s.append(res.nextHop().address().toCanonicalString());
          s.append(res.interfaceName() != null ? " via " + res.interfaceName() : " (unresolved)");
        }
        yield s.toString();
      }
    };
  }
}
