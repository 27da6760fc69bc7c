package io.outpost.bgp.speaker;

import io.outpost.bgp.fsm.State;
import io.outpost.bgp.wire.Family;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A neighbor as {@code show bgp summary} and {@code show bgp neighbor} show it: a snapshot,
 * taken on the speaker's thread.
 *
 * @param received prefixes in the Adj-RIB-In (before import policy), per family
 * @param accepted of those, the ones import policy let into the Loc-RIB
 * @param advertised prefixes in the Adj-RIB-Out, per family
 * @param upSeconds seconds in Established, or since the last state change otherwise
 * @param families the address families both sides negotiated
 * @param staleRoutes routes of a gracefully restarting peer kept since its last session
 *     (RFC 4724), until it sends them again and its End-of-RIB, or its restart time runs out
 * @param peerRestartSeconds the restart time in the peer's graceful-restart capability; -1
 *     when it has none (or we do not act as its helper)
 * @param negotiated what the established session's OPENs agreed on beyond the families, in
 *     words ("4-octet AS", "add-path send ipv4-unicast", ...); empty when not established
 * @param secondsSinceUpdate seconds since the last UPDATE arrived, -1 before the first
 * @param lastErrorCode the last NOTIFICATION's code, sent or received; 0 when none
 */
public record PeerStatus(String address, long remoteAs, State state, long remoteRouterId,
    long upSeconds, long messagesIn, long messagesOut, long establishedTransitions,
    Map<Family, Integer> received, Map<Family, Integer> accepted,
    Map<Family, Integer> advertised, int holdTime, Set<Family> families, String lastError,
    String lastNotificationSent, String lastNotificationReceived, String description,
    int staleRoutes, int peerRestartSeconds, List<String> negotiated, long updatesIn,
    long updatesOut, long secondsSinceUpdate, int lastErrorCode, int lastErrorSubcode) {}
