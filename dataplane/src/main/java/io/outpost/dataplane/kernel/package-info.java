/**
 * The control plane's access to the kernel's own view of the network: rtnetlink for links and
 * addresses ({@link io.outpost.dataplane.kernel.RtNetlink}), through libc calls bound with
 * jnr-ffi.
 *
 * <p>Off the per-packet path by design: these calls program and read the kernel's side of the
 * ports (the TAP mirrors and the physical links), so they favour clarity and checked outcomes
 * over speed. Messages are encoded and decoded in Java with {@link java.nio.ByteBuffer} in host
 * byte order; jnr-ffi carries only the system calls.
 */
package io.outpost.dataplane.kernel;
