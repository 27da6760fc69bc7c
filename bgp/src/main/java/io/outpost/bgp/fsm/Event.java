package io.outpost.bgp.fsm;

/**
 * What happens to a session (RFC 4271 section 8.1, by its numbers), as the session's I/O and
 * timers report it. Optional events the RFC lists that Outpost does not use (delay-open,
 * idle-hold, passive TCP establishment as an attribute) are left out.
 */
public enum Event {
  MANUAL_START(1), MANUAL_STOP(2), AUTOMATIC_START(3),
  CONNECT_RETRY_TIMER_EXPIRES(9), HOLD_TIMER_EXPIRES(10), KEEPALIVE_TIMER_EXPIRES(11),
  /** Our outgoing connection completed (Tcp_CR_Acked). */
  TCP_CONNECTION_ESTABLISHED(16),
  /** A connection from the peer was accepted (TcpConnectionConfirmed). */
  TCP_CONNECTION_CONFIRMED(17),
  TCP_CONNECTION_FAILS(18),
  BGP_OPEN(19), BGP_HEADER_ERROR(21), BGP_OPEN_MESSAGE_ERROR(22),
  NOTIFICATION_VERSION_ERROR(24), NOTIFICATION(25), KEEPALIVE(26), UPDATE(27),
  UPDATE_MESSAGE_ERROR(28);

  /** The event's number in RFC 4271 section 8.1, for logs. */
  public final int number;

  Event(int number) {
    this.number = number;
  }
}
