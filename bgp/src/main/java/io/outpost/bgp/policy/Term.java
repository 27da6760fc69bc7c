package io.outpost.bgp.policy;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.List;

/**
 * One term of a {@link Policy}: when every condition holds, the actions change the route and
 * the result says what happens next.
 */
public record Term(String name, List<Condition> conditions, List<Action> actions,
    Result result) {
  /** What a matching term does once its actions have run. */
  public enum Result {
    /** The route is accepted with the attributes as changed; later terms are not looked at. */
    ACCEPT,
    /** The route is rejected; later terms are not looked at. */
    REJECT,
    /** The route goes on to the next term with the attributes as changed. */
    NEXT
  }

  public Term {
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }

  boolean matches(Family family, long hi, long lo, int length, PathAttributes attributes) {
    for (Condition c : conditions) {
      if (!c.test(family, hi, lo, length, attributes)) {
        return false;
      }
    }
    return true;
  }

  PathAttributes act(PathAttributes attributes) {
    PathAttributes out = attributes;
    for (Action a : actions) {
      out = a.apply(out);
    }
    return out;
  }
}
