package io.outpost.bgp.speaker;

import io.outpost.bgp.wire.NotificationMessage;

/** What a neighbor's sessions did, for the CLI and metrics; written on the speaker's thread. */
final class PeerCounters {
  long messagesIn;
  long messagesOut;
  long updatesIn;
  long updatesOut;
  /** When the last UPDATE arrived; 0 before the first. */
  long lastUpdateInMillis;
  /** The last NOTIFICATION's code and subcode, sent or received (BGP4-MIB bgpPeerLastError). */
  int lastErrorCode;
  int lastErrorSubcode;
  long establishedTransitions;
  long establishedAtMillis;
  String lastError = "";
  NotificationMessage lastNotificationSent;
  NotificationMessage lastNotificationReceived;
}
