/**
 * The {@code afpacket} port driver: {@link io.outpost.dataplane.port.PortQueue}s on Linux network
 * interfaces through AF_PACKET sockets with PACKET_MMAP rings, the data plane's way to ports
 * until an AF_XDP driver exists.
 *
 * <p>Split between Java and a small JNI library ({@code src/main/c/afpacket.c}, built by Maven
 * into the jar): C sets up the socket and its two rings and makes the three system calls the
 * hot path cannot avoid (the transmit kick, the idle poll, the wakeup); Java reads and writes the
 * mapped rings in place, including every slot's tp_status word, with acquire/release ordering.
 * There is no JNI call per packet, and none at all while received frames are waiting.
 *
 * <p>Choices, and why:
 *
 * <ul>
 *   <li>TPACKET_V2 rather than V3. V3 hands frames over a block at a time and only retires a
 *       block that is not full when its timer fires. On a veth pair with 64-byte frames V3
 *       received about 1.5 times as many frames per second at saturation (1.05 million against
 *       0.71 million), but its median delay was 0.55 ms (1 ms timer) or 2.1 ms (the default
 *       timer) at 100 000 frames/s and 0.6 or 4 ms at 5000 frames/s, where V2's was 41 us and
 *       5 us. A router's per-hop delay must stay in microseconds at every load, so V2; V3 could
 *       come back as an option for ports that are always saturated. The experiment is {@code
 *       src/main/c/bench/ringbench.sh}.
 *   <li>VLAN tags stay in the frame. The kernel moves the outermost 802.1Q/802.1ad tag into
 *       tp_vlan_tci before AF_PACKET sees it (always, whatever the NIC offloads); the queue puts
 *       it back in front of the EtherType, using 4 bytes of PACKET_RESERVE headroom, so a
 *       pipeline never has to look anywhere but the frame.
 *   <li>Several workers share a port through PACKET_FANOUT_HASH: each flow to one worker, so
 *       per-flow order holds.
 *   <li>Interface lookups go through rtnetlink ({@link io.outpost.dataplane.kernel.RtNetlink}),
 *       in the namespace the socket is created in.
 * </ul>
 */
package io.outpost.dataplane.port.afpacket;
