package io.outpost.snmp.source;

import java.util.List;

/** The routes the appliance uses, for IP-FORWARD-MIB. */
public interface RouteSource {
  /**
   * At most {@code limit} routes, the first in (destination, length) order, and how many there
   * are in all: a table an SNMP manager walks must be bounded, where the RIB may hold a million
   * routes, and both come from one pass over them.
   */
  Routes routes(int limit);

  /** The first rows and the count of all (inetCidrRouteNumber). */
  record Routes(long count, List<RouteRow> rows) {}
}
