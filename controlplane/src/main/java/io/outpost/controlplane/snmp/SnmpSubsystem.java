package io.outpost.controlplane.snmp;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.health.Alarm;
import io.outpost.controlplane.log.Log;
import io.outpost.snmp.AgentSettings;
import io.outpost.snmp.EngineIdentity;
import io.outpost.snmp.SnmpAgent;
import io.outpost.snmp.mib.HostResourcesMib;
import io.outpost.snmp.notify.AlarmEvent;
import io.outpost.snmp.source.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Applies {@code snmp}: runs the {@link SnmpAgent} while the container is present and
 * reconfigures it in place on every commit (users, communities, views, trap targets; a new
 * port moves the socket). The agent is made at the first commit that configures it, with the
 * engine identity kept in the state directory, and is never restarted: its engine ID, boots,
 * uptime and counters last as long as the daemon.
 *
 * <p>Prepare binds the new port, so a port that is taken refuses the commit with its path and
 * nothing changes; commit cannot fail. Also reads {@code interfaces}, whose descriptions are
 * the interfaces' ifAlias.
 */
public final class SnmpSubsystem implements Subsystem {
  private static final Log LOG = Log.get("snmp");

  private final Path engineFile;
  private final Function<SnmpSubsystem, Sources> sources;
  private final HostResourcesMib host;
  private final long watchMillis;
  private final ToIntFunction<String> sensorEntity;
  private volatile ConfigTree running;
  /** Guarded by this. */
  private SnmpAgent agent;
  private AgentSettings settings;

  /**
   * @param engineFile where the engine ID and boots are kept
   * @param sources the appliance's state, made once the agent is (they read its uptime)
   * @param watchMillis how often changes are looked for that are notifications
   * @param sensorEntity the entPhysicalIndex of an alarm's resource, 0 when not a sensor
   */
  public SnmpSubsystem(Path engineFile, Function<SnmpSubsystem, Sources> sources,
      HostResourcesMib host, long watchMillis, ToIntFunction<String> sensorEntity) {
    this.engineFile = engineFile;
    this.sources = sources;
    this.host = host;
    this.watchMillis = watchMillis;
    this.sensorEntity = sensorEntity;
  }

  @Override
  public String name() {
    return "snmp";
  }

  @Override
  public Set<String> reads() {
    return Set.of("snmp", "interfaces");
  }

  /** The configuration last committed. */
  public ConfigTree running() {
    return running;
  }

  @Override
  public void validate(ConfigTree candidate, List<ConfigError> errors) {
    SnmpConfig.read(candidate, errors);
  }

  /**
   * For {@code commit check}: the settings are read and a new port is tried, but no agent is
   * made (that would count an engine boot) and nothing listens.
   */
  @Override
  public Prepared check(ConfigTree before, ConfigTree candidate) throws ApplyException {
    Optional<AgentSettings> next = read(candidate);
    synchronized (this) {
      if (next.isPresent() && needsSocket(next.get())) {
        try {
          bind(candidate, next.get().port()).close();
        } catch (IOException e) {
          // closing a socket never listened on does not fail
        }
      }
    }
    return NOTHING;
  }

  private static Optional<AgentSettings> read(ConfigTree candidate) throws ApplyException {
    List<ConfigError> errors = new ArrayList<>();
    Optional<AgentSettings> next = SnmpConfig.read(candidate, errors);
    if (!errors.isEmpty()) {
      throw new ApplyException(errors.getFirst().path(), errors.getFirst().message());
    }
    return next;
  }

  /** Whether {@code next} needs a new socket: the agent is not serving, or on another port. */
  private boolean needsSocket(AgentSettings next) {
    return agent == null || settings == null || agent.port() != next.port();
  }

  private static DefaultUdpTransportMapping bind(ConfigTree candidate, int port)
      throws ApplyException {
    try {
      return SnmpAgent.open(port);
    } catch (IOException e) {
      throw new ApplyException(ConfigView.top(candidate, "snmp").pathOf("port"),
          "cannot listen on UDP port " + port + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Prepared prepare(ConfigTree before, ConfigTree candidate) throws ApplyException {
    Optional<AgentSettings> next = read(candidate);
    DefaultUdpTransportMapping socket = null;
    synchronized (this) {
      if (next.isPresent() && agent == null) {
        try { // made once, unseen until it is given settings and a socket
          agent = new SnmpAgent(EngineIdentity.boot(engineFile), sources.apply(this), host,
              watchMillis);
        } catch (IOException e) {
          throw new ApplyException(ConfigView.top(candidate, "snmp").path(),
              "cannot start the SNMP agent: " + engineFile + ": " + e.getMessage(), e);
        }
      }
      if (next.isPresent() && needsSocket(next.get())) {
        socket = bind(candidate, next.get().port());
      }
    }
    DefaultUdpTransportMapping opened = socket;
    return new Prepared() {
      @Override
      public void commit() throws ApplyException {
        running = candidate;
        apply(next.orElse(null), opened, candidate);
      }

      @Override
      public void abort() {
        if (opened != null) {
          try {
            opened.close();
          } catch (IOException e) {
            // a socket never listened on closes without trouble
          }
        }
      }
    };
  }

  private synchronized void apply(AgentSettings next, DefaultUdpTransportMapping socket,
      ConfigTree candidate) throws ApplyException {
    if (next == null) {
      if (agent != null && settings != null) {
        agent.stop();
        LOG.info("SNMP agent stopped");
      }
      settings = null;
      return;
    }
    try {
      agent.apply(next, socket);
    } catch (IOException e) { // listening on a socket bound in prepare
      throw new ApplyException(ConfigView.top(candidate, "snmp").path(),
          "cannot start the SNMP agent: " + e.getMessage(), e);
    }
    if (settings == null || socket != null) {
      LOG.info("SNMP agent listening", "port", agent.port(), "engine_id",
          agent.engineId().toHexString(), "users", next.users().size(), "communities",
          next.communities().size(), "trap_targets", next.targets().size());
    }
    settings = next;
  }

  /** The agent's sysUpTime at {@code t}, in hundredths of a second; 0 before it runs. */
  public long uptimeAt(Instant t) {
    SnmpAgent a;
    synchronized (this) {
      a = agent;
    }
    if (a == null) {
      return 0;
    }
    long ago = Duration.between(t, Instant.now()).toMillis() / 10;
    return Math.max(0, a.uptime() - ago);
  }

  /** sysUpTime now; 0 before the agent runs. */
  public synchronized long uptime() {
    return agent == null ? 0 : agent.uptime();
  }

  /** Sends an alarm's notification (when the agent runs). */
  public void alarm(Alarm a) {
    SnmpAgent target;
    synchronized (this) {
      target = settings == null ? null : agent;
    }
    if (target != null) {
      target.alarm(new AlarmEvent(a.id(), a.active(), a.severity().ordinal() + 1, a.resource(),
          a.text(), sensorEntity.applyAsInt(a.resource())));
    }
  }

  /** The agent, when it runs: for {@code show snmp}. */
  public synchronized Optional<SnmpAgent> agent() {
    return settings == null ? Optional.empty() : Optional.ofNullable(agent);
  }

  @Override
  public synchronized void close() {
    if (agent != null) {
      agent.close();
    }
  }
}
