package io.outpost.dataplane.kernel;

/**
 * A link's counters as the kernel keeps them (IFLA_STATS64, the leading fields of {@code struct
 * rtnl_link_stats64}), all since the link was created.
 *
 * <p>A value read with its {@link Link}; rates come from the difference of two reads. The kernel
 * counts in unsigned 64 bits; a {@code long} holds them exactly up to 2^63, which the byte
 * counters of a 100 GbE link at line rate reach after 23 years.
 *
 * @param rxPackets packets received
 * @param txPackets packets sent
 * @param rxBytes bytes received
 * @param txBytes bytes sent
 * @param rxErrors bad packets received
 * @param txErrors packets that failed to send
 * @param rxDropped received packets dropped for lack of space or by policy
 * @param txDropped packets to send dropped for lack of space or by policy
 * @param multicast multicast packets received
 */
public record LinkStats(
    long rxPackets,
    long txPackets,
    long rxBytes,
    long txBytes,
    long rxErrors,
    long txErrors,
    long rxDropped,
    long txDropped,
    long multicast) {}
