package io.outpost.bgp.speaker;

import io.outpost.bgp.wire.NotificationMessage;

/** What a neighbor's sessions did, for the CLI and metrics; written on the speaker's thread. */
final class PeerCounters {
  long messagesIn;
  long messagesOut;
  long establishedTransitions;
  long establishedAtMillis;
  String lastError = "";
  NotificationMessage lastNotificationSent;
  NotificationMessage lastNotificationReceived;
}
