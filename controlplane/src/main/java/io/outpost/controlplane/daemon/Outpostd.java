package io.outpost.controlplane.daemon;

import io.outpost.controlplane.apply.ApplyCoordinator;
import io.outpost.controlplane.apply.ApplyFailedException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.bgp.BgpMibSource;
import io.outpost.controlplane.bgp.BgpSubsystem;
import io.outpost.controlplane.cli.CliServices;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.forwarding.AfPacketLauncher;
import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.controlplane.forwarding.DataplaneSubsystem;
import io.outpost.controlplane.forwarding.ForwardingSubsystem;
import io.outpost.controlplane.health.EntityRows;
import io.outpost.controlplane.health.HardwareProfiles;
import io.outpost.controlplane.health.HealthSubsystem;
import io.outpost.controlplane.health.Tools;
import io.outpost.controlplane.interfaces.InterfacesSubsystem;
import io.outpost.controlplane.log.Log;
import io.outpost.controlplane.log.LogConfigurationException;
import io.outpost.controlplane.log.LogLevel;
import io.outpost.controlplane.log.LogService;
import io.outpost.controlplane.log.LogSettings;
import io.outpost.controlplane.mgmt.MgmtServer;
import io.outpost.controlplane.routing.KernelRoutesSubsystem;
import io.outpost.controlplane.routing.RouteUpdates;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.controlplane.snmp.ApplianceSystem;
import io.outpost.controlplane.snmp.InterfaceRows;
import io.outpost.controlplane.snmp.RouteRows;
import io.outpost.controlplane.snmp.SnmpSubsystem;
import io.outpost.controlplane.system.ApplianceIdentity;
import io.outpost.controlplane.system.SystemSubsystem;
import io.outpost.controlplane.time.ExecutorScheduler;
import io.outpost.controlplane.yang.Schema;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.snmp.mib.HostResourcesMib;
import io.outpost.snmp.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code outpostd}, the appliance daemon and the composition root: it wires the subsystems, the
 * datastore and the management socket together, boots the startup configuration, and stops
 * cleanly on SIGTERM or SIGINT (sessions closed, timers stopped, logs flushed, exit 0).
 *
 * <p>Exit codes: 0 stopped cleanly; 2 the startup configuration is refused (every error is
 * printed with its path); 3 a subsystem cannot apply it; 1 any other failure to start (the state
 * directory is held by another daemon, for example); 64 a bad command line.
 */
public final class Outpostd {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_CANNOT_APPLY = 3;
  static final int EXIT_USAGE = 64;

  private static final Log LOG = Log.get("outpostd");

  private final DaemonOptions options;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean shuttingDown;
  private volatile int exitCode = EXIT_FAILED;

  private Outpostd(DaemonOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println("outpostd " + Version.get());
      return;
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(DaemonOptions.USAGE);
      return;
    }
    DaemonOptions options;
    try {
      options = DaemonOptions.parse(args);
    } catch (DaemonOptions.UsageException e) {
      System.err.println("outpostd: " + e.getMessage());
      System.err.print(DaemonOptions.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    new Outpostd(options).runAndExit();
  }

  /**
   * Runs the daemon and exits with its code. SIGTERM and SIGINT reach us as JVM shutdown: the
   * shutdown hook wakes the main thread, waits for it to stop everything in order, then halts
   * with exit code 0 (a plain shutdown would exit 143 on SIGTERM, which service managers read as
   * a failure).
   */
  private void runAndExit() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown = true;
      stop.countDown();
      try {
        stopped.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(exitCode);
    }, "outpostd-shutdown"));
    exitCode = run();
    stopped.countDown();
    if (!shuttingDown) {
      System.exit(exitCode);
    }
  }

  private int run() {
    LogService logs;
    try {
      logs = LogService.install(LogSettings.stdoutOnly(options.logFormat(), LogLevel.INFO), System.out,
          Clock.systemUTC(), "outpost");
    } catch (LogConfigurationException e) {
      System.err.println("outpostd: " + e.getMessage());
      return EXIT_FAILED;
    }
    toClose.add(logs);
    try {
      return start(logs);
    } finally {
      closeAll();
    }
  }

  private int start(LogService logs) {
    Clock clock = Clock.systemUTC();
    LOG.info("outpostd starting", "version", Version.get(), "pid", ProcessHandle.current().pid(),
        "state_dir", options.stateDir());
    Datastore datastore;
    ApplianceIdentity identity = new ApplianceIdentity("outpost", clock.instant());
    InterfacesSubsystem interfaces;
    DataplaneService dataplane;
    HealthSubsystem health;
    SnmpSubsystem snmp;
    RouteUpdates routeUpdates = new RouteUpdates();
    toClose.add(routeUpdates);
    BgpSubsystem bgp = new BgpSubsystem(routeUpdates::changed);
    RoutingSubsystem routing = new RoutingSubsystem(bgp.routes());
    try {
      StateDirectory state = StateDirectory.open(options.stateDir());
      toClose.add(state);
      Schema schema = OutpostModules.schema();
      RtNetlink netlink = RtNetlink.open();
      toClose.add(netlink);
      interfaces = new InterfacesSubsystem(netlink);
      dataplane = new DataplaneService(new AfPacketLauncher(netlink));
      toClose.add(dataplane);
      ForwardingSubsystem forwarding = new ForwardingSubsystem(dataplane, routing);
      routeUpdates.runWith(forwarding::learnedChanged);
      health = new HealthSubsystem(HardwareProfiles.builtIn(), options.hardwareRoot(),
          Tools.system(Duration.ofSeconds(10)), clock);
      toClose.add(health::close);
      snmp = snmp(state, identity, interfaces, dataplane, routing, bgp, health, netlink);
      toClose.add(snmp::close);
      health.alarms().addListener(snmp::alarm);
      List<Subsystem> subsystems = List.of(new SystemSubsystem(logs, identity), health,
          new DataplaneSubsystem(dataplane), interfaces, routing, forwarding,
          new KernelRoutesSubsystem(netlink), bgp, snmp);
      ExecutorScheduler scheduler = new ExecutorScheduler();
      toClose.add(scheduler);
      datastore = new Datastore(schema, state.configDir(), new ApplyCoordinator(subsystems), clock, scheduler);
      toClose.add(datastore::shutdown);
      toClose.add(bgp::close); // sessions get their Cease while the ports still forward
      datastore.boot(factoryDefault(schema));
    } catch (ConfigException e) {
      String file = options.stateDir().resolve("config/startup.json").toString();
      for (ConfigError error : e.errors()) {
        LOG.error("startup configuration refused", "file", file, "path", error.path().toCli(),
            "reason", error.message());
        System.err.println("outpostd: refusing to start: " + file + ": " + error.describe());
      }
      return EXIT_BAD_CONFIG;
    } catch (ApplyFailedException e) {
      LOG.error("cannot apply the startup configuration", "subsystem", e.subsystem(), "reason", e.reason().describe());
      System.err.println("outpostd: refusing to start: cannot apply the startup configuration: " + e.getMessage());
      return EXIT_CANNOT_APPLY;
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot start", e);
      System.err.println("outpostd: cannot start: " + e.getMessage());
      return EXIT_FAILED;
    }

    try {
      MgmtServer mgmt = MgmtServer.start(options.socket(),
          new CliServices(datastore, identity, interfaces, routing, dataplane, bgp, health, snmp, clock,
              Version.get()));
      toClose.add(mgmt); // opened last, closed first: sessions end before the datastore stops
    } catch (IOException e) {
      LOG.error("cannot open the CLI socket", e, "socket", options.socket());
      System.err.println("outpostd: cannot open the CLI socket " + options.socket() + ": " + e.getMessage());
      return EXIT_FAILED;
    }
    LOG.info("outpostd ready", "socket", options.socket(), "host_name", identity.hostName());
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("outpostd stopping");
    return EXIT_OK;
  }

  /** The SNMP agent's subsystem over the appliance's state (docs/snmp.md). */
  private SnmpSubsystem snmp(StateDirectory state, ApplianceIdentity identity,
      InterfacesSubsystem interfaces, DataplaneService dataplane, RoutingSubsystem routing,
      BgpSubsystem bgp, HealthSubsystem health, RtNetlink netlink) {
    return new SnmpSubsystem(state.path().resolve("snmp-engine"), s -> new Sources(
        new ApplianceSystem(identity, health, Version.get()),
        new InterfaceRows(netlink, dataplane, s::running, s::uptime, Path.of("/sys/class/net")),
        new RouteRows(routing, () -> netlink.links().stream().collect(Collectors.toMap(
            Link::name, Link::index, (a, b) -> a))),
        new BgpMibSource(bgp), new EntityRows(health, Version.get(), s::uptimeAt)),
        new HostResourcesMib(Path.of("/proc"), List.of(Path.of("/"), options.stateDir()),
            "outpost " + Version.get()), 2_000, r -> EntityRows.sensorOf(health, r));
  }

  /** The configuration of a first start: the factory default in the jar. */
  private static ConfigTree factoryDefault(Schema schema) throws IOException, ConfigException {
    try (InputStream in = Outpostd.class.getResourceAsStream("factory-default.json")) {
      if (in == null) {
        throw new IOException("factory-default.json is missing from the jar");
      }
      return ConfigJson.read(schema, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Closes in reverse order of opening: the CLI socket first, the logs (opened first) last. */
  private void closeAll() {
    for (AutoCloseable c : toClose.subList(1, toClose.size()).reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("error while stopping", "error", e.toString());
      }
    }
    LOG.info("outpostd stopped");
    try {
      toClose.getFirst().close();
    } catch (Exception e) {
      System.err.println("outpostd: " + e);
    }
  }
}
