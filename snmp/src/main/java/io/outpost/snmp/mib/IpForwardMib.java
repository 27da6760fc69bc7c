package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Index;
import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.RouteRow;
import io.outpost.snmp.source.RouteSource;
import org.snmp4j.smi.OID;

/**
 * IP-FORWARD-MIB (RFC 4292): inetCidrRouteNumber, every route the appliance has, and
 * inetCidrRouteTable, the first {@link #ROW_LIMIT} of them. A full Internet table is a million
 * rows of sixteen objects; a walk of that would take a manager hours and the agent gigabytes,
 * so the table stops at a bound (docs/snmp.md) and the count says how many there are.
 */
public final class IpForwardMib {
  public static final OID IP_FORWARD = new OID("1.3.6.1.2.1.4.24");
  static final OID ROUTE_NUMBER = new OID("1.3.6.1.2.1.4.24.6");
  static final OID ROUTE_ENTRY = new OID("1.3.6.1.2.1.4.24.7.1");
  public static final int ROW_LIMIT = 10_000;

  private IpForwardMib() {}

  public static Subtree subtree(RouteSource source) {
    return new Subtree(IP_FORWARD, b -> {
      RouteSource.Routes routes = source.routes(ROW_LIMIT);
      b.scalar(ROUTE_NUMBER, Smi.gauge(routes.count()));
      for (RouteRow r : routes.rows()) {
        OID x = Index.of().inetAddress(r.destination()).integer(r.prefixLength())
            .oid(Smi.ZERO_DOT_ZERO).inetAddress(r.nextHop()).toOid();
        b.cell(ROUTE_ENTRY, 7, x, Smi.integer(r.ifIndex()));
        b.cell(ROUTE_ENTRY, 8, x, Smi.integer(r.type()));
        b.cell(ROUTE_ENTRY, 9, x, Smi.integer(r.proto()));
        b.cell(ROUTE_ENTRY, 10, x, Smi.gauge(r.ageSeconds()));
        b.cell(ROUTE_ENTRY, 11, x, Smi.gauge(r.nextHopAs()));
        b.cell(ROUTE_ENTRY, 12, x, Smi.integer(r.metric()));
        for (int m = 13; m <= 16; m++) {
          b.cell(ROUTE_ENTRY, m, x, Smi.integer(-1));
        }
        b.cell(ROUTE_ENTRY, 17, x, Smi.integer(1)); // active
      }
    }, 5_000);
  }
}
