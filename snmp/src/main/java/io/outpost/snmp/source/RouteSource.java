package io.outpost.snmp.source;

import java.util.List;

/** The routes the appliance uses, for IP-FORWARD-MIB. */
public interface RouteSource {
  /** How many routes there are in all, for inetCidrRouteNumber. */
  long count();

  /**
   * At most {@code limit} routes, the first in (destination, length) order: a table an SNMP
   * manager walks must be bounded, where the RIB may hold a million routes.
   */
  List<RouteRow> routes(int limit);
}
