package io.outpost.controlplane.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as RFC 3339 UTC timestamps with exactly three fractional digits:
 * {@code 2026-11-25T10:00:00.123Z}.
 *
 * <p>A fixed width keeps log lines aligned and sorts as text; milliseconds are what RFC 5424
 * receivers commonly keep. {@link DateTimeFormatter#ISO_INSTANT} is not used because it drops the
 * fraction when it is zero.
 */
final class Rfc3339Millis {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Rfc3339Millis() {
  }

  static String format(Instant time) {
    return FORMAT.format(time);
  }
}
