package io.outpost.dataplane.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * What engineers use tcpdump for: writes what a network device sees to a pcap file, through a
 * BPF filter, until a packet count or a time limit. libpcap does the work (through pcap4j), on
 * its own socket.
 *
 * <p>For a data-plane port the device to open is the physical one ({@code phy-eth1}): it sees
 * every frame that arrives on the port. Frames the data plane transmits normally bypass the
 * kernel's queueing layer (PACKET_QDISC_BYPASS) and with it the kernel's taps; the caller makes
 * them visible for the length of a capture ({@code Dataplane.transmitVisibleToTaps}).
 */
public final class PortCapture {
  /** libpcap's buffer timeout: packets reach us at most this long after they arrive. */
  private static final int READ_TIMEOUT_MILLIS = 100;
  /** How long to wait between looks at a quiet non-blocking handle. */
  private static final long POLL_MILLIS = 5;
  private static final int SNAPLEN = 65_535;

  /** What a capture wrote. */
  public record Result(int packets, Path file, boolean timeLimitReached) {}

  private PortCapture() {}

  static {
    // pcap4j asks the dynamic linker for "pcap" (libpcap.so), which only the -dev package
    // provides; the runtime package has libpcap.so.0.8. Point pcap4j at it unless told otherwise.
    if (System.getProperty("org.pcap4j.core.pcapLibName") == null) {
      libpcap().ifPresent(p -> System.setProperty("org.pcap4j.core.pcapLibName", p.toString()));
    }
  }

  private static java.util.Optional<Path> libpcap() {
    for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu")) {
      Path d = Path.of(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        var found = files.filter(f -> f.getFileName().toString().startsWith("libpcap.so"))
            .sorted().findFirst();
        if (found.isPresent()) {
          return found;
        }
      } catch (java.io.IOException e) {
        // try the next directory
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Checks a BPF filter expression without opening a device.
   *
   * @throws CaptureException with libpcap's message when it does not compile
   */
  public static void checkFilter(String filter) throws CaptureException {
    try {
      BpfProgram p = Pcaps.compileFilter(SNAPLEN, org.pcap4j.packet.namednumber.DataLinkType.EN10MB,
          filter, BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
      p.free();
    } catch (PcapNativeException | RuntimeException e) {
      throw new CaptureException("filter \"" + filter + "\": " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new CaptureException("libpcap is not installed (apt-get install libpcap0.8)", e);
    }
  }

  private static void pause() throws CaptureException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException("capture interrupted");
    }
  }

  /**
   * Captures from {@code device} into {@code file} (pcap, Ethernet) until {@code count} packets
   * passed {@code filter} (empty: every packet) or {@code limit} has passed.
   */
  public static Result capture(String device, String filter, int count, Duration limit,
      Path file) throws CaptureException {
    if (count < 1) {
      throw new CaptureException("count must be at least 1");
    }
    if (!filter.isEmpty()) {
      checkFilter(filter);
    }
    PcapHandle handle = null;
    PcapDumper dumper = null;
    try {
      PcapNetworkInterface nif = Pcaps.getDevByName(device);
      if (nif == null) {
        throw new CaptureException("no network device " + device);
      }
      handle = nif.openLive(SNAPLEN, PcapNetworkInterface.PromiscuousMode.PROMISCUOUS,
          READ_TIMEOUT_MILLIS);
      if (!filter.isEmpty()) {
        handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
      }
      // Non-blocking, polled: with TPACKET_V3 rings libpcap's read timeout only fires once a
      // packet has arrived (the kernel does not retire empty blocks), so a blocking read on a
      // quiet port would never reach the time limit.
      handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
      dumper = handle.dumpOpen(file.toString());
      long deadline = System.nanoTime() + limit.toNanos();
      int packets = 0;
      while (packets < count && System.nanoTime() - deadline < 0) {
        byte[] frame = handle.getNextRawPacket();
        if (frame != null) {
          dumper.dumpRaw(frame, handle.getTimestamp());
          packets++;
        } else {
          pause();
        }
      }
      dumper.flush();
      return new Result(packets, file, packets < count);
    } catch (PcapNativeException | NotOpenException e) {
      throw new CaptureException("cannot capture on " + device + ": " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new CaptureException("libpcap is not installed (apt-get install libpcap0.8)", e);
    } finally {
      if (dumper != null) {
        dumper.close();
      }
      if (handle != null) {
        handle.close();
      }
    }
  }
}
