package io.outpost.controlplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.apply.ApplyCoordinator;
import io.outpost.controlplane.bgp.BgpSubsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.controlplane.mgmt.MgmtResponse;
import io.outpost.controlplane.routing.RoutingSubsystem;
import io.outpost.controlplane.system.ApplianceIdentity;
import io.outpost.controlplane.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI engine without a daemon around it: grammar, abbreviations, completion, help, errors,
 * modes. The interfaces subsystem is left out (no kernel here); CliIT covers the whole thing.
 */
class CliSessionTest {
  @TempDir Path dir;
  CliSession cli;

  @BeforeEach
  void session() throws Exception {
    RoutingSubsystem routing = new RoutingSubsystem();
    Datastore ds = new Datastore(OutpostModules.schema(), dir, new ApplyCoordinator(List.of(routing)),
        Clock.systemUTC(), new ManualScheduler());
    ds.boot(ConfigTree.empty(OutpostModules.schema()));
    cli = new CliSession(new CliServices(ds, new ApplianceIdentity("edge1", Clock.systemUTC().instant()), null, routing,
        new DataplaneService(c -> {
          throw new IllegalStateException("this test runs no data plane");
        }), new BgpSubsystem(() -> {}), null, null, Clock.systemUTC(), "test"),
        ds.openSession("alice", "cli", "test"));
  }

  private String run(String line) {
    MgmtResponse r = cli.execute(line);
    assertTrue(r.ok(), line + " -> " + r.error());
    return r.output();
  }

  private List<String> words(String line) {
    return cli.complete(line).stream().map(CommandWalker.Suggestion::word).toList();
  }

  @Test
  void promptsFollowTheMode() {
    assertEquals("alice@edge1> ", cli.prompt());
    run("configure");
    assertEquals("alice@edge1# ", cli.prompt());
    assertEquals("[edit]", cli.context());
    run("edit interfaces interface eth0");
    assertEquals("[edit interfaces interface eth0]", cli.context());
    run("up");
    assertEquals("[edit interfaces]", cli.context());
    run("top");
    run("exit");
    assertEquals("alice@edge1> ", cli.prompt());
  }

  @Test
  void keywordsAbbreviateToAUniquePrefix() {
    run("conf");
    run("set sys host-name x");
    assertTrue(run("sh | disp set").contains("set system host-name x"));
    MgmtResponse ambiguous = cli.execute("s system");
    assertTrue(ambiguous.error().contains("ambiguous"), ambiguous.error());
  }

  @Test
  void completionOffersKeywordsPathsAndKnownKeys() {
    assertEquals(List.of("show"), words("sh"));
    assertEquals(List.of("configuration"), words("show conf"));
    assertEquals(List.of("system", "interfaces", "routing", "dataplane", "policy", "protocols", "snmp",
        "|"), words("show configuration "));
    run("configure");
    run("set interfaces interface eth0 mtu 1400");
    run("set interfaces interface eth10 mtu 1400");
    assertEquals(List.of("eth0", "eth10"), words("set interfaces interface "));
    assertEquals(List.of("true", "false"), words("set interfaces interface eth0 enabled "));
    assertEquals(List.of("logfmt", "json"), words("set system logging format "));
    assertEquals(List.of("check", "confirmed", "comment", "and-quit"), words("commit "));
    assertEquals(List.of("comment", "and-quit"), words("commit check confirmed 5 "));
    assertEquals(List.of("display", "compare", "match", "except", "count", "no-more"), words("show | "));
  }

  @Test
  void helpDescribesEachPossibility() {
    run("configure");
    String help = cli.help("set interfaces interface eth0 mtu ");
    assertTrue(help.contains("<mtu>                  uint16 68..65535"), help);
    String top = cli.help("set ");
    assertTrue(top.startsWith("Possible completions:\n"), top);
    assertTrue(top.contains("  interfaces             Network interfaces"), top);
    assertTrue(cli.help("show ").contains("<[Enter]>"), "show alone runs");
    assertEquals("No valid completions\n", cli.help("set bogus "));
  }

  @Test
  void oneSetCanSetSiblingLeaves() {
    run("configure");
    run("set system logging syslog-server 192.0.2.9 port 6514 transport tcp level warning");
    assertEquals("""
        set system logging syslog-server 192.0.2.9 port 6514
        set system logging syslog-server 192.0.2.9 transport tcp
        set system logging syslog-server 192.0.2.9 level warning
        """, run("show | display set"));
    assertEquals(List.of("facility", "level", "port", "transport"),
        words("set system logging syslog-server 192.0.2.9 port 6514 ").stream().sorted().toList());
    MgmtResponse half = cli.execute("set system logging syslog-server 192.0.2.9 port 1 transport carrier-pigeon");
    assertFalse(half.ok());
    assertTrue(run("show | display set").contains("port 6514"), "all or nothing: port is unchanged");
  }

  @Test
  void errorsPointAtTheWord() {
    run("configure");
    MgmtResponse r = cli.execute("set interfaces interface eth0 mtu 20");
    assertEquals("20 is out of range 68..65535", r.error());
    assertEquals("set interfaces interface eth0 mtu ".length(), r.column());
    MgmtResponse missing = cli.execute("set interfaces interface eth0 mtu");
    assertEquals("missing argument: mtu needs a value (uint16 68..65535)", missing.error());
    MgmtResponse quote = cli.execute("set system host-name \"unterminated");
    assertFalse(quote.ok());
  }

  @Test
  void showCompareAndRollback() {
    run("configure");
    run("set system host-name edge2");
    assertEquals("""
        [edit]
        +   system {
        +       host-name edge2;
        +   }
        """, run("show | compare"));
    run("commit comment one");
    assertEquals("", run("show | compare"));
    assertEquals("Count: 1 lines\n", run("show | display set | count"));
    run("rollback 1");
    assertTrue(run("show | compare").contains("-       host-name edge2;"));
  }

  @Test
  void configurationModeCommandsDoNotRunInOperationalMode() {
    assertFalse(cli.execute("set system host-name x").ok());
    assertTrue(cli.execute("exit").exit());
  }
}
