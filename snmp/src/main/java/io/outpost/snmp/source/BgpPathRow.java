package io.outpost.snmp.source;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One path a neighbor sent, as BGP4-MIB's bgp4PathAttrTable shows it (RFC 4273): IPv4 prefixes
 * from neighbors over IPv4 only, as the table's index allows.
 *
 * @param origin ORIGIN: 0 IGP, 1 EGP, 2 incomplete
 * @param asPath the AS path flat: for each segment its type (1 AS_SET, 2 AS_SEQUENCE), its
 *     count, then its AS numbers
 * @param med MULTI_EXIT_DISC, -1 when absent
 * @param localPref LOCAL_PREF, -1 when absent
 * @param aggregatorAddress the AGGREGATOR's address as an int, 0 when absent
 * @param best whether this path is the one the decision process chose for the prefix
 * @param unknown the path's unrecognised attributes as received, empty when none
 */
public record BgpPathRow(Inet4Address prefix, int length, Inet4Address peer, int origin,
    int[] asPath, InetAddress nextHop, long med, long localPref, boolean atomicAggregate,
    long aggregatorAs, int aggregatorAddress, boolean best, byte[] unknown) {}
