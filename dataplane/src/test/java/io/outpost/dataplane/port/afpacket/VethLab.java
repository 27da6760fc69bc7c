package io.outpost.dataplane.port.afpacket;

import io.outpost.dataplane.kernel.TestNamespace;
import java.nio.file.Path;

/**
 * A network namespace holding one veth pair, {@code veth0} and {@code veth1}, both up, created
 * for one test and deleted with everything in it on close.
 *
 * <p>It owns the namespace and the iproute2 processes it runs. IPv6 is switched off in the
 * namespace before the links exist, so the kernel sends nothing of its own (router
 * solicitations, MLD, DAD) onto the pair: what a queue receives is what the test sent. The
 * namespace is a {@link TestNamespace} named outpost-afp-PID-N.
 */
final class VethLab implements AutoCloseable {
  static final String VETH0_MAC = "02:00:5e:00:53:10";
  static final String VETH1_MAC = "02:00:5e:00:53:11";

  private final TestNamespace namespace;

  private VethLab(TestNamespace namespace) {
    this.namespace = namespace;
  }

  static VethLab create() {
    VethLab lab = new VethLab(TestNamespace.create("afp"));
    try {
      lab.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
          "net.ipv6.conf.default.disable_ipv6=1");
      lab.ip("link", "add", "veth0", "address", VETH0_MAC, "type", "veth",
          "peer", "name", "veth1", "address", VETH1_MAC);
      lab.ip("link", "set", "veth0", "up");
      lab.ip("link", "set", "veth1", "up");
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The file naming the namespace, for {@link AfPacketDriver}. */
  Path file() {
    return namespace.file();
  }

  /** Runs {@code ip -n NAME args...} and returns its output. */
  String ip(String... args) {
    return namespace.ip(args);
  }

  /** The kernel's promiscuity count of a link ("promiscuity N" in {@code ip -d link show}). */
  int promiscuity(String link) {
    String shown = ip("-d", "link", "show", link);
    int at = shown.indexOf("promiscuity ");
    String rest = shown.substring(at + "promiscuity ".length());
    return Integer.parseInt(rest.substring(0, rest.indexOf(' ')).trim());
  }

  /** Runs a program inside the namespace ({@code ip netns exec}). */
  String exec(String... args) {
    return namespace.exec(args);
  }

  @Override
  public void close() {
    namespace.close();
  }
}
