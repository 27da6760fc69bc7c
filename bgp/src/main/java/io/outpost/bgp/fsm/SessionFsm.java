package io.outpost.bgp.fsm;

import static io.outpost.bgp.fsm.Action.CONNECT;
import static io.outpost.bgp.fsm.Action.DROP_CONNECTION;
import static io.outpost.bgp.fsm.Action.PROCESS_UPDATE;
import static io.outpost.bgp.fsm.Action.RELEASE_RESOURCES;
import static io.outpost.bgp.fsm.Action.RESTART_HOLD_TIMER;
import static io.outpost.bgp.fsm.Action.RESTART_KEEPALIVE_TIMER;
import static io.outpost.bgp.fsm.Action.SEND_KEEPALIVE;
import static io.outpost.bgp.fsm.Action.SEND_NOTIFICATION;
import static io.outpost.bgp.fsm.Action.SEND_OPEN;
import static io.outpost.bgp.fsm.Action.START_CONNECT_RETRY_TIMER;
import static io.outpost.bgp.fsm.Action.START_LARGE_HOLD_TIMER;
import static io.outpost.bgp.fsm.Action.STOP_CONNECT_RETRY_TIMER;
import static io.outpost.bgp.fsm.Action.STOP_TIMERS;

import io.outpost.bgp.wire.BgpError;
import java.util.List;

/**
 * The BGP finite state machine of one session (RFC 4271 section 8.2.2, without the optional
 * DelayOpen and passive-TCP attributes): one method per state, each returning the
 * {@link Transition} an event causes (the next state, the reason, the actions for the session
 * to carry out). It owns only the state and the ConnectRetryCounter; sockets, timers and
 * messages are the session's, which makes every transition testable without either.
 *
 * <p>NOTIFICATIONs: for a header, OPEN or UPDATE error the transition asks the session to send
 * the error the decoder reported ({@link #FROM_EVENT}); otherwise the code and subcode are in
 * the transition: Cease for a manual stop, Hold Timer Expired, and the FSM error subcodes of
 * RFC 6608 for a message that is unexpected in the state. Connection collision detection
 * (section 6.8) needs both connections and is the session's.
 */
public final class SessionFsm {
  /** As a transition's notification code: send the error the event's decoder reported. */
  public static final int FROM_EVENT = -1;
  private static final int NONE = 0;
  /** RFC 6608 FSM error subcodes: an unexpected message in OpenSent, OpenConfirm, Established. */
  static final int UNEXPECTED_IN_OPEN_SENT = 1;
  static final int UNEXPECTED_IN_OPEN_CONFIRM = 2;
  static final int UNEXPECTED_IN_ESTABLISHED = 3;

  private State state = State.IDLE;
  private int connectRetryCounter;

  public State state() {
    return state;
  }

  /** How many times in a row the session has gone back to Idle on an error. */
  public int connectRetryCounter() {
    return connectRetryCounter;
  }

  /** Handles {@code event} and moves to the state it leads to. */
  public Transition handle(Event event) {
    Transition t = switch (state) {
      case IDLE -> idle(event);
      case CONNECT -> connect(event);
      case ACTIVE -> active(event);
      case OPEN_SENT -> openSent(event);
      case OPEN_CONFIRM -> openConfirm(event);
      case ESTABLISHED -> established(event);
    };
    state = t.to();
    return t;
  }

  private Transition idle(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> {
        connectRetryCounter = 0;
        yield go(e, State.CONNECT, "started: connecting to the peer",
            START_CONNECT_RETRY_TIMER, CONNECT);
      }
      default -> stay(e, "ignored in Idle");
    };
  }

  private Transition connect(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> stay(e, "already started");
      case MANUAL_STOP -> stop(e);
      case CONNECT_RETRY_TIMER_EXPIRES -> go(e, State.CONNECT,
          "no connection within the connect-retry time: trying again", DROP_CONNECTION,
          START_CONNECT_RETRY_TIMER, CONNECT);
      case TCP_CONNECTION_ESTABLISHED, TCP_CONNECTION_CONFIRMED -> go(e, State.OPEN_SENT,
          "connected: OPEN sent", STOP_CONNECT_RETRY_TIMER, SEND_OPEN, START_LARGE_HOLD_TIMER);
      case TCP_CONNECTION_FAILS -> down(e, "the connection failed");
      case BGP_HEADER_ERROR, BGP_OPEN_MESSAGE_ERROR -> error(e, "a malformed message", true,
          FROM_EVENT, FROM_EVENT);
      case NOTIFICATION_VERSION_ERROR -> down(e, "the peer does not speak our version");
      default -> error(e, "unexpected in Connect", false, NONE, NONE);
    };
  }

  private Transition active(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> stay(e, "already started");
      case MANUAL_STOP -> stop(e);
      case CONNECT_RETRY_TIMER_EXPIRES -> go(e, State.CONNECT, "connecting again",
          START_CONNECT_RETRY_TIMER, CONNECT);
      case TCP_CONNECTION_ESTABLISHED, TCP_CONNECTION_CONFIRMED -> go(e, State.OPEN_SENT,
          "connected: OPEN sent", STOP_CONNECT_RETRY_TIMER, SEND_OPEN, START_LARGE_HOLD_TIMER);
      case BGP_HEADER_ERROR, BGP_OPEN_MESSAGE_ERROR -> error(e, "a malformed message", true,
          FROM_EVENT, FROM_EVENT);
      case NOTIFICATION_VERSION_ERROR -> down(e, "the peer does not speak our version");
      default -> error(e, "unexpected in Active", false, NONE, NONE);
    };
  }

  private Transition openSent(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> stay(e, "already started");
      case MANUAL_STOP -> stop(e);
      case HOLD_TIMER_EXPIRES -> holdExpired(e);
      case TCP_CONNECTION_FAILS -> go(e, State.ACTIVE,
          "the connection closed before the peer's OPEN", DROP_CONNECTION,
          START_CONNECT_RETRY_TIMER);
      case BGP_OPEN -> go(e, State.OPEN_CONFIRM, "the peer's OPEN is acceptable: KEEPALIVE sent",
          STOP_CONNECT_RETRY_TIMER, SEND_KEEPALIVE, RESTART_KEEPALIVE_TIMER, RESTART_HOLD_TIMER);
      case BGP_HEADER_ERROR, BGP_OPEN_MESSAGE_ERROR -> error(e, "a malformed message", true,
          FROM_EVENT, FROM_EVENT);
      case NOTIFICATION_VERSION_ERROR -> down(e, "the peer does not speak our version");
      default -> error(e, "unexpected in OpenSent", true, BgpError.FSM,
          UNEXPECTED_IN_OPEN_SENT);
    };
  }

  private Transition openConfirm(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> stay(e, "already started");
      case MANUAL_STOP -> stop(e);
      case HOLD_TIMER_EXPIRES -> holdExpired(e);
      case KEEPALIVE_TIMER_EXPIRES -> go(e, State.OPEN_CONFIRM, "keepalive time",
          SEND_KEEPALIVE, RESTART_KEEPALIVE_TIMER);
      case KEEPALIVE -> go(e, State.ESTABLISHED, "the peer confirmed: session established",
          RESTART_HOLD_TIMER);
      case TCP_CONNECTION_FAILS, NOTIFICATION -> error(e, e == Event.NOTIFICATION
          ? "the peer sent a NOTIFICATION" : "the connection failed", false, NONE, NONE);
      case BGP_HEADER_ERROR, BGP_OPEN_MESSAGE_ERROR -> error(e, "a malformed message", true,
          FROM_EVENT, FROM_EVENT);
      case NOTIFICATION_VERSION_ERROR -> down(e, "the peer does not speak our version");
      default -> error(e, "unexpected in OpenConfirm", true, BgpError.FSM,
          UNEXPECTED_IN_OPEN_CONFIRM);
    };
  }

  /** The steps of every message on an established session, made once (they are values). */
  private static final Transition UPDATE_IN_ESTABLISHED = new Transition(State.ESTABLISHED,
      Event.UPDATE, State.ESTABLISHED, "an UPDATE", List.of(PROCESS_UPDATE, RESTART_HOLD_TIMER),
      NONE, NONE);
  private static final Transition KEEPALIVE_IN_ESTABLISHED = new Transition(State.ESTABLISHED,
      Event.KEEPALIVE, State.ESTABLISHED, "the peer is alive", List.of(RESTART_HOLD_TIMER), NONE,
      NONE);

  private Transition established(Event e) {
    return switch (e) {
      case MANUAL_START, AUTOMATIC_START -> stay(e, "already started");
      case MANUAL_STOP -> stop(e);
      case HOLD_TIMER_EXPIRES -> holdExpired(e);
      case KEEPALIVE_TIMER_EXPIRES -> go(e, State.ESTABLISHED, "keepalive time",
          SEND_KEEPALIVE, RESTART_KEEPALIVE_TIMER);
      case KEEPALIVE -> KEEPALIVE_IN_ESTABLISHED;
      case UPDATE -> UPDATE_IN_ESTABLISHED;
      case UPDATE_MESSAGE_ERROR, BGP_HEADER_ERROR, BGP_OPEN_MESSAGE_ERROR -> error(e,
          "a malformed message", true, FROM_EVENT, FROM_EVENT);
      case TCP_CONNECTION_FAILS, NOTIFICATION, NOTIFICATION_VERSION_ERROR -> error(e,
          e == Event.TCP_CONNECTION_FAILS ? "the connection failed"
              : "the peer sent a NOTIFICATION", false, NONE, NONE);
      default -> error(e, "unexpected in Established", true, BgpError.FSM,
          UNEXPECTED_IN_ESTABLISHED);
    };
  }

  /** ManualStop: a Cease if there is a connection to send it on, then Idle; the counter resets. */
  private Transition stop(Event e) {
    connectRetryCounter = 0;
    boolean talking = state == State.OPEN_SENT || state == State.OPEN_CONFIRM
        || state == State.ESTABLISHED;
    List<Action> actions = talking
        ? List.of(SEND_NOTIFICATION, STOP_TIMERS, RELEASE_RESOURCES, DROP_CONNECTION)
        : List.of(STOP_TIMERS, RELEASE_RESOURCES, DROP_CONNECTION);
    return new Transition(state, e, State.IDLE, "stopped by the operator", actions,
        talking ? BgpError.CEASE : NONE, talking ? 2 : NONE);
  }

  private Transition holdExpired(Event e) {
    return error(e, "no message from the peer within the hold time", true,
        BgpError.HOLD_TIMER_EXPIRED, 0);
  }

  /** An error: (NOTIFICATION,) timers stopped, resources released, connection dropped, Idle. */
  private Transition error(Event e, String reason, boolean notify, int code, int subcode) {
    connectRetryCounter++;
    List<Action> actions = notify
        ? List.of(SEND_NOTIFICATION, STOP_TIMERS, RELEASE_RESOURCES, DROP_CONNECTION)
        : List.of(STOP_TIMERS, RELEASE_RESOURCES, DROP_CONNECTION);
    return new Transition(state, e, State.IDLE, reason, actions, notify ? code : NONE,
        notify ? subcode : NONE);
  }

  /**
   * To Idle without counting it against the peer, where RFC 4271 does not increment the
   * ConnectRetryCounter (a version mismatch, a connection that failed before any exchange).
   */
  private Transition down(Event e, String reason) {
    return new Transition(state, e, State.IDLE, reason,
        List.of(STOP_TIMERS, RELEASE_RESOURCES, DROP_CONNECTION), NONE, NONE);
  }

  private Transition go(Event e, State to, String reason, Action... actions) {
    return new Transition(state, e, to, reason, List.of(actions), NONE, NONE);
  }

  private Transition stay(Event e, String reason) {
    return new Transition(state, e, state, reason, List.of(), NONE, NONE);
  }
}
