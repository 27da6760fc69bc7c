package io.outpost.bgp.fsm;

/** The states of a BGP session (RFC 4271 section 8.2.2). */
public enum State {
  IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED
}
