package io.outpost.lab.demo;

import io.outpost.lab.ExecResult;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import io.outpost.lab.LabProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: two hosts with the Outpost appliance between them, in network namespaces, running
 * an embedded default configuration. It prints what to try and cleans everything up on Ctrl-C.
 *
 * <pre>
 *   h1 (192.0.2.10) ── eth0 [ outpost ] eth1 ── h2 (198.51.100.10)
 * </pre>
 *
 * <p>The appliance's kernel has forwarding switched off on purpose: what crosses from h1 to h2
 * is forwarded by Outpost's data plane, which owns eth0 and eth1 (the kernel sees their TAP
 * mirrors). With {@code --check} it walks through the demo itself — pings through and to the
 * appliance, the CLI, a commit and a rollback — and exits non-zero if anything is not as it
 * says; the tests run that.
 */
public final class Demo {
  private final Path home;
  private final List<String> failures = new ArrayList<>();

  private Demo(Path home) {
    this.home = home;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(".");
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--outpost-home" -> home = Path.of(args[++i]);
        case "--check" -> check = true;
        default -> {
          System.err.println("usage: Demo [--outpost-home DIR] [--check]");
          System.exit(64);
        }
      }
    }
    System.exit(new Demo(home.toAbsolutePath().normalize()).run(check));
  }

  private int run(boolean check) throws Exception {
    try (Lab lab = Lab.create("demo")) {
      Host h1 = lab.host("h1");
      Host appliance = lab.host("outpost");
      Host h2 = lab.host("h2");
      lab.link(h1, "eth0", appliance, "eth0");
      lab.link(appliance, "eth1", h2, "eth0");
      h1.address("eth0", "192.0.2.10/24").address("eth0", "2001:db8:1::10/64").route("default", "192.0.2.1")
          .route("default", "2001:db8:1::1");
      h2.address("eth0", "198.51.100.10/24").address("eth0", "2001:db8:2::10/64").route("default", "198.51.100.1")
          .route("default", "2001:db8:2::1");
      for (Host h : List.of(h1, h2)) {
        // veth leaves TCP/UDP checksums (and TSO) to hardware that does not exist; a real NIC
        // would finish them, the data plane does not (docs/dataplane.md, "veth and checksum offload")
        h.execOrThrow("ethtool", "-K", "eth0", "tx", "off");
      }
      // No kernel forwarding dressed up as the appliance's: forwarding is the data plane's job.
      appliance.sysctl("net.ipv4.ip_forward", "0").sysctl("net.ipv6.conf.all.forwarding", "0");

      Path state = lab.workDir().resolve("outpost-state");
      Files.createDirectories(state.resolve("config"));
      try (InputStream config = Demo.class.getResourceAsStream("demo-config.json")) {
        Files.copy(config, state.resolve("config/startup.json"));
      }
      Path socket = state.resolve("outpost.sock");
      LabProcess daemon = appliance.spawn("outpostd", List.of(home.resolve("bin/outpostd").toString(),
          "--state-dir", state.toString()), Map.of());
      daemon.awaitLog("outpostd ready", Duration.ofSeconds(60));

      expect("h1 reaches the appliance's own address 192.0.2.1", reaches(h1, "192.0.2.1"));
      // IPv6 addresses pass duplicate address detection first (about a second), as on any router.
      expect("h2 reaches the appliance's own address 2001:db8:2::1", reaches(h2, "2001:db8:2::1"));
      expect("h1 reaches h2 through Outpost's data plane (the appliance's kernel does not forward)",
          reaches(h1, "198.51.100.10"));
      expect("and over IPv6", reaches(h1, "2001:db8:2::10"));
      expect("traceroute from h1 shows the appliance, then h2", h1.exec("traceroute", "-n", "-q", "1",
          "-w", "2", "-m", "3", "198.51.100.10").stdout()
          .matches("(?s).*\\n\\s*1\\s+192\\.0\\.2\\.1\\s.*\\n\\s*2\\s+198\\.51\\.100\\.10\\s.*"));

      if (check) {
        walkThrough(h1, socket);
        daemon.signal("TERM");
        expect("outpostd stops cleanly on SIGTERM (exit 0)", daemon.waitFor(Duration.ofSeconds(20)) == 0);
        failures.forEach(f -> System.out.println("FAILED: " + f));
        return failures.isEmpty() ? 0 : 1;
      }
      printGuide(lab, h1, h2, socket, daemon.log());
      CountDownLatch forever = new CountDownLatch(1);
      forever.await(); // Ctrl-C runs the lab's shutdown hook, which stops outpostd and deletes the namespaces
      return 0;
    }
  }

  /** The commit/rollback cycle through the real CLI, as the guide tells people to do it. */
  private void walkThrough(Host h1, Path socket) throws IOException, InterruptedException {
    String before = cli(socket, "show configuration | display set").stdout();
    expect("show configuration lists the demo's addresses",
        before.contains("set interfaces interface eth0 ipv4 address 192.0.2.1/24"));
    ExecResult commit = cli(socket, "configure; set interfaces interface eth0 ipv4 address 192.0.2.2/24;"
        + " show | compare; commit comment \"second address\"");
    expect("commit adds an address", commit.ok() && commit.stdout().contains("+   address 192.0.2.2/24;")
        && commit.stdout().contains("commit complete"));
    expect("h1 reaches the new address 192.0.2.2", reaches(h1, "192.0.2.2"));
    ExecResult rollback = cli(socket, "configure; rollback 1; commit comment \"undo\"");
    expect("rollback 1 and commit restore the previous configuration", rollback.ok()
        && cli(socket, "show configuration | display set").stdout().equals(before));
    expect("after the rollback 192.0.2.2 is gone", !h1.exec("ping", "-c", "1", "-W", "1", "192.0.2.2").ok());
    expect("show system commit lists both commits",
        cli(socket, "show system commit").stdout().matches("(?s).*undo.*second address.*"));
    String dataplane = cli(socket, "show dataplane").stdout();
    expect("show dataplane counts the packets forwarded out of eth1",
        dataplane.matches("(?s).*\\neth1\\s+phy-eth1\\s+\\S+\\s+\\d+\\s+[1-9]\\d*\\s.*"));
    expect("show neighbors lists h2, resolved by the data plane",
        cli(socket, "show neighbors").stdout().matches("(?s).*198\\.51\\.100\\.10\\s+\\S+\\s+eth1\\s.*"));
    var trace = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return cli(socket, "trace interface eth0 count 3 seconds 15");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1000); // the CLI arms the trace
    // Three packets: pings, unless h1 sends something else first (router solicitations, ARP).
    h1.exec("ping", "-c", "5", "-i", "0.3", "-W", "1", "198.51.100.10");
    String traced = trace.join().stdout();
    expect("trace follows a ping from h1 through the pipeline and out of eth1",
        traced.contains("ICMP type 8") && traced.contains("sent out of eth1 to"));
    System.out.print(traced.indent(4));
  }

  /** Whether {@code host} gets an answer from {@code address} within five tries. */
  private static boolean reaches(Host host, String address) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      if (host.exec("ping", "-c", "1", "-W", "1", address).ok()) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  private ExecResult cli(Path socket, String commands) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/outpost").toString(), "--socket", socket.toString(),
        "-c", commands);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile("outpost-demo", ".out");
    Path err = Files.createTempFile("outpost-demo", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new ExecResult(pb.command(), p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private void expect(String what, boolean ok) {
    System.out.println((ok ? "  ok    " : "  FAIL  ") + what);
    if (!ok) {
      failures.add(what);
    }
  }

  private void printGuide(Lab lab, Host h1, Host h2, Path socket, Path daemonLog) {
    String bin = home.resolve("bin").toString();
    System.out.printf("""

        Outpost demo is running (lab %s):

            h1 192.0.2.10 ── eth0 [ outpost-demo ] eth1 ── h2 198.51.100.10
               2001:db8:1::10    192.0.2.1   198.51.100.1    2001:db8:2::10

        The CLI (as root):
            %s/outpost --socket %s
          then try:
            show interfaces
            show configuration
            show route
            show dataplane          ports, counters, drops by reason
            show neighbors          what the data plane resolved by ARP and ND
            trace count 3           the next 3 packets, stage by stage (ping from h1 meanwhile)
            configure
            set interfaces interface eth0 ipv4 address 192.0.2.2/24
            show | compare
            commit comment "second address"
            run show system commit
            rollback 1
            commit confirmed 1      (rolls itself back in a minute unless you commit again)
            exit

        From the hosts:
            ip netns exec %s ping 192.0.2.1        the appliance answers
            ip netns exec %s ping 198.51.100.10    h2 answers: Outpost's data plane forwards
            ip netns exec %s traceroute -n 198.51.100.10

        Daemon log: %s
        Ctrl-C stops the daemon and removes the namespaces.
        """, lab.runId(), bin, socket, h1.netns(), h1.netns(), h1.netns(), daemonLog);
    System.out.flush();
  }
}
