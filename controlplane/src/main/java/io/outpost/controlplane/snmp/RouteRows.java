package io.outpost.controlplane.snmp;

import inet.ipaddr.IPAddress;
import io.outpost.controlplane.routing.PrefixWords;
import io.outpost.controlplane.routing.Rib;
import io.outpost.controlplane.routing.Route;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.controlplane.routing.Selection;
import io.outpost.snmp.source.RouteRow;
import io.outpost.snmp.source.RouteSource;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The routes the appliance forwards by, as IP-FORWARD-MIB shows them: what the routing table
 * selected among connected, static and BGP routes, one row per way out (ECMP routes have
 * several). A walk of a full table is bounded: {@link #routes} keeps the first rows in index
 * order with a heap of the limit's size, so a million BGP routes cost one pass and no copy.
 */
public final class RouteRows implements RouteSource {
  /** IANAipRouteProtocol. */
  static final int LOCAL = 2;
  static final int NETMGMT = 3;
  static final int BGP = 14;

  private final RoutingSubsystem routing;
  private final Supplier<Map<String, Integer>> ifIndexes;

  /** @param ifIndexes the interfaces' kernel indexes by name, as they are now */
  public RouteRows(RoutingSubsystem routing, Supplier<Map<String, Integer>> ifIndexes) {
    this.routing = routing;
    this.ifIndexes = ifIndexes;
  }

  /** A prefix in index order: IPv4 before IPv6, then address, then length. */
  private record Key(boolean ipv6, long hi, long lo, int length, Selection.Forwarding f) {}

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::ipv6)
      .thenComparing(Key::hi, Long::compareUnsigned).thenComparing(Key::lo, Long::compareUnsigned)
      .thenComparingInt(Key::length);

  @Override
  public Routes routes(int limit) {
    Selection selection = routing.selection();
    Map<IPAddress, Route.Protocol> configured = new HashMap<>();
    Map<IPAddress, Selection.Forwarding> configuredForwarding = new HashMap<>();
    for (Rib.Entry e : selection.configured().entries()) {
      e.selected().ifPresent(c -> {
        configured.put(e.prefix(), c.route().protocol());
        configuredForwarding.put(e.prefix(), new Selection.Forwarding(c.route().kind(),
            c.waysOut()));
      });
    }
    PriorityQueue<Key> last = new PriorityQueue<>(ORDER.reversed());
    long[] count = {0};
    selection.forEach((v6, hi, lo, len, f) -> {
      count[0] += Math.max(1, f.waysOut().size()); // a row per way out
      Key k = new Key(v6, hi, lo, len, f);
      if (last.size() < limit) {
        last.add(k);
      } else if (ORDER.compare(k, last.peek()) < 0) {
        last.poll();
        last.add(k);
      }
    });
    List<Key> keys = new ArrayList<>(last);
    keys.sort(ORDER);
    List<RouteRow> rows = new ArrayList<>();
    Map<String, Integer> ifIndex = keys.isEmpty() ? Map.of() : ifIndexes.get();
    for (Key k : keys) {
      IPAddress prefix = PrefixWords.prefix(k.ipv6(), k.hi(), k.lo(), k.length());
      Route.Protocol p = k.f().equals(configuredForwarding.get(prefix))
          ? configured.get(prefix) : Route.Protocol.BGP;
      int proto = switch (p) {
        case CONNECTED -> LOCAL;
        case STATIC -> NETMGMT;
        case BGP -> BGP;
      };
      InetAddress destination = prefix.toPrefixBlock().getLower().toInetAddress();
      Selection.Forwarding f = k.f();
      if (f.waysOut().isEmpty()) {
        rows.add(new RouteRow(destination, k.length(), null, 0,
            f.kind() == Route.Kind.REJECT ? 2 : 5, proto, 0, 0, -1));
        continue;
      }
      for (Rib.WayOut w : f.waysOut()) {
        rows.add(new RouteRow(destination, k.length(), w.gateway() == null ? null
            : w.gateway().toInetAddress(), ifIndex.getOrDefault(w.interfaceName(), 0),
            w.gateway() == null ? 3 : 4, proto, 0, 0, -1));
      }
    }
    return new Routes(count[0], rows.size() > limit ? rows.subList(0, limit) : rows);
  }
}
