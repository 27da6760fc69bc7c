package io.outpost.controlplane.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.apply.ApplyCoordinator;
import io.outpost.controlplane.bgp.BgpSubsystem;
import io.outpost.controlplane.cli.CliServices;
import io.outpost.controlplane.cli.CliSession;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.controlplane.system.ApplianceIdentity;
import io.outpost.controlplane.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed requests get an error response; they never end the session. */
class MgmtServerTest {
  @TempDir Path dir;
  CliSession cli;

  @BeforeEach
  void session() throws Exception {
    Datastore ds = new Datastore(OutpostModules.schema(), dir, new ApplyCoordinator(List.of()), Clock.systemUTC(),
        new ManualScheduler());
    ds.boot(ConfigTree.empty(OutpostModules.schema()));
    cli = new CliSession(new CliServices(ds, new ApplianceIdentity("edge1", Clock.systemUTC().instant()), null,
        new RoutingSubsystem(), new DataplaneService(c -> {
          throw new IllegalStateException("this test runs no data plane");
        }), new BgpSubsystem(() -> {}), null, null, Clock.systemUTC(), "test"),
        ds.openSession("alice", "cli", "test"));
  }

  private String error(String request) {
    return MgmtResponse.of(MgmtServer.handle(cli, request)).error();
  }

  @Test
  void malformedRequestsAreAnsweredWithTheirError() {
    assertTrue(error("not json").startsWith("malformed request: line 1, column 1"), error("not json"));
    assertEquals("a request is a JSON object", error("[1, 2]"));
    assertEquals("unknown op \"reboot\"", error("{\"op\": \"reboot\"}"));
    assertEquals("unknown op \"\"", error("{\"line\": \"show version\"}"));
  }

  @Test
  void aBugInACommandIsAnErrorNotALostSession() {
    // this session has no interfaces subsystem, so show interfaces fails inside the command
    String e = error("{\"op\": \"exec\", \"line\": \"show interfaces\"}");
    assertTrue(e.startsWith("internal error: java.lang.NullPointerException"), e);
    assertEquals("", MgmtResponse.of(MgmtServer.handle(cli, "{\"op\": \"exec\", \"line\": \"show version\"}")).error());
  }

  @Test
  void theSessionGoesOnAfterwards() throws Exception {
    error("{{{{");
    JsonObject ok = MgmtServer.handle(cli, "{\"op\": \"exec\", \"line\": \"show system commit\"}");
    assertEquals("", MgmtResponse.of(ok).error());
    JsonObject candidates = MgmtServer.handle(cli, "{\"op\": \"complete\", \"line\": \"sh\"}");
    assertEquals(JsonParser.parse("{\"candidates\": [{\"word\": \"show\", \"help\": \"Show information about the"
        + " appliance\"}]}"), candidates);
  }
}
