package io.outpost.bgp.rib;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import java.util.Arrays;

/**
 * The decision process of RFC 4271 section 9.1.2.2, in the order engineers know from the
 * major implementations, each step named so that {@code show bgp route} can say why a path won:
 * higher LOCAL_PREF (100 when absent), shorter AS_PATH, lower ORIGIN, lower MED among paths from
 * the same neighbouring AS (or always, when configured; absent MED is 0), eBGP over iBGP, lower
 * IGP cost to the next hop (0 until next-hop tracking supplies costs), lower router ID (the
 * ORIGINATOR_ID when reflected, RFC 4456), shorter CLUSTER_LIST, lower peer address, and, for
 * paths one peer sent with add-path (RFC 7911), lower path identifier.
 *
 * <p>Multipath: two paths are equal for ECMP when they tie through the IGP cost step and have
 * the same AS_PATH length (BIRD's and FRR's default, "multipath relax" off: same neighbour AS).
 */
public final class BestPath {
  public static final long DEFAULT_LOCAL_PREF = 100;

  /** The step of the decision process that told two paths apart. */
  public enum Step {
    LOCAL_PREF("higher local-pref"), AS_PATH("shorter AS path"), ORIGIN("lower origin"),
    MED("lower MED"), EXTERNAL("eBGP over iBGP"), IGP_COST("lower IGP cost to next hop"),
    ROUTER_ID("lower router ID"), CLUSTER_LIST("shorter cluster list"),
    PEER_ADDRESS("lower peer address"), PATH_ID("lower path identifier"), EQUAL("equal");

    public final String text;

    Step(String text) {
      this.text = text;
    }
  }

  private final boolean alwaysCompareMed;

  public BestPath(boolean alwaysCompareMed) {
    this.alwaysCompareMed = alwaysCompareMed;
  }

  /** Negative when {@code a} is better, positive when {@code b} is, 0 when they tie. */
  public int compare(Route a, Route b) {
    Step step = decidingStep(a, b);
    return step == Step.EQUAL ? 0 : compareAt(step, a, b);
  }

  /** Whether {@code a} and {@code b} may share the traffic (ECMP). */
  public boolean multipathEqual(Route a, Route b) {
    int s = decidingStep(a, b).ordinal();
    return s > Step.IGP_COST.ordinal()
        && AsPath.neighborAs(a.attributes().asPath()) == AsPath.neighborAs(b.attributes()
        .asPath());
  }

  /** The first step at which {@code a} and {@code b} differ. */
  public Step decidingStep(Route a, Route b) {
    for (Step step : Step.values()) {
      if (step != Step.EQUAL && compareAt(step, a, b) != 0) {
        return step;
      }
    }
    return Step.EQUAL;
  }

  private int compareAt(Step step, Route ra, Route rb) {
    PathAttributes a = ra.attributes();
    PathAttributes b = rb.attributes();
    return switch (step) {
      case LOCAL_PREF -> Long.compare(localPref(b), localPref(a));
      case AS_PATH -> Integer.compare(AsPath.length(a.asPath()), AsPath.length(b.asPath()));
      case ORIGIN -> Integer.compare(a.origin(), b.origin());
      case MED -> alwaysCompareMed || AsPath.neighborAs(a.asPath())
          == AsPath.neighborAs(b.asPath()) ? Long.compare(med(a), med(b)) : 0;
      case EXTERNAL -> Boolean.compare(rb.source().external(), ra.source().external());
      case IGP_COST -> 0;
      case ROUTER_ID -> Long.compare(routerId(ra), routerId(rb));
      case CLUSTER_LIST -> Integer.compare(a.clusterList().length, b.clusterList().length);
      case PEER_ADDRESS -> Arrays.compareUnsigned(ra.source().address(),
          rb.source().address());
      case PATH_ID -> Long.compare(ra.pathId(), rb.pathId());
      case EQUAL -> 0;
    };
  }

  private static long localPref(PathAttributes a) {
    return a.localPref() < 0 ? DEFAULT_LOCAL_PREF : a.localPref();
  }

  private static long med(PathAttributes a) {
    return a.med() < 0 ? 0 : a.med();
  }

  private static long routerId(Route r) {
    return r.attributes().originatorId() >= 0 ? r.attributes().originatorId()
        : r.source().routerId();
  }
}
