package io.outpost.snmp.source;

import java.net.InetAddress;

/**
 * One BGP neighbor as BGP4-MIB's bgpPeerTable shows it (RFC 4273). The table is indexed by an
 * IPv4 address, so neighbors over IPv6 transport cannot appear in it.
 *
 * @param state bgpPeerState: 1 idle, 2 connect, 3 active, 4 opensent, 5 openconfirm, 6
 *     established
 * @param adminUp bgpPeerAdminStatus start (true) or stop
 * @param lastError the last NOTIFICATION's error code and subcode, zeros when none
 * @param establishedSeconds seconds in or since the last established state
 * @param lastUpdateSeconds seconds since the last UPDATE was received
 */
public record BgpPeerRow(InetAddress remoteAddress, String remoteId, int state, boolean adminUp,
    InetAddress localAddress, int localPort, int remotePort, long remoteAs, long inUpdates,
    long outUpdates, long inMessages, long outMessages, int lastErrorCode, int lastErrorSubcode,
    long establishedTransitions, long establishedSeconds, int connectRetrySeconds,
    int holdTime, int keepalive, int holdTimeConfigured, int keepaliveConfigured,
    long lastUpdateSeconds) {}
