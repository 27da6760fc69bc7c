package io.outpost.bgp.attr;

import java.util.HashMap;
import java.util.Map;

/**
 * The one copy of each distinct {@link PathAttributes} the RIBs hold, reference-counted: a path
 * that enters a RIB {@link #intern}s its attributes, one that leaves {@link #release}s them, and
 * a set nobody holds is forgotten at once, so memory follows the table, not its history.
 * Confined to the thread that owns the RIBs (no locks, no atomics).
 */
public final class AttributeInterner {
  private final Map<PathAttributes, PathAttributes> canonical = new HashMap<>();

  /** The shared instance equal to {@code attributes}, with one more reference. */
  public PathAttributes intern(PathAttributes attributes) {
    PathAttributes shared = canonical.putIfAbsent(attributes, attributes);
    if (shared == null) {
      shared = attributes;
    }
    shared.references++;
    return shared;
  }

  /** One more reference to an already interned instance. */
  public void retain(PathAttributes shared) {
    shared.references++;
  }

  /** Drops one reference; the last one forgets the set. */
  public void release(PathAttributes shared) {
    if (--shared.references == 0) {
      canonical.remove(shared);
    }
  }

  /** How many distinct attribute sets are held. */
  public int size() {
    return canonical.size();
  }
}
