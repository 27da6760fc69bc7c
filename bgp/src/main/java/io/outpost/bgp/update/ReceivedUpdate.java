package io.outpost.bgp.update;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.List;

/**
 * What an UPDATE says, as one value (for tests and tools; a session takes it through
 * {@link UpdateReader.Handler}, with no objects per message): per family, the prefixes announced
 * with their attributes and the prefixes withdrawn (prefixes in
 * {@link io.outpost.bgp.wire.Nlri}'s three-longs form).
 * When RFC 7606 said treat-as-withdraw, every prefix the message announced is among the
 * withdrawn and nothing is announced; {@link #problems} says why, for the log and the counters.
 *
 * @param endOfRib the family whose End-of-RIB marker (RFC 4724) this is, or null
 */
public record ReceivedUpdate(List<Announced> announced, List<Withdrawn> withdrawn,
    Family endOfRib, boolean treatedAsWithdraw, List<String> problems) {
  public ReceivedUpdate {
    announced = List.copyOf(announced);
    withdrawn = List.copyOf(withdrawn);
    problems = List.copyOf(problems);
  }

  /** Prefixes of one family reachable with {@code attributes} (next hop included). */
  public record Announced(Family family, PathAttributes attributes, long[] prefixes) {}

  /** Prefixes of one family no longer reachable. */
  public record Withdrawn(Family family, long[] prefixes) {}
}
