package io.outpost.bgp.fsm;

import java.util.List;

/**
 * One step of the FSM: the state it goes to, why (for the log line every transition gets),
 * what the session must do, and the NOTIFICATION code and subcode when one of the actions is
 * {@link Action#SEND_NOTIFICATION}.
 */
public record Transition(State from, Event event, State to, String reason, List<Action> actions,
    int notificationCode, int notificationSubcode) {
  public Transition {
    actions = List.copyOf(actions);
  }

  @Override
  public String toString() {
    return from + " -[" + event + " (" + event.number + ")]-> " + to + ": " + reason
        + (actions.isEmpty() ? "" : " " + actions);
  }
}
