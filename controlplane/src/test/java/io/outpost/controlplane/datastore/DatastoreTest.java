package io.outpost.controlplane.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.apply.ApplyCoordinator;
import io.outpost.controlplane.config.CliPathParser;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.config.OutpostModules;
import io.outpost.controlplane.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreTest {
  @TempDir Path dir;
  final List<String> events = new ArrayList<>();
  final ManualScheduler scheduler = new ManualScheduler();
  RecordingSubsystem system;
  RecordingSubsystem interfaces;
  RecordingSubsystem routing;
  Datastore ds;
  Session alice;
  Session bob;

  @BeforeEach
  void boot() throws Exception {
    ds = newDatastore();
    ds.boot(ConfigTree.empty(OutpostModules.schema()));
    events.clear();
    alice = ds.openSession("alice", "cli", "uid 1000");
    bob = ds.openSession("bob", "netconf", "192.0.2.9");
  }

  private Datastore newDatastore() {
    system = new RecordingSubsystem("system", Set.of("system"), events);
    interfaces = new RecordingSubsystem("interfaces", Set.of("interfaces"), events);
    routing = new RecordingSubsystem("routing", Set.of("interfaces", "routing"), events);
    return new Datastore(OutpostModules.schema(), dir.resolve("config"),
        new ApplyCoordinator(List.of(system, interfaces, routing)), Clock.systemUTC(), scheduler);
  }

  private void set(Session s, String words) throws Exception {
    CliPathParser.Result r = CliPathParser.parse(ds.candidate(), DataPath.ROOT, List.of(words.split(" ")),
        CliPathParser.Purpose.SET);
    ds.editCandidate(s, r::applyTo);
  }

  private String startupText() throws Exception {
    return Files.readString(dir.resolve("config/startup.json"), StandardCharsets.UTF_8);
  }

  private long historyFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("config/history"))) {
      return s.filter(p -> p.toString().endsWith(".commit")).count();
    }
  }

  @Test
  void commitAppliesOnlyAffectedSubsystemsAndPersists() throws Exception {
    set(alice, "interfaces interface eth0 mtu 9000");
    CommitResult r = ds.commit(alice, CommitRequest.of("jumbo frames"));
    assertEquals(List.of("interfaces:prepare", "routing:prepare", "interfaces:commit", "routing:commit"), events);
    assertEquals(ds.candidate(), ds.running());
    assertEquals(ds.running(), ConfigJson.read(OutpostModules.schema(), startupText()));
    CommitRecord top = ds.history().getFirst();
    assertEquals(r.commitId(), top.id());
    assertEquals("alice", top.user());
    assertEquals("jumbo frames", top.comment());
    assertEquals(List.of("set interfaces interface eth0 mtu 9000"), top.changes());
  }

  @Test
  void anInvalidCandidateIsRefusedWithPathsAndChangesNothing() throws Exception {
    String before = startupText();
    set(alice, "routing static route 10.0.0.0/8 interface eth7");
    DatastoreException e = assertThrows(DatastoreException.class, () -> ds.commit(alice, CommitRequest.of("")));
    assertEquals(DatastoreException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("routing static route 10.0.0.0/8 interface: \"eth7\" does not exist"),
        e.getMessage());
    assertEquals(List.of(), events);
    assertEquals(before, startupText());
    assertTrue(ds.candidateChanged(), "the candidate keeps the user's edits");
  }

  @Test
  void aSubsystemRefusalAbortsThePreparedOnesAndChangesNothing() throws Exception {
    String before = startupText();
    long files = historyFiles();
    ConfigTree running = ds.running();
    routing.refusePrepare = true;
    set(alice, "interfaces interface eth0 mtu 9000");
    DatastoreException e = assertThrows(DatastoreException.class, () -> ds.commit(alice, CommitRequest.of("")));
    assertEquals("commit failed: routing: routing refuses", e.getMessage());
    assertEquals(List.of("interfaces:prepare", "routing:prepare", "interfaces:abort"), events);
    assertEquals(running, ds.running());
    assertEquals(before, startupText());
    assertEquals(files, historyFiles());
  }

  @Test
  void aCommitPhaseFailureRevertsWhatCommittedAndUndoesTheDisk() throws Exception {
    String before = startupText();
    long files = historyFiles();
    ConfigTree running = ds.running();
    routing.failCommit = true;
    set(alice, "interfaces interface eth0 mtu 9000");
    assertThrows(DatastoreException.class, () -> ds.commit(alice, CommitRequest.of("")));
    assertEquals(List.of("interfaces:prepare", "routing:prepare", "interfaces:commit", "routing:commit-failed",
        "interfaces:prepare", "interfaces:commit"), events);
    assertEquals(running, interfaces.applied, "interfaces went back to the running configuration");
    assertEquals(running, ds.running());
    assertEquals(before, startupText());
    assertEquals(files, historyFiles());
  }

  @Test
  void commitCheckAndEmptyCommitsWriteNothing() throws Exception {
    long files = historyFiles();
    assertEquals(0, ds.commit(alice, CommitRequest.of("")).commitId());
    set(alice, "system host-name edge9");
    CommitResult check = ds.commit(alice, CommitRequest.of("").checkingOnly());
    assertEquals(0, check.commitId());
    assertEquals(1, check.changes().size());
    assertEquals(List.of("system:prepare", "system:abort"), events);
    assertEquals(files, historyFiles());
  }

  @Test
  void anUnconfirmedCommitRollsBackByItself() throws Exception {
    ConfigTree before = ds.running();
    String startupBefore = startupText();
    set(alice, "system host-name risky");
    CommitResult r = ds.commit(alice, CommitRequest.of("try it").confirmedFor(Duration.ofMinutes(5)).confirmingAny());
    assertNotNull(r.confirmDeadline());
    assertEquals(List.of(Duration.ofMinutes(5)), scheduler.pendingDelays());
    assertEquals(startupBefore, startupText(), "startup keeps the last confirmed configuration");
    assertFalse(ds.running().equals(before));

    assertEquals(1, scheduler.fireAll());
    assertEquals(before, ds.running());
    assertEquals(before, ds.candidate());
    assertEquals(before, system.applied);
    assertTrue(ds.history().getFirst().comment().startsWith("rollback: confirmed commit " + r.commitId()));
    assertTrue(ds.pendingConfirm().isEmpty());
  }

  @Test
  void aPlainCommitConfirms() throws Exception {
    set(alice, "system host-name careful");
    ds.commit(alice, CommitRequest.of("").confirmedFor(Duration.ofMinutes(1)).confirmingAny());
    CommitResult confirm = ds.commit(alice, CommitRequest.of("").confirmingAny());
    assertTrue(confirm.confirmedPending());
    assertEquals(0, confirm.commitId(), "confirming without changes writes no history entry");
    assertEquals(ds.running(), ConfigJson.read(OutpostModules.schema(), startupText()));
    assertEquals(0, scheduler.fireAll(), "the rollback timer was cancelled");
  }

  @Test
  void netconfStyleConfirmedCommitsBelongToTheirSessionOrToken() throws Exception {
    ConfigTree before = ds.running();
    set(bob, "system host-name bobs");
    ds.commit(bob, new CommitRequest("", Duration.ofMinutes(1), null, null, false, false));
    DatastoreException e = assertThrows(DatastoreException.class, () -> ds.commit(alice,
        new CommitRequest("", null, null, null, false, false)));
    assertTrue(e.getMessage().contains("only that session can confirm it"), e.getMessage());
    ds.closeSession(bob);
    assertEquals(before, ds.running(), "RFC 6241 8.4.1: ending the session rolls back");

    Session carol = ds.openSession("carol", "netconf", "192.0.2.10");
    set(carol, "system host-name persisted");
    ds.commit(carol, new CommitRequest("", Duration.ofMinutes(1), "token-1", null, false, false));
    ds.closeSession(carol);
    assertEquals("persisted", ((io.outpost.controlplane.config.InnerNode) ds.running().root().child("system"))
        .leafValue("host-name"), "a persist token keeps it beyond the session");
    assertThrows(DatastoreException.class, () -> ds.commit(alice, new CommitRequest("", null, null, "wrong", false, false)));
    ds.commit(alice, new CommitRequest("", null, null, "token-1", false, false));
    assertTrue(ds.pendingConfirm().isEmpty());
  }

  @Test
  void locksBlockOtherSessionsUntilReleased() throws Exception {
    ds.lock(bob, LockTarget.RUNNING);
    set(alice, "system host-name blocked");
    DatastoreException e = assertThrows(DatastoreException.class, () -> ds.commit(alice, CommitRequest.of("")));
    assertEquals(DatastoreException.Kind.LOCKED, e.kind());
    assertTrue(e.getMessage().startsWith("cannot commit: the running datastore is locked by user bob (session "),
        e.getMessage());
    assertThrows(DatastoreException.class, () -> ds.lock(alice, LockTarget.RUNNING));
    assertThrows(DatastoreException.class, () -> ds.lock(bob, LockTarget.CANDIDATE),
        "the candidate has alice's uncommitted changes");
    ds.closeSession(bob);
    ds.commit(alice, CommitRequest.of(""));

    ds.lock(alice, LockTarget.CANDIDATE);
    Session dave = ds.openSession("dave", "cli", "uid 1001");
    DatastoreException edit = assertThrows(DatastoreException.class, () -> set(dave, "system host-name x"));
    assertTrue(edit.getMessage().startsWith("cannot edit the candidate: the candidate datastore is locked by user alice"));
    ds.unlock(alice, LockTarget.CANDIDATE);
    set(dave, "system host-name x");
  }

  @Test
  void rollbackLoadsAnEarlierConfigurationIntoTheCandidate() throws Exception {
    set(alice, "system host-name first");
    ds.commit(alice, CommitRequest.of("first"));
    ConfigTree first = ds.running();
    set(alice, "system host-name second");
    ds.commit(alice, CommitRequest.of("second"));
    assertEquals(first, ds.rollbackConfig(1));
    ConfigTree rollback1 = ds.rollbackConfig(1);
    ds.editCandidate(alice, t -> rollback1);
    ds.commit(alice, CommitRequest.of("back"));
    assertEquals(first, ds.running());
    assertThrows(DatastoreException.class, () -> ds.rollbackConfig(50));
  }

  @Test
  void historyKeepsFiftyEntries() throws Exception {
    for (int i = 0; i < CommitHistory.DEPTH + 5; i++) {
      set(alice, "system host-name h" + i);
      ds.commit(alice, CommitRequest.of("n" + i));
    }
    assertEquals(CommitHistory.DEPTH, ds.history().size());
    assertEquals(CommitHistory.DEPTH, historyFiles());
    assertEquals("n" + (CommitHistory.DEPTH + 4), ds.history().getFirst().comment());
  }

  @Test
  void bootDropsCommitsThatNeverBecameTheStartupConfiguration() throws Exception {
    set(alice, "system host-name kept");
    ds.commit(alice, CommitRequest.of("kept"));
    ConfigTree kept = ds.running();
    set(alice, "system host-name unconfirmed");
    ds.commit(alice, CommitRequest.of("").confirmedFor(Duration.ofMinutes(10)).confirmingAny());
    ds.shutdown();

    Datastore restarted = newDatastore();
    restarted.boot(ConfigTree.empty(OutpostModules.schema()));
    assertEquals(kept, restarted.running());
    assertEquals("kept", restarted.history().getFirst().comment());
  }

  @Test
  void bootRefusesAnInvalidStartupConfigurationWithItsPath() throws Exception {
    Files.writeString(dir.resolve("config/startup.json"),
        "{\"outpost-interfaces:interfaces\": {\"interface\": [{\"name\": \"eth0\", \"mtu\": 20}]}}");
    Datastore restarted = newDatastore();
    events.clear();
    ConfigException e = assertThrows(ConfigException.class,
        () -> restarted.boot(ConfigTree.empty(OutpostModules.schema())));
    assertEquals("interfaces interface eth0 mtu: 20 is out of range 68..65535", e.getMessage());
    assertEquals(List.of(), events, "no subsystem was touched");
  }

  @Test
  void firstBootStoresTheFactoryDefault() throws Exception {
    Path fresh = dir.resolve("fresh");
    Datastore d = new Datastore(OutpostModules.schema(), fresh, new ApplyCoordinator(List.of(system)),
        Clock.systemUTC(), scheduler);
    ConfigTree factory = ConfigJson.read(OutpostModules.schema(), "{\"outpost-system:system\": {\"host-name\": \"new\"}}");
    d.boot(factory);
    assertEquals(factory, ConfigJson.read(OutpostModules.schema(), Files.readString(fresh.resolve("startup.json"))));
    assertEquals("factory default configuration", d.history().getFirst().comment());
    assertEquals(factory, system.applied);
  }
}
