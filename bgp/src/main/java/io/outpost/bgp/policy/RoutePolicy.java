package io.outpost.bgp.policy;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;

/**
 * An import or export policy as the speaker applies it: the attributes a route leaves with, or
 * null to reject it. The control plane compiles configured policies into these; the speaker only
 * calls them, on its own thread.
 */
@FunctionalInterface
public interface RoutePolicy {
  RoutePolicy ACCEPT = (family, hi, lo, length, attributes) -> attributes;
  RoutePolicy REJECT = (family, hi, lo, length, attributes) -> null;

  /** The attributes to keep (possibly rewritten), or null to reject the route. */
  PathAttributes apply(Family family, long hi, long lo, int length, PathAttributes attributes);
}
