package io.outpost.controlplane.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.mgmt.MgmtClient;
import io.outpost.controlplane.mgmt.MgmtResponse;
import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.Host;
import io.outpost.lab.Lab;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kills the real daemon with SIGKILL at random moments while a client commits as fast as it can,
 * {@value #DEFAULT_TRIALS} times, and checks after every restart that the configuration is
 * exactly the last acknowledged commit or the one that was in flight — never anything else,
 * never unreadable, with the history agreeing.
 *
 * <p>Each commit replaces a configuration of several hundred routes (about 60 kB on disk, twice:
 * history and startup), so the kills land in every phase: validation, the history write, the
 * startup write, the rename, the subsystems. {@code -Doutpost.durability.trials=N} and
 * {@code -Doutpost.durability.seed=S} change the run; the seed is printed for reproduction.
 */
@Tag("lab")
class DurabilityIT {
  static final int DEFAULT_TRIALS = 200;
  static final int ROUTES = 400;
  static final int KILL_WINDOW_MS = 1500;

  @Test
  void sigkillDuringCommitsNeverLosesOrCorruptsTheConfiguration() throws Exception {
    int trials = Integer.getInteger("outpost.durability.trials", DEFAULT_TRIALS);
    long seed = Long.getLong("outpost.durability.seed", System.nanoTime());
    System.out.println("durability: " + trials + " trials, seed " + seed);
    Random random = new Random(seed);
    AtomicLong acked = new AtomicLong(0);    // 0: the factory default
    AtomicLong inFlight = new AtomicLong(0);
    AtomicLong counter = new AtomicLong(0);
    int bootedInFlight = 0;
    int bootedAcked = 0;
    int interrupted = 0;

    try (Lab lab = Lab.create("durability")) {
      Host host = lab.host("appliance");
      OutpostDaemon daemon = OutpostDaemon.in(host, lab.workDir().resolve("state"));
      for (int trial = 0; trial <= trials; trial++) {
        long t0 = System.nanoTime();
        daemon.start();
        long t1 = System.nanoTime();
        try (MgmtClient client = daemon.connect()) {
          ConfigTree booted = ConfigJson.read(OutpostModules.schema(),
              exec(client, "show configuration | display json").output());
          long a = acked.get();
          long f = inFlight.get();
          if (booted.equals(config(f))) {
            bootedInFlight += f != a ? 1 : 0;
            acked.set(f);
          } else if (booted.equals(config(a))) {
            bootedAcked += f != a ? 1 : 0;
          } else {
            fail("trial " + trial + " (seed " + seed + "): booted neither commit " + a + " nor " + f + ":\n"
                + exec(client, "show configuration | display set").output());
          }
          interrupted += f != a ? 1 : 0;
          inFlight.set(acked.get());
          String log = daemon.process().logText();
          assertFalse(log.contains("history entry skipped"), "trial " + trial + ": unreadable history\n" + log);
          exec(client, "configure");
          assertEquals("", exec(client, "show | compare rollback 0").output(),
              "trial " + trial + ": rollback 0 (the newest history entry) is what booted");
        }
        if (trial == trials) {
          assertEquals(0, daemon.stop());
          break;
        }
        CountDownLatch committing = new CountDownLatch(1);
        Thread committer = Thread.ofPlatform().start(
            () -> commitUntilKilled(daemon, committing, acked, inFlight, counter));
        committing.await();
        long t2 = System.nanoTime();
        // A fresh JVM's first commit of this size takes about half a second, later ones less:
        // this window lands kills in the first commits and in later ones, in every phase.
        Thread.sleep(random.nextInt(KILL_WINDOW_MS));
        long t3 = System.nanoTime();
        daemon.process().kill();
        long t4 = System.nanoTime();
        committer.join(30_000);
        long t5 = System.nanoTime();
        System.out.printf("trial %d: start %d ms, verify+connect %d ms, window %d ms, kill %d ms, join %d ms%n", trial,
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000);
        assertFalse(committer.isAlive(), "the committing client noticed the daemon's death");
      }
    }
    System.out.println("durability: " + counter.get() + " commits; killed during a commit in " + interrupted
        + " trials, of which " + bootedInFlight + " booted the new configuration and " + bootedAcked + " the old");
    assertTrue(interrupted > trials / 4, "most kills should land during a commit; the test would prove little");
  }

  /** Commits configurations 1, 2, 3... over one session until the connection dies. */
  private static void commitUntilKilled(OutpostDaemon daemon, CountDownLatch committing, AtomicLong acked,
      AtomicLong inFlight, AtomicLong counter) {
    try (MgmtClient client = daemon.connect()) {
      exec(client, "configure");
      committing.countDown();
      while (true) {
        long k = counter.incrementAndGet();
        MgmtResponse load = MgmtResponse.of(client.call(JsonValue.object().put("op", "load").put("mode", "override")
            .put("content", ConfigJson.writePretty(config(k))).build()));
        assertTrue(load.ok(), load.error());
        inFlight.set(k);
        exec(client, "commit comment \"durability " + k + "\"");
        acked.set(k);
      }
    } catch (IOException expected) {
      // the daemon was killed
    } finally {
      committing.countDown();
    }
  }

  private static MgmtResponse exec(MgmtClient client, String line) throws IOException {
    MgmtResponse r = client.exec(line);
    if (!r.ok()) {
      throw new AssertionError(line + ": " + r.error());
    }
    return r;
  }

  /** Configuration number {@code k}: 0 is the factory default; each k differs throughout. */
  static ConfigTree config(long k) {
    if (k == 0) {
      return factoryDefault();
    }
    StringBuilder json = new StringBuilder("{\"outpost-system:system\": {\"host-name\": \"commit-" + k + "\"},"
        + "\"outpost-routing:routing\": {\"static\": {\"route\": [");
    for (int i = 0; i < ROUTES; i++) {
      json.append(i == 0 ? "" : ",").append("{\"prefix\": \"10.").append(i / 256).append('.').append(i % 256)
          .append(".0/24\", \"distance\": ").append(1 + (k + i) % 200)
          .append(", \"description\": \"route ").append(i).append(" of commit ").append(k)
          .append("\", \"blackhole\": [null]}");
    }
    json.append("]}}}");
    try {
      return ConfigJson.read(OutpostModules.schema(), json.toString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ConfigTree factoryDefault() {
    try {
      return ConfigJson.read(OutpostModules.schema(), "{\"outpost-system:system\": {\"host-name\": \"outpost\"}}");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
