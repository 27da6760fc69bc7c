package io.outpost.controlplane.routing;

import java.net.InetAddress;
import java.util.List;

/**
 * Routes a protocol learned at run time (BGP's best routes), as the routing table takes them:
 * compact, by prefix words (an IPv4 prefix's address in the low 32 bits of {@code hi}, as the
 * data plane's FIB has it), with the changes since the last look kept apart so that a full
 * table costs the RIB and the FIB one step per changed prefix, never a pass over every route.
 * Written by the protocol on its own thread, read by the routing table's on another.
 */
public interface LearnedRoutes {
  LearnedRoutes NONE = new LearnedRoutes() {
    @Override
    public void forEach(Visitor visitor) {}

    @Override
    public boolean drainChanges(Visitor visitor) {
      return false;
    }

    @Override
    public int distance(Path path) {
      return 0;
    }
  };

  /**
   * Where a learned route goes and how it ranks; shared by every prefix that has the same
   * (a full table has a handful).
   *
   * @param nextHops the gateways, each to be resolved through connected and static routes
   * @param external learned over eBGP (it decides the administrative distance)
   */
  record Path(List<InetAddress> nextHops, boolean external) {
    public Path {
      nextHops = List.copyOf(nextHops);
    }
  }

  /** What {@link #forEach} and {@link #drainChanges} call, once per prefix. */
  @FunctionalInterface
  interface Visitor {
    /** @param path the route now, or null when the prefix has none any more */
    void visit(boolean ipv6, long hi, long lo, int length, Path path);
  }

  /** Visits every route as it stands. */
  void forEach(Visitor visitor);

  /**
   * Visits the changes since the last call, oldest first, and forgets them: a prefix that
   * changed twice is visited twice, and its last visit has its route now.
   *
   * @return whether every route is to be taken again instead (the distances changed, or the
   *     protocol stopped): then the visitor was not called, and {@link #forEach} has them all
   */
  boolean drainChanges(Visitor visitor);

  /** The administrative distance of a route with {@code path}. */
  int distance(Path path);
}
