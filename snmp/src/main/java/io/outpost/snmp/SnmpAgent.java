package io.outpost.snmp;

import io.outpost.snmp.access.CommunityAccess;
import io.outpost.snmp.access.ViewAccess;
import io.outpost.snmp.mib.AgentCounters;
import io.outpost.snmp.mib.Bgp4Mib;
import io.outpost.snmp.mib.EntityMib;
import io.outpost.snmp.mib.HostResourcesMib;
import io.outpost.snmp.mib.IfMib;
import io.outpost.snmp.mib.IpForwardMib;
import io.outpost.snmp.mib.IpMib;
import io.outpost.snmp.mib.SystemMib;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.notify.AlarmEvent;
import io.outpost.snmp.notify.Notifier;
import io.outpost.snmp.notify.StateWatcher;
import io.outpost.snmp.source.CachedInterfaces;
import io.outpost.snmp.source.Sources;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.Snmp;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;

/**
 * The SNMP agent: one engine (SNMPv1, v2c and v3 with USM), one UDP socket, and the MIB
 * {@link Subtree}s over the appliance's {@link Sources}. It is built once per daemon and
 * reconfigured in place: {@link #open} binds a port (the fallible half, for a commit's
 * prepare), {@link #apply} swaps users, communities, views and targets and moves to the new
 * socket (the half that cannot fail). Nothing restarts; the engine ID, boots and counters stay.
 *
 * <p>Requests run on snmp4j's listening thread: every table is a snapshot (see
 * {@link Subtree}), so a request costs no lock on the appliance's state.
 */
public final class SnmpAgent implements AutoCloseable {
  static {
    // RFC 3412 §7.1.3: a Report about an unknown user or a wrong key cannot be secured with
    // keys the agent does not have, so it goes out noAuthNoPriv; snmp4j's standard strategy
    // tries the request's level, fails, and the manager hears nothing.
    SNMP4JSettings.setReportSecurityLevelStrategy(
        SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
  }

  private static final System.Logger LOG = System.getLogger("io.outpost.snmp");
  /**
   * How long one reading of the interfaces serves the IF-MIB tables and the link watcher: long
   * enough that ifTable, ifXTable and the watcher asking at once read the kernel once, short
   * enough that it adds little to the tables' own age (counters are at most 1.25 s old).
   */
  static final long INTERFACES_MAX_AGE_MILLIS = 250;

  private final EngineIdentity engine;
  private final long startNanos = System.nanoTime();
  private final AgentCounters counters = new AgentCounters();
  private final Users users;
  private final ViewAccess access = new ViewAccess();
  private final CommunityAccess communities;
  private final Snmp snmp;
  private final Notifier notifier;
  private final StateWatcher watcher;
  private final ScheduledExecutorService watching = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("snmp-watch").unstarted(r));
  private volatile AgentSettings settings;
  private DefaultUdpTransportMapping transport;

  /**
   * @param watchMillis how often to look for changes that are notifications (links, BGP
   *     neighbors, alarms)
   */
  public SnmpAgent(EngineIdentity engine, Sources given, HostResourcesMib host,
      long watchMillis) {
    this.engine = engine;
    Sources sources = new Sources(given.system(), new CachedInterfaces(given.interfaces(),
        INTERFACES_MAX_AGE_MILLIS), given.routes(), given.bgp(),
        given.entities());
    SecurityProtocols protocols = Users.protocols();
    CounterSupport counterSupport = new CounterSupport();
    counterSupport.addCounterListener(counters);
    USM usm = new USM(protocols, engine.engineId(), engine.boots(), counterSupport);
    users = new Users(usm);
    SecurityModels models = new SecurityModels();
    models.addSecurityModel(usm);
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addCounterListener(counters);
    dispatcher.addMessageProcessingModel(new MPv1());
    dispatcher.addMessageProcessingModel(new MPv2c());
    dispatcher.addMessageProcessingModel(new MPv3(engine.engineId().getValue(),
        new DefaultPDUFactory(), protocols, models, counterSupport));
    snmp = new Snmp(dispatcher);
    DefaultMOServer server = new DefaultMOServer();
    for (Subtree s : subtrees(sources, host)) {
      try {
        server.register(s, null);
      } catch (DuplicateRegistrationException e) {
        throw new IllegalStateException("two MIB subtrees overlap at " + s.root(), e);
      }
    }
    CommandProcessor processor = new CommandProcessor(engine.engineId());
    processor.setVacm(access);
    processor.addMOServer(server);
    communities = new CommunityAccess(engine.engineId());
    processor.setCoexistenceProvider(communities);
    processor.addCounterListener(counters);
    snmp.addCommandResponder(processor);
    notifier = new Notifier(snmp, engine.engineId(), this::uptime);
    watcher = new StateWatcher(sources, notifier::send);
    watching.scheduleWithFixedDelay(this::watch, 0, watchMillis, TimeUnit.MILLISECONDS);
  }

  private List<Subtree> subtrees(Sources sources, HostResourcesMib host) {
    List<Subtree> all = new ArrayList<>();
    all.add(SystemMib.subtree(sources.system(), this::uptime, () -> {
      AgentSettings s = settings;
      return s == null ? new String[] {"", ""} : new String[] {s.contact(), s.location()};
    }));
    all.add(IfMib.interfaces(sources.interfaces()));
    all.add(IfMib.ifMibObjects(sources.interfaces()));
    all.addAll(IpMib.subtrees(sources.interfaces()));
    all.add(IpForwardMib.subtree(sources.routes()));
    all.addAll(Bgp4Mib.subtrees(sources.bgp()));
    all.add(host.subtree());
    all.addAll(EntityMib.subtrees(sources.entities()));
    all.addAll(counters.subtrees(engine.engineId(), engine.boots(),
        () -> (System.nanoTime() - startNanos) / 1_000_000_000L));
    return all;
  }

  /** sysUpTime: hundredths of a second since the agent started. */
  public long uptime() {
    return (System.nanoTime() - startNanos) / 10_000_000L;
  }

  public OctetString engineId() {
    return engine.engineId();
  }

  public AgentCounters counters() {
    return counters;
  }

  /**
   * Binds the UDP port for {@link #apply}, on every IPv4 and IPv6 address.
   *
   * @throws IOException when the port cannot be bound (in use, no permission)
   */
  public static DefaultUdpTransportMapping open(int port) throws IOException {
    return new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName("::"), port),
        true);
  }

  /**
   * Puts {@code next} in force and serves it on {@code socket} (from {@link #open}), or keeps
   * serving on the socket it has when {@code socket} is null. The first configuration also
   * sends coldStart to its targets.
   */
  public synchronized void apply(AgentSettings next, DefaultUdpTransportMapping socket)
      throws IOException {
    boolean first = settings == null;
    users.update(next);
    access.update(next);
    communities.update(next);
    notifier.update(next);
    settings = next;
    if (socket != null) {
      snmp.addTransportMapping(socket);
      socket.listen();
      closeTransport();
      transport = socket;
    }
    if (first) {
      notifier.send(org.snmp4j.mp.SnmpConstants.coldStart);
    }
  }

  /** The port the agent serves on, or -1 when it has none. */
  public synchronized int port() {
    return transport == null ? -1 : transport.getListenAddress().getPort();
  }

  /** Sends a notification to every configured target (nothing when there are none). */
  public void notify(OID trap, VariableBinding... bindings) {
    notifier.send(trap, bindings);
  }

  /** Queues the notification of an alarm raised or cleared; it leaves within a watch period. */
  public void alarm(AlarmEvent event) {
    watcher.alarm(event);
  }

  private void watch() {
    if (settings == null) {
      return; // stopped: nobody to notify
    }
    try {
      watcher.poll();
    } catch (RuntimeException e) { // a source's failure must not end the watching
      LOG.log(System.Logger.Level.WARNING, "SNMP notification watch failed", e);
    }
  }

  /** Stops serving: the socket closes, users and communities are forgotten. */
  public synchronized void stop() {
    closeTransport();
    AgentSettings none = new AgentSettings(0, "", "", List.of(), List.of(), java.util.Map.of(),
        List.of());
    users.update(none);
    access.update(none);
    communities.update(none);
    notifier.update(none);
    settings = null;
  }

  private void closeTransport() {
    if (transport != null) {
      snmp.removeTransportMapping(transport);
      try {
        transport.close();
      } catch (IOException e) {
        // closing a datagram socket does not fail in a way worth reporting
      }
      transport = null;
    }
  }

  @Override
  public synchronized void close() {
    watching.shutdownNow();
    closeTransport();
    try {
      snmp.close();
    } catch (IOException e) {
      // as above
    }
  }
}
