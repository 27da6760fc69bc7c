package io.outpost.bgp.fsm;

/**
 * What the session must do for a transition, in order. The FSM decides; the session, which owns
 * the socket and the timers, carries these out.
 */
public enum Action {
  /** Open the TCP connection to the peer. */
  CONNECT,
  /** Close the TCP connection. */
  DROP_CONNECTION,
  SEND_OPEN,
  SEND_KEEPALIVE,
  /** Send the NOTIFICATION that goes with the transition ({@link Transition#notification}). */
  SEND_NOTIFICATION,
  START_CONNECT_RETRY_TIMER, STOP_CONNECT_RETRY_TIMER,
  /** Start the hold timer at the large value (4 minutes) while waiting for the OPEN. */
  START_LARGE_HOLD_TIMER,
  /** (Re)start the hold timer at the negotiated hold time, if that is not 0. */
  RESTART_HOLD_TIMER,
  /** (Re)start the keepalive timer at a third of the negotiated hold time, if that is not 0. */
  RESTART_KEEPALIVE_TIMER,
  STOP_TIMERS,
  /** Process the UPDATE that caused the event. */
  PROCESS_UPDATE,
  /** Forget the routes learned from the peer and what was sent to it. */
  RELEASE_RESOURCES
}
