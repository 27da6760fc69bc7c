package io.outpost.dataplane.tap;

import io.outpost.dataplane.kernel.TunTap;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.memory.MemoryWire;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's side of one data-plane interface (the linux-cp pattern): a TAP device carrying
 * the interface's name, MAC and addresses, so the appliance's own daemons use ordinary sockets.
 *
 * <p>Frames for the appliance are written to the TAP by workers, straight from their receive
 * rings ({@link #deliver}: one write(2), never blocking). Frames the kernel sends out of the
 * TAP are read by this mirror's own thread and queued on an in-memory wire whose other end
 * ({@link #kernelQueue()}) worker 0 drains onto the port. Creating the TAP (name, MAC, MTU,
 * state) is the caller's job through rtnetlink; this class owns the descriptor and the thread.
 */
public final class KernelMirror implements AutoCloseable {
  private static final int POLLIN = 1;

  private final String name;
  private final int fd;
  private final MemoryWire wire = new MemoryWire(512, 9216 + 64);
  private final Thread reader;
  private volatile boolean open = true;
  /** Told after the reader queued frames: wakes worker 0 from its idle wait. */
  private volatile Runnable onOutput = () -> { };
  private long readerDrops;

  private KernelMirror(String name, int fd) {
    this.name = name;
    this.fd = fd;
    this.reader = Thread.ofPlatform().daemon().name("tap-" + name).unstarted(this::readLoop);
  }

  /** Creates TAP {@code name} and starts its reader. */
  public static KernelMirror open(String name) {
    KernelMirror mirror = new KernelMirror(name, TunTap.open(name));
    mirror.reader.start();
    return mirror;
  }

  public String name() {
    return name;
  }

  /** Frames the kernel sent out of the TAP, for worker 0 to transmit on the port. */
  public PortQueue kernelQueue() {
    return wire.b();
  }

  /**
   * Sets what the reader calls after it queued frames from the kernel ({@link #kernelQueue()}),
   * once per batch: the draining worker's wakeup, so that it need not poll the queue.
   */
  public void onOutput(Runnable wakeup) {
    onOutput = wakeup;
  }

  /** Frames dropped because worker 0 had not drained the queue in time. */
  public long readerDrops() {
    return readerDrops;
  }

  /** Writes one frame to the kernel; false if it was refused (queue full, device gone). */
  public boolean deliver(MemorySegment buffer, long frame, int length) {
    return FdIo.write(fd, buffer.address() + frame, length) == length;
  }

  private void readLoop() {
    PortQueue in = wire.a();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfd = arena.allocate(8, 8);
      pollfd.set(ValueLayout.JAVA_INT, 0, fd);
      pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
      MemorySegment scratch = arena.allocate(65536, 64);
      while (open) {
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        if (FdIo.poll(pollfd.address(), 1, 200) <= 0) {
          continue;
        }
        long n;
        boolean queued = false;
        while (open && (n = FdIo.read(fd, scratch.address(), scratch.byteSize())) > 0) {
          long at = in.claimTx((int) n);
          if (at < 0) {
            readerDrops++;
            continue;
          }
          MemorySegment.copy(scratch, 0, in.txBuffer(), at, n);
          in.commitTx((int) n);
          in.flush();
          queued = true;
        }
        if (queued) {
          onOutput.run();
        }
      }
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TunTap.close(fd);
  }
}
