package io.outpost.bgp.policy;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.List;

/**
 * A routing policy as engineers configure one (Junos's policy-statement, FRR's route-map): terms
 * looked at in order; the first matching term that accepts or rejects decides, a matching term
 * that does neither passes its changes on to the next one, and a route no term decides gets
 * the default. The control plane compiles configured policies into these.
 */
public record Policy(String name, List<Term> terms, boolean acceptByDefault)
    implements RoutePolicy {
  public Policy {
    terms = List.copyOf(terms);
  }

  @Override
  public PathAttributes apply(Family family, long hi, long lo, int length,
      PathAttributes attributes) {
    PathAttributes current = attributes;
    for (int i = 0; i < terms.size(); i++) { // indexed: no iterator per route
      Term t = terms.get(i);
      if (!t.matches(family, hi, lo, length, current)) {
        continue;
      }
      current = t.act(current);
      switch (t.result()) {
        case ACCEPT -> {
          return current;
        }
        case REJECT -> {
          return null;
        }
        case NEXT -> {
          // on to the next term with the changes
        }
      }
    }
    return acceptByDefault ? current : null;
  }
}
