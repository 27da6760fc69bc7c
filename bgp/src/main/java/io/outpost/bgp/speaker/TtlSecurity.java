package io.outpost.bgp.speaker;

import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The Generalized TTL Security Mechanism (RFC 5082) on a session's socket: we send at TTL (hop
 * limit) 255, and the kernel drops every segment that arrives with a TTL lower than 255 minus
 * the hops allowed plus one, before TCP sees it, so a spoofed segment from further away cannot
 * reset or flood the session. Linux's {@code IP_MINTTL} and {@code IPV6_MINHOPCOUNT} do the
 * dropping; Netty has no option for them, so they are set with setsockopt(2) through the JDK's
 * foreign-function linker (no JNI library of our own, no extra dependency).
 */
final class TtlSecurity {
  static final int MAX_TTL = 255;
  private static final int IPPROTO_IP = 0;
  private static final int IP_TTL = 2;
  private static final int IP_MINTTL = 21;
  private static final int IPPROTO_IPV6 = 41;
  private static final int IPV6_UNICAST_HOPS = 16;
  private static final int IPV6_MINHOPCOUNT = 73;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CALL_STATE.varHandle(
      java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle SETSOCKOPT = LINKER.downcallHandle(
      LINKER.defaultLookup().find("setsockopt").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
          ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
      Linker.Option.captureCallState("errno"));

  private TtlSecurity() {}

  /**
   * Sends at TTL 255 and accepts only segments from at most {@code hops} hops away, over IPv4
   * or IPv6 as {@code ipv6} says (an IPv4 session on a dual-stack socket uses the IPv4
   * options).
   */
  static void protect(Channel channel, boolean ipv6, int hops) {
    int fd = fd(channel);
    if (ipv6) {
      set(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, MAX_TTL, "IPV6_UNICAST_HOPS");
      set(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, MAX_TTL + 1 - hops, "IPV6_MINHOPCOUNT");
    } else {
      set(fd, IPPROTO_IP, IP_TTL, MAX_TTL, "IP_TTL");
      set(fd, IPPROTO_IP, IP_MINTTL, MAX_TTL + 1 - hops, "IP_MINTTL");
    }
  }

  /**
   * Makes a listening socket answer at TTL 255, so that a peer with GTSM on accepts our
   * SYN-ACK; the accepted sockets inherit it. Checking the TTL of what arrives is per
   * neighbor, on each accepted socket ({@link #protect}).
   */
  static void answerAtMaxTtl(Channel listener) {
    int fd = fd(listener);
    set(fd, IPPROTO_IP, IP_TTL, MAX_TTL, "IP_TTL");
    if (((java.net.InetSocketAddress) listener.localAddress()).getAddress()
        instanceof java.net.Inet6Address) {
      set(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, MAX_TTL, "IPV6_UNICAST_HOPS");
    }
  }

  private static int fd(Channel channel) {
    if (!(channel instanceof UnixChannel unix)) {
      throw new IllegalStateException("TTL security needs the epoll transport, not "
          + channel.getClass().getSimpleName());
    }
    return unix.fd().intValue();
  }

  private static void set(int fd, int level, int option, int value, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment v = arena.allocateFrom(ValueLayout.JAVA_INT, value);
      int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, Integer.BYTES);
      if (rc != 0) {
        throw new IllegalStateException("setsockopt " + name + " " + value + ": errno "
            + (int) ERRNO.get(state, 0L));
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }
}
