package io.outpost.controlplane.health;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.log.Log;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Applies {@code system hardware}: chooses the platform's hardware profile (the one configured,
 * else the one detection finds) and runs a {@link HealthMonitor} on it every poll interval, on
 * a thread of its own. A configured profile that does not exist refuses the commit with its
 * path; a machine no profile matches is a major alarm ("platform") that says which strings it
 * has and how to choose a profile, and no sensor is watched. The alarms outlive any monitor.
 */
public final class HealthSubsystem implements Subsystem {
  static final String PLATFORM = "platform";
  private static final Log LOG = Log.get("health");

  private final HardwareProfiles profiles;
  private final Path root;
  private final Tools tools;
  private final Clock clock;
  private final AlarmTable alarms = new AlarmTable(HealthSubsystem::logged);
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("health").unstarted(r));
  /** What runs now; guarded by this. */
  private Running running;

  /** The monitor at work (null when no profile), its schedule, and what chose it. */
  private record Running(String configured, long interval, HealthMonitor monitor,
      ScheduledFuture<?> task) {}

  /**
   * @param root the directory {@code /sys} and ONIE's {@code /host} are under ({@code /} on an
   *     appliance)
   */
  public HealthSubsystem(HardwareProfiles profiles, Path root, Tools tools, Clock clock) {
    this.profiles = profiles;
    this.root = root;
    this.tools = tools;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "health";
  }

  @Override
  public Set<String> reads() {
    return Set.of("system");
  }

  public AlarmTable alarms() {
    return alarms;
  }

  /** The monitor at work, or null when no profile is in use. */
  public synchronized HealthMonitor monitor() {
    return running == null ? null : running.monitor();
  }

  /** How often the monitor reads the sensors, in seconds; 0 when none runs. */
  public synchronized long pollIntervalSeconds() {
    return running == null ? 0 : running.interval();
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    ConfigView hw = ConfigView.top(candidate, "system").container("hardware");
    String configured = hw.string("profile");
    long interval = hw.number("poll-interval");
    HardwareProfile profile = null;
    String none = null;
    if (configured != null) {
      profile = profiles.named(configured).orElseThrow(() -> new ApplyException(
          hw.pathOf("profile"), "no hardware profile named " + configured + " (known: "
          + known() + ")"));
    } else {
      PlatformFacts facts = PlatformFacts.read(root);
      try {
        profile = profiles.detect(facts).orElse(null);
        none = "no hardware profile matches this machine (" + facts + "); set system hardware"
            + " profile to one of " + known();
      } catch (IllegalStateException e) {
        none = e.getMessage() + "; set system hardware profile to the right one";
      }
    }
    HardwareProfile chosen = profile;
    String why = none;
    return new Prepared() {
      @Override
      public void commit() {
        start(configured, interval, chosen, why);
      }

      @Override
      public void abort() {}
    };
  }

  private String known() {
    return profiles.all().stream().map(HardwareProfile::name).collect(Collectors.joining(", "));
  }

  private synchronized void start(String configured, long interval, HardwareProfile profile,
      String none) {
    Running now = running;
    if (now != null && Objects.equals(now.configured(), configured)
        && now.interval() == interval && (now.monitor() == null ? null
        : now.monitor().profile()) == profile) {
      return; // the same profile at the same pace: keep its levels and alarms as they are
    }
    if (now != null && now.task() != null) {
      now.task().cancel(false);
      for (Alarm a : alarms.active()) { // the next monitor raises again what is still so
        if (!a.resource().equals(PLATFORM)) {
          alarms.clear(a.resource(), clock.instant());
        }
      }
    }
    if (profile == null) {
      running = new Running(configured, interval, null, null);
      alarms.raise(PLATFORM, Alarm.Severity.MAJOR, none, clock.instant());
      return;
    }
    alarms.clear(PLATFORM, clock.instant());
    HealthMonitor monitor = new HealthMonitor(profile, root, tools, alarms, clock);
    LOG.info("hardware profile in use", "profile", profile.name(), "how",
        configured != null ? "configured" : "detected", "sensors", profile.sensors().size(),
        "poll_interval_s", interval);
    ScheduledFuture<?> task = executor.scheduleWithFixedDelay(() -> poll(monitor), 0, interval,
        TimeUnit.SECONDS);
    running = new Running(configured, interval, monitor, task);
  }

  /** One poll; the monitor catches every sensor's failure, this anything else it did not. */
  private static void poll(HealthMonitor monitor) {
    try {
      monitor.poll();
    } catch (RuntimeException e) {
      LOG.error("health poll failed", e, "profile", monitor.profile().name());
    }
  }

  private static void logged(Alarm a) {
    if (a.active()) {
      LOG.warn("alarm raised", "id", a.id(), "severity", a.severity().word(), "resource",
          a.resource(), "text", a.text());
    } else {
      LOG.info("alarm cleared", "id", a.id(), "severity", a.severity().word(), "resource",
          a.resource(), "text", a.text());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
