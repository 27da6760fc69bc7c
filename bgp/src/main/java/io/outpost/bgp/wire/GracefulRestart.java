package io.outpost.bgp.wire;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Graceful Restart capability (RFC 4724 section 3) as read from or written into an OPEN.
 *
 * @param restarting the Restart State bit: the speaker has just restarted
 * @param notification the N bit (RFC 8538): graceful restart also after a NOTIFICATION; read
 *     and shown, not acted on
 * @param restartSeconds how long the peer asks us to keep its routes after the session goes
 *     down (12 bits: at most 4095)
 * @param families the families the speaker restarts gracefully, each with its Forwarding State
 *     bit (it kept forwarding across the restart); families Outpost does not speak are left out
 */
public record GracefulRestart(boolean restarting, boolean notification, int restartSeconds,
    Map<Family, Boolean> families) {
  private static final int RESTART_STATE = 0x8000;
  private static final int NOTIFICATION = 0x4000;
  private static final int FORWARDING_STATE = 0x80;
  public static final int MAX_RESTART_SECONDS = 0xfff;

  public GracefulRestart {
    if (restartSeconds < 0 || restartSeconds > MAX_RESTART_SECONDS) {
      throw new IllegalArgumentException("restart time " + restartSeconds + ": 0 to 4095 s");
    }
    families = Collections.unmodifiableMap(families.isEmpty() ? new EnumMap<>(Family.class)
        : new EnumMap<>(families));
  }

  /** The capability in {@code open}, or null when it has none or a malformed one. */
  public static GracefulRestart of(OpenMessage open) {
    for (Capability c : open.capabilities()) {
      if (c.code() == Capability.GRACEFUL_RESTART) {
        return parse(c.value());
      }
    }
    return null;
  }

  /** The capability's value; null when its length is not 2 plus a multiple of 4. */
  static GracefulRestart parse(byte[] v) {
    if (v.length < 2 || (v.length - 2) % 4 != 0) {
      return null;
    }
    int flagsAndTime = (v[0] & 0xff) << 8 | (v[1] & 0xff);
    Map<Family, Boolean> families = new EnumMap<>(Family.class);
    for (int at = 2; at < v.length; at += 4) {
      Family f = Family.of((v[at] & 0xff) << 8 | (v[at + 1] & 0xff), v[at + 2] & 0xff);
      if (f != null) {
        families.put(f, (v[at + 3] & FORWARDING_STATE) != 0);
      }
    }
    return new GracefulRestart((flagsAndTime & RESTART_STATE) != 0,
        (flagsAndTime & NOTIFICATION) != 0, flagsAndTime & MAX_RESTART_SECONDS, families);
  }

  public Capability capability() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int flagsAndTime = (restarting ? RESTART_STATE : 0) | (notification ? NOTIFICATION : 0)
        | restartSeconds;
    out.write(flagsAndTime >>> 8);
    out.write(flagsAndTime);
    families.forEach((f, forwarding) -> {
      out.write(f.afi >>> 8);
      out.write(f.afi);
      out.write(f.safi);
      out.write(forwarding ? FORWARDING_STATE : 0);
    });
    return new Capability(Capability.GRACEFUL_RESTART, out.toByteArray());
  }
}
