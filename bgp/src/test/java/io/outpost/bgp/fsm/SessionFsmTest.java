package io.outpost.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.bgp.wire.BgpError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transitions of RFC 4271 section 8.2.2, event by event. */
class SessionFsmTest {
  private final SessionFsm fsm = new SessionFsm();

  private Transition run(Event... events) {
    Transition last = null;
    for (Event e : events) {
      last = fsm.handle(e);
    }
    return last;
  }

  private void established() {
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED, Event.BGP_OPEN, Event.KEEPALIVE);
    assertEquals(State.ESTABLISHED, fsm.state());
  }

  @Test
  void theOpeningExchangeEstablishesTheSession() {
    Transition start = fsm.handle(Event.MANUAL_START);
    assertEquals(State.CONNECT, start.to());
    assertEquals(List.of(Action.START_CONNECT_RETRY_TIMER, Action.CONNECT), start.actions());
    Transition connected = fsm.handle(Event.TCP_CONNECTION_ESTABLISHED);
    assertEquals(State.OPEN_SENT, connected.to());
    assertEquals(List.of(Action.STOP_CONNECT_RETRY_TIMER, Action.SEND_OPEN,
        Action.START_LARGE_HOLD_TIMER), connected.actions());
    Transition open = fsm.handle(Event.BGP_OPEN);
    assertEquals(State.OPEN_CONFIRM, open.to());
    assertEquals(List.of(Action.STOP_CONNECT_RETRY_TIMER, Action.SEND_KEEPALIVE,
        Action.RESTART_KEEPALIVE_TIMER, Action.RESTART_HOLD_TIMER), open.actions());
    Transition up = fsm.handle(Event.KEEPALIVE);
    assertEquals(State.ESTABLISHED, up.to());
    assertEquals("OPEN_CONFIRM -[KEEPALIVE (26)]-> ESTABLISHED: the peer confirmed: session"
        + " established [RESTART_HOLD_TIMER]", up.toString(), "the log line of a transition");
  }

  @Test
  void establishedKeepsAliveAndProcessesUpdates() {
    established();
    assertEquals(List.of(Action.PROCESS_UPDATE, Action.RESTART_HOLD_TIMER),
        fsm.handle(Event.UPDATE).actions());
    assertEquals(List.of(Action.RESTART_HOLD_TIMER), fsm.handle(Event.KEEPALIVE).actions());
    assertEquals(List.of(Action.SEND_KEEPALIVE, Action.RESTART_KEEPALIVE_TIMER),
        fsm.handle(Event.KEEPALIVE_TIMER_EXPIRES).actions());
    assertEquals(State.ESTABLISHED, fsm.state());
  }

  @Test
  void theHoldTimerExpiringSendsItsNotificationAndCounts() {
    established();
    Transition t = fsm.handle(Event.HOLD_TIMER_EXPIRES);
    assertEquals(State.IDLE, t.to());
    assertEquals(Action.SEND_NOTIFICATION, t.actions().getFirst());
    assertEquals(List.of(BgpError.HOLD_TIMER_EXPIRED, 0), List.of(t.notificationCode(),
        t.notificationSubcode()));
    assertEquals(1, fsm.connectRetryCounter());
  }

  @Test
  void aManualStopSendsCeaseAndResetsTheCounter() {
    established();
    fsm.handle(Event.HOLD_TIMER_EXPIRES);
    established();
    Transition t = fsm.handle(Event.MANUAL_STOP);
    assertEquals(List.of(BgpError.CEASE, 2), List.of(t.notificationCode(),
        t.notificationSubcode()), "Cease, administrative shutdown");
    assertEquals(0, fsm.connectRetryCounter());
    Transition beforeConnecting = new SessionFsm().handle(Event.MANUAL_START);
    assertEquals(State.CONNECT, beforeConnecting.to());
  }

  @Test
  void anUnexpectedMessageIsAnFsmErrorNamingTheState() {
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED);
    Transition inOpenSent = fsm.handle(Event.KEEPALIVE);
    assertEquals(List.of(BgpError.FSM, 1), List.of(inOpenSent.notificationCode(),
        inOpenSent.notificationSubcode()));
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED, Event.BGP_OPEN);
    Transition inOpenConfirm = fsm.handle(Event.UPDATE);
    assertEquals(2, inOpenConfirm.notificationSubcode());
    established();
    Transition inEstablished = fsm.handle(Event.BGP_OPEN);
    assertEquals(List.of(BgpError.FSM, 3), List.of(inEstablished.notificationCode(),
        inEstablished.notificationSubcode()));
    assertEquals(State.IDLE, fsm.state());
  }

  @Test
  void malformedMessagesAreAnsweredWithTheDecodersError() {
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED);
    Transition t = fsm.handle(Event.BGP_OPEN_MESSAGE_ERROR);
    assertEquals(State.IDLE, t.to());
    assertEquals(List.of(SessionFsm.FROM_EVENT, SessionFsm.FROM_EVENT),
        List.of(t.notificationCode(), t.notificationSubcode()));
    established();
    assertEquals(SessionFsm.FROM_EVENT,
        fsm.handle(Event.UPDATE_MESSAGE_ERROR).notificationCode());
  }

  @Test
  void aConnectionLostBeforeTheOpenGoesToActiveThenConnectsAgain() {
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED);
    Transition lost = fsm.handle(Event.TCP_CONNECTION_FAILS);
    assertEquals(State.ACTIVE, lost.to());
    assertEquals(List.of(Action.DROP_CONNECTION, Action.START_CONNECT_RETRY_TIMER),
        lost.actions());
    Transition retry = fsm.handle(Event.CONNECT_RETRY_TIMER_EXPIRES);
    assertEquals(State.CONNECT, retry.to());
    assertEquals(Action.CONNECT, retry.actions().getLast());
    Transition refused = fsm.handle(Event.TCP_CONNECTION_FAILS);
    assertEquals(State.IDLE, refused.to());
    assertEquals(0, fsm.connectRetryCounter(), "RFC 4271 does not count this one");
  }

  @Test
  void aVersionMismatchIsNoErrorAndIdleIgnoresWhatIsNotAStart() {
    run(Event.MANUAL_START, Event.TCP_CONNECTION_ESTABLISHED);
    assertEquals(State.IDLE, fsm.handle(Event.NOTIFICATION_VERSION_ERROR).to());
    assertEquals(0, fsm.connectRetryCounter());
    for (Event e : Event.values()) {
      if (e != Event.MANUAL_START && e != Event.AUTOMATIC_START) {
        assertEquals(State.IDLE, new SessionFsm().handle(e).to(), e.toString());
      }
    }
  }
}
