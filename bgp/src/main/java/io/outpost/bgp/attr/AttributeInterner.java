package io.outpost.bgp.attr;

/**
 * The one copy of each distinct {@link PathAttributes} the RIBs hold, reference-counted: a path
 * that enters a RIB {@link #intern}s its attributes, one that leaves {@link #release}s them, and
 * a set nobody holds is forgotten at once, so memory follows the table, not its history.
 * Confined to the thread that owns the RIBs (no locks, no atomics).
 *
 * <p>An open-addressing set (linear probing, backward-shift removal) of the instances with their
 * hashes beside them: a probe compares hashes in one {@code int[]} and looks at an instance only
 * when they match. A full table holds a few hundred thousand sets; a {@code HashMap} spent a
 * 32-octet node on each and a cache miss on the node before the comparison.
 */
public final class AttributeInterner {
  private static final int INITIAL_CAPACITY = 64;

  private PathAttributes[] sets = new PathAttributes[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];
  private int size;

  /** The shared instance equal to {@code attributes}, with one more reference. */
  public PathAttributes intern(PathAttributes attributes) {
    int h = attributes.hashCode();
    int mask = sets.length - 1;
    int i = spread(h) & mask;
    for (PathAttributes s; (s = sets[i]) != null; i = (i + 1) & mask) {
      if (hashes[i] == h && (s == attributes || s.equals(attributes))) {
        s.references++;
        return s;
      }
    }
    sets[i] = attributes;
    hashes[i] = h;
    attributes.references++;
    if (++size * 4 > sets.length * 3) {
      grow();
    }
    return attributes;
  }

  /** One more reference to an already interned instance. */
  public void retain(PathAttributes shared) {
    shared.references++;
  }

  /** Drops one reference; the last one forgets the set. */
  public void release(PathAttributes shared) {
    if (--shared.references == 0) {
      remove(shared);
    }
  }

  /** How many distinct attribute sets are held. */
  public int size() {
    return size;
  }

  private void remove(PathAttributes shared) {
    int mask = sets.length - 1;
    int i = spread(shared.hashCode()) & mask;
    while (sets[i] != shared) {
      if (sets[i] == null) {
        return; // not interned (a set that never went through intern)
      }
      i = (i + 1) & mask;
    }
    sets[i] = null;
    size--;
    int hole = i;
    for (int j = (i + 1) & mask; sets[j] != null; j = (j + 1) & mask) {
      int home = spread(hashes[j]) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        sets[hole] = sets[j];
        hashes[hole] = hashes[j];
        sets[j] = null;
        hole = j;
      }
    }
  }

  private void grow() {
    PathAttributes[] oldSets = sets;
    int[] oldHashes = hashes;
    sets = new PathAttributes[oldSets.length * 2];
    hashes = new int[sets.length];
    int mask = sets.length - 1;
    for (int j = 0; j < oldSets.length; j++) {
      if (oldSets[j] != null) {
        int i = spread(oldHashes[j]) & mask;
        while (sets[i] != null) {
          i = (i + 1) & mask;
        }
        sets[i] = oldSets[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  /** PathAttributes' hash is a polynomial one; this mixes its high bits into the low ones. */
  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ x >>> 16;
  }
}
