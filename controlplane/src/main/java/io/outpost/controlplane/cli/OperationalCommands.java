package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliPathParser;
import io.outpost.controlplane.datastore.CommitRecord;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.datastore.LockTarget;
import io.outpost.controlplane.datastore.PendingConfirm;
import io.outpost.controlplane.datastore.Session;
import io.outpost.controlplane.forwarding.DataplaneStatus;
import io.outpost.controlplane.health.EnvironmentStatus;
import io.outpost.controlplane.snmp.SnmpStatus;
import io.outpost.controlplane.interfaces.InterfaceStatus;
import io.outpost.controlplane.routing.RouteTable;
import io.outpost.controlplane.time.Durations;
import io.outpost.dataplane.kernel.LinkStats;
import io.outpost.dataplane.tap.PortTakeover;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The operational-mode commands: {@code show ...}, {@code configure}, {@code exit}. */
final class OperationalCommands {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private OperationalCommands() {}

  static List<Command> tree() {
    return List.of(
        Command.group("show", "Show information about the appliance",
            Command.leaf("configuration", "Show the running configuration", OperationalCommands::showConfiguration)
                .withTail(new Command.Path(CliPathParser.Purpose.SHOW, false)),
            Command.leaf("interfaces", "Show interfaces: state, addresses, counters", OperationalCommands::showInterfaces)
                .withTail(new Command.Arguments("interface-name", "Show one interface in detail",
                    OperationalCommands::interfaceNames)),
            Command.leaf("route", "Show the routing table", (s, a) -> Shown.text(
                RouteTable.render(s.services().routing().rib()))),
            BgpCommands.show(),
            Command.leaf("dataplane", "Show the data plane: ports, counters, drops by reason",
                (s, a) -> Shown.text(DataplaneStatus.render(s.services().dataplane()))),
            Command.leaf("neighbors", "Show the data plane's ARP and IPv6 neighbor cache",
                (s, a) -> Shown.text(DataplaneStatus.neighbors(s.services().dataplane()))),
            Command.leaf("environment", "Show the hardware's sensors: readings, status, thresholds",
                (s, a) -> Shown.text(EnvironmentStatus.environment(s.services().health()))),
            Command.leaf("alarms", "Show active alarms and the recent raises and clears",
                (s, a) -> Shown.text(EnvironmentStatus.alarms(s.services().health().alarms()))),
            Command.leaf("snmp", "Show the SNMP agent: engine ID, port, request and error counters",
                (s, a) -> Shown.text(SnmpStatus.render(s.services().snmp()))),
            Command.group("system", "Show system information",
                Command.leaf("commit", "Show the commit history (rollback numbers)", OperationalCommands::showCommits)
                    .withTail(new Command.Arguments("number", "Show one commit with its changes", s -> List.of())),
                Command.leaf("uptime", "Show the time, the daemon's uptime and the last commit",
                    OperationalCommands::showUptime),
                Command.leaf("sessions", "Show management sessions and configuration locks",
                    OperationalCommands::showSessions)),
            Command.leaf("version", "Show the software version", OperationalCommands::showVersion)),
        CaptureCommand.command(),
        TraceCommand.command(),
        Command.group("clear", "Reset operational state",
            BgpCommands.clear(),
            Command.leaf("counters", "Count the data plane's packets and drops from zero",
                OperationalCommands::clearCounters),
            Command.group("dataplane", "Reset data-plane state",
                Command.leaf("counters", "Count the data plane's packets and drops from zero",
                    OperationalCommands::clearCounters))),
        Command.leaf("configure", "Enter configuration mode", (s, a) -> s.enterConfigure(false))
            .withChildren(Command.leaf("exclusive", "Lock the configuration while editing",
                (s, a) -> s.enterConfigure(true))),
        Command.leaf("exit", "Leave the CLI", (s, a) -> s.leave()),
        Command.leaf("quit", "Leave the CLI", (s, a) -> s.leave()));
  }

  private static Shown clearCounters(CliSession s, Args a) throws CliError {
    a.atMost(0);
    s.services().dataplane().clearCounters();
    return Shown.text("data-plane counters cleared (kernel interface counters cannot be reset)\n");
  }

  private static Shown showConfiguration(CliSession s, Args a) throws CliError {
    Datastore ds = s.services().datastore();
    return new Shown.Config(ds.running(), s.parsePath(a, CliPathParser.Purpose.SHOW, false), ds.running());
  }

  private static List<String> interfaceNames(CliSession s) {
    return s.services().interfaces().status(s.services().datastore().running()).rows().stream()
        .map(InterfaceStatus.Row::name).toList();
  }

  private static Shown showInterfaces(CliSession s, Args a) throws CliError {
    a.atMost(1);
    InterfaceStatus status = s.services().interfaces().status(s.services().datastore().running());
    if (a.isEmpty()) {
      return Shown.text(status.terse());
    }
    String name = a.get(0);
    LinkStats device = status.rows().stream()
        .filter(r -> r.name().equals(PortTakeover.PREFIX + name) && r.present())
        .map(r -> r.link().stats()).findFirst().orElse(null);
    return Shown.text(status.detail(name)
        + DataplaneStatus.interfaceDetail(s.services().dataplane(), name, device));
  }

  private static Shown showCommits(CliSession s, Args a) throws CliError {
    a.atMost(1);
    Datastore ds = s.services().datastore();
    List<CommitRecord> history = ds.history();
    StringBuilder out = new StringBuilder();
    if (!a.isEmpty()) {
      int n = rollbackNumber(a, 0, history.size());
      CommitRecord r = history.get(n);
      out.append("rollback ").append(n).append(": commit ").append(r.id()).append(", ")
          .append(TIME.format(r.time())).append(" by ").append(r.user()).append(" via ").append(r.transport())
          .append('\n');
      if (!r.comment().isEmpty()) {
        out.append("comment: ").append(r.comment()).append('\n');
      }
      for (String change : r.changes()) {
        out.append("  ").append(change).append('\n');
      }
      return Shown.text(out.toString());
    }
    ds.pendingConfirm().ifPresent(p -> out.append(pendingLine(p, s.services().clock().instant())));
    for (int i = 0; i < history.size(); i++) {
      CommitRecord r = history.get(i);
      out.append("%-3d %s  %-10s %-8s %s%n".formatted(i, TIME.format(r.time()), r.user(), r.transport(), r.comment()));
    }
    return Shown.text(out.toString());
  }

  static int rollbackNumber(Args a, int i, int historySize) throws CliError {
    try {
      int n = Integer.parseInt(a.get(i));
      if (n >= 0 && n < historySize) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw a.error("rollback numbers go from 0 to " + (historySize - 1), i);
  }

  static String pendingLine(PendingConfirm p, Instant now) {
    long seconds = Math.max(0, Duration.between(now, p.deadline()).toSeconds());
    return "commit confirmed: commit " + p.commitId() + " by " + p.owner().user() + " rolls back in "
        + seconds / 60 + "m" + seconds % 60 + "s unless confirmed\n";
  }

  private static Shown showUptime(CliSession s, Args a) throws CliError {
    a.atMost(0);
    Instant now = s.services().clock().instant();
    Instant started = s.services().identity().started();
    CommitRecord last = s.services().datastore().history().getFirst();
    return Shown.text("Current time:    " + TIME.format(now) + "\n"
        + "Daemon started:  " + TIME.format(started) + " (up " + Durations.uptime(Duration.between(started, now)) + ")\n"
        + "Host name:       " + s.services().identity().hostName() + "\n"
        + "Last configured: " + TIME.format(last.time()) + " by " + last.user() + "\n");
  }

  private static Shown showSessions(CliSession s, Args a) throws CliError {
    a.atMost(0);
    Datastore ds = s.services().datastore();
    StringBuilder out = new StringBuilder("%-8s %-12s %-9s %-22s %s%n".formatted("Session", "User", "Via", "Since", "From"));
    for (Session x : ds.sessions()) {
      out.append("%-8s %-12s %-9s %-22s %s%n".formatted(x.id() + (x.equals(s.session()) ? "*" : ""), x.user(),
          x.transport(), TIME.format(x.started()), x.source()));
    }
    for (LockTarget t : LockTarget.values()) {
      ds.lockHolder(t).ifPresent(h -> out.append("The ").append(t.yangName()).append(" datastore is locked by ")
          .append(h.describe()).append('\n'));
    }
    return Shown.text(out.toString());
  }

  private static Shown showVersion(CliSession s, Args a) throws CliError {
    a.atMost(0);
    Runtime.Version jv = Runtime.version();
    return Shown.text("Outpost " + s.services().version() + "\n"
        + "Host name: " + s.services().identity().hostName() + "\n"
        + "Java: " + jv + " (" + System.getProperty("java.vendor") + ")\n"
        + "Kernel: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n");
  }
}
