package io.outpost.dataplane.kernel;

import java.net.InetAddress;

/**
 * One IPv4 or IPv6 address that the kernel has on an interface, as one RTM_NEWADDR message said.
 *
 * <p>A value; the control plane compares these with the configured addresses to decide what to
 * add and delete, and reports them as operational state.
 *
 * @param ifindex the index of the interface holding the address
 * @param address the interface's own address (IFA_LOCAL where present, else IFA_ADDRESS)
 * @param prefixLength the length of the on-link prefix, 0 to 32 or 0 to 128
 * @param scope the kernel's scope, RT_SCOPE_*: 0 universe, 200 site, 253 link, 254 host
 * @param flags the IFA_F_* flags, e.g. 0x80 permanent, 0x40 tentative (IPv6 DAD in progress)
 */
public record Address(int ifindex, InetAddress address, int prefixLength, int scope, int flags) {}
