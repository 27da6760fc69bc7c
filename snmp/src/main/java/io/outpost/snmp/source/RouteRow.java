package io.outpost.snmp.source;

import java.net.InetAddress;

/**
 * One route as IP-FORWARD-MIB's inetCidrRouteTable shows it (RFC 4292).
 *
 * @param nextHop the gateway, or null for a directly connected route
 * @param ifIndex the outgoing interface, 0 when not known
 * @param type inetCidrRouteType: 1 other, 2 reject, 3 local, 4 remote, 5 blackhole
 * @param proto IANAipRouteProtocol: 2 local, 3 netmgmt (static), 14 bgp, 1 other
 * @param ageSeconds seconds since the route was last updated
 * @param nextHopAs the next hop's AS for BGP routes, 0 otherwise
 * @param metric the route's primary metric, -1 when it has none
 */
public record RouteRow(InetAddress destination, int prefixLength, InetAddress nextHop,
    int ifIndex, int type, int proto, long ageSeconds, long nextHopAs, int metric) {}
