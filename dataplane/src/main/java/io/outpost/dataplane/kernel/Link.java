package io.outpost.dataplane.kernel;

/**
 * The kernel's view of one network interface at the moment it was read: identity, kind, MTU and
 * its bounds, state and counters.
 *
 * <p>A value, not a handle: it owns copies of what one RTM_NEWLINK message said and never changes;
 * read again to see a change. The control plane compares these snapshots with the configuration
 * to decide what to program, and reports them as operational state.
 *
 * @param index the interface index, the key every change request takes
 * @param name the interface name, e.g. "eth0"
 * @param kind the driver's kind from IFLA_LINKINFO, e.g. "veth", "dummy", or "" for links without
 *     one (physical ports, loopback)
 * @param mtu the MTU in bytes
 * @param minMtu the smallest MTU the driver accepts, 0 if the kernel did not say
 * @param maxMtu the largest MTU the driver accepts, 0 if the kernel did not say or has no limit
 * @param adminUp whether the link is administratively up (IFF_UP)
 * @param operState the RFC 2863 operational state as the kernel names it: "up", "down",
 *     "lowerlayerdown", "dormant", "testing", "notpresent", "unknown" (what drivers without
 *     carrier detection report, dummy for one), or "state N" for a value newer than this code
 * @param mac the link-layer address as lower-case hex pairs joined by ':', or "" if the link has
 *     none
 * @param stats the counters since the link was created, zeros if the kernel sent none
 */
public record Link(
    int index,
    String name,
    String kind,
    int mtu,
    int minMtu,
    int maxMtu,
    boolean adminUp,
    String operState,
    String mac,
    LinkStats stats) {}
