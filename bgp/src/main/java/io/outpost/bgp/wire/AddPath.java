package io.outpost.bgp.wire;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ADD-PATH capability (RFC 7911 section 4): per address family, whether the speaker can
 * receive several paths to a prefix (each with a path identifier), send them, or both.
 *
 * @param modes per family, {@link #RECEIVE}, {@link #SEND} or both or'ed together
 */
public record AddPath(Map<Family, Integer> modes) {
  public static final int RECEIVE = 1;
  public static final int SEND = 2;

  public AddPath {
    modes = modes.isEmpty() ? Map.of() : new EnumMap<>(modes);
  }

  /** The capability of {@code open}; empty modes when it has none. */
  public static AddPath of(OpenMessage open) {
    Map<Family, Integer> modes = new EnumMap<>(Family.class);
    for (Capability c : open.capabilities()) {
      if (c.code() == Capability.ADD_PATH) {
        byte[] v = c.value();
        // Tuples of AFI (2), SAFI (1), send/receive (1); a tuple with an unknown family or a
        // mode outside 1..3 is ignored (section 4: "the receiving speaker MUST ignore").
        for (int at = 0; at + 4 <= v.length; at += 4) {
          Family f = Family.of((v[at] & 0xff) << 8 | (v[at + 1] & 0xff), v[at + 2] & 0xff);
          int mode = v[at + 3] & 0xff;
          if (f != null && mode >= 1 && mode <= 3) {
            modes.put(f, mode);
          }
        }
      }
    }
    return new AddPath(modes);
  }

  /**
   * The families whose NLRI from the peer carry path identifiers: we said we receive them and
   * it said it sends them.
   */
  public static Set<Family> receiving(AddPath ours, AddPath theirs) {
    Set<Family> out = EnumSet.noneOf(Family.class);
    ours.modes.forEach((f, mode) -> {
      if ((mode & RECEIVE) != 0 && (theirs.modes.getOrDefault(f, 0) & SEND) != 0) {
        out.add(f);
      }
    });
    return out;
  }

  /**
   * The families whose NLRI to the peer carry path identifiers: we said we send them and it
   * said it receives them.
   */
  public static Set<Family> sending(AddPath ours, AddPath theirs) {
    return receiving(theirs, ours);
  }

  public Capability capability() {
    byte[] v = new byte[4 * modes.size()];
    int at = 0;
    for (Map.Entry<Family, Integer> e : modes.entrySet()) {
      v[at++] = (byte) (e.getKey().afi >>> 8);
      v[at++] = (byte) e.getKey().afi;
      v[at++] = (byte) e.getKey().safi;
      v[at++] = (byte) (int) e.getValue();
    }
    return new Capability(Capability.ADD_PATH, v);
  }
}
