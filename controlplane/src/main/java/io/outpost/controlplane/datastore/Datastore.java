package io.outpost.controlplane.datastore;

import io.outpost.controlplane.apply.ApplyCoordinator;
import io.outpost.controlplane.apply.ApplyFailedException;
import io.outpost.controlplane.config.ConfigDiff;
import io.outpost.controlplane.config.ConfigEditException;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigValidator;
import io.outpost.controlplane.config.DiffFormat;
import io.outpost.controlplane.log.Log;
import io.outpost.controlplane.time.Scheduler;
import io.outpost.controlplane.yang.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration datastores of the appliance — running, candidate and startup — and every
 * operation on them: edit, validate, commit (plain, check, confirmed), rollback, lock.
 *
 * <p>Modelled on NETCONF's datastores (RFC 6241) with Junos habits. There is one shared
 * candidate; sessions may lock it and running. A commit validates the candidate, prepares the
 * change in every affected subsystem, makes it durable, then commits the subsystems: a refusal
 * anywhere leaves the appliance and the disk exactly as before (see {@link ApplyCoordinator}).
 *
 * <p>Durability: each commit is first written to the history ({@link CommitHistory}), then to
 * {@code startup.json}, each atomically ({@link AtomicFiles}). The daemon boots {@code
 * startup.json}; history entries newer than it (a commit cut off by a crash, or a confirmed
 * commit never confirmed) are dropped at boot. A confirmed commit leaves {@code startup.json}
 * alone until it is confirmed, so a reboot during the confirmation window comes up with the last
 * confirmed configuration.
 *
 * <p>All methods are synchronized: configuration changes are rare and must be serial; readers
 * take immutable snapshots.
 */
public final class Datastore {
  private static final Log LOG = Log.get("datastore");

  private final Schema schema;
  private final Path startupFile;
  private final CommitHistory history;
  private final ApplyCoordinator coordinator;
  private final Clock clock;
  private final Scheduler scheduler;

  private ConfigTree running;
  private ConfigTree candidate;
  private ConfigTree startup;
  private final Map<LockTarget, Session> locks = new EnumMap<>(LockTarget.class);
  private final Map<LockTarget, Instant> lockedSince = new EnumMap<>(LockTarget.class);
  private final Map<Long, Session> sessions = new LinkedHashMap<>();
  private final Set<Long> candidateEditors = new LinkedHashSet<>();
  private long nextSessionId = 1;
  private PendingConfirm pending;
  private final Session system;

  public Datastore(Schema schema, Path configDir, ApplyCoordinator coordinator, Clock clock, Scheduler scheduler) {
    this.schema = schema;
    this.startupFile = configDir.resolve("startup.json");
    this.history = new CommitHistory(configDir.resolve("history"), schema);
    this.coordinator = coordinator;
    this.clock = clock;
    this.scheduler = scheduler;
    this.running = ConfigTree.empty(schema);
    this.candidate = running;
    this.startup = running;
    this.system = new Session(0, "system", "system", "outpostd", clock.instant());
  }

  // ------------------------------------------------------------------------------------ boot

  /**
   * Loads {@code startup.json} (or, on first start, {@code factoryDefault}), validates it, and
   * applies it to every subsystem. Refuses — throwing, with nothing applied — a configuration
   * that does not read or validate, so the appliance never runs half-configured.
   */
  public synchronized void boot(ConfigTree factoryDefault) throws ConfigException, ApplyFailedException, IOException {
    for (String skipped : history.load()) {
      LOG.warn("history entry skipped", "reason", skipped);
    }
    ConfigTree booted;
    boolean fresh = !Files.exists(startupFile);
    String bootedText;
    if (fresh) {
      booted = factoryDefault;
      bootedText = ConfigJson.writePretty(booted);
    } else {
      bootedText = Files.readString(startupFile, StandardCharsets.UTF_8);
      booted = ConfigJson.read(schema, bootedText);
    }
    List<ConfigError> errors = validate(booted);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    ApplyCoordinator.Transaction tx = coordinator.prepare(ConfigTree.empty(schema), booted);
    if (fresh) {
      Files.createDirectories(startupFile.getParent());
      AtomicFiles.write(startupFile, bootedText);
    }
    reconcileHistory(booted, ConfigJson.writePretty(booted), fresh);
    tx.commit();
    for (String w : tx.warnings()) {
      LOG.warn("boot configuration warning", "warning", w);
    }
    running = booted;
    candidate = booted;
    startup = booted;
    LOG.info("configuration applied", "commit", history.get(0).id(), "subsystems",
        String.join(",", tx.affectedSubsystems()));
  }

  /**
   * Makes history agree with what booted: entries newer than the newest one equal to the
   * booted configuration never became the startup configuration, and go.
   */
  private void reconcileHistory(ConfigTree booted, String bootedText, boolean fresh) throws IOException {
    int match = -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.configText(i).equals(bootedText)) {
        match = i;
        break;
      }
    }
    for (int i = 0; i < match; i++) {
      CommitRecord orphan = history.get(0);
      LOG.warn("dropping a commit that did not become the startup configuration (interrupted, or a"
          + " confirmed commit never confirmed)", "commit", orphan.id(), "user", orphan.user());
      history.remove(orphan.id());
    }
    if (match < 0) {
      String comment = fresh ? "factory default configuration" : "startup configuration at boot";
      history.append(new CommitRecord(history.nextId(), clock.instant(), system.user(), system.transport(),
          comment, DiffFormat.commands(ConfigDiff.between(ConfigTree.empty(schema), booted)), booted));
    }
  }

  // -------------------------------------------------------------------------------- sessions

  public synchronized Session openSession(String user, String transport, String source) {
    Session s = new Session(nextSessionId++, user, transport, source, clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  /**
   * Ends a session: its locks are released (a locked candidate's uncommitted changes are
   * discarded, as RFC 6241 §7.5 requires), and a confirmed commit it issued without a persist
   * token is rolled back (§8.4.1).
   */
  public synchronized void closeSession(Session s) {
    if (sessions.remove(s.id()) == null) {
      return;
    }
    if (s.equals(locks.get(LockTarget.CANDIDATE)) && !candidate.equals(running)) {
      LOG.info("discarding the candidate of a session that held its lock", "session", s.id(), "user", s.user());
      candidate = running;
      candidateEditors.clear();
    }
    locks.entrySet().removeIf(e -> {
      if (e.getValue().equals(s)) {
        lockedSince.remove(e.getKey());
        return true;
      }
      return false;
    });
    candidateEditors.remove(s.id());
    if (pending != null && pending.persist() == null && pending.owner().equals(s)) {
      rollbackPending("the session that issued confirmed commit " + pending.commitId() + " ended");
    }
  }

  public synchronized List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  // ------------------------------------------------------------------------------- reading

  public synchronized ConfigTree running() {
    return running;
  }

  public synchronized ConfigTree candidate() {
    return candidate;
  }

  public Schema schema() {
    return schema;
  }

  /** Whether the candidate differs from running. */
  public synchronized boolean candidateChanged() {
    return !candidate.equals(running);
  }

  /** The other sessions that changed the candidate since the last commit or discard. */
  public synchronized List<Session> otherEditors(Session s) {
    return candidateEditors.stream().filter(id -> id != s.id()).map(sessions::get)
        .filter(Objects::nonNull).toList();
  }

  public synchronized List<CommitRecord> history() {
    return history.records();
  }

  /** The configuration of rollback {@code n} (0 is the active one). */
  public synchronized ConfigTree rollbackConfig(int n) throws DatastoreException {
    if (n < 0 || n >= history.size()) {
      throw new DatastoreException(DatastoreException.Kind.REFUSED,
          "rollback " + n + " does not exist; the history holds 0.." + (history.size() - 1));
    }
    return history.get(n).config();
  }

  public synchronized Optional<PendingConfirm> pendingConfirm() {
    return Optional.ofNullable(pending);
  }

  public synchronized Optional<Session> lockHolder(LockTarget target) {
    return Optional.ofNullable(locks.get(target));
  }

  /** Schema rules and every subsystem's semantic rules. */
  public List<ConfigError> validate(ConfigTree tree) {
    List<ConfigError> errors = new ArrayList<>(ConfigValidator.validate(tree));
    if (errors.isEmpty()) {
      errors.addAll(coordinator.validate(tree));
    }
    return errors;
  }

  // ------------------------------------------------------------------------------- editing

  /** An edit of the candidate, such as {@code t -> t.set(path, value)}. */
  @FunctionalInterface
  public interface Edit {
    ConfigTree apply(ConfigTree candidate) throws ConfigEditException;
  }

  /** Applies an edit to the candidate; returns whether it changed anything. */
  public synchronized boolean editCandidate(Session s, Edit edit) throws DatastoreException, ConfigEditException {
    checkNotLockedByOther(s, LockTarget.CANDIDATE, "edit the candidate");
    ConfigTree next = edit.apply(candidate);
    if (next.equals(candidate)) {
      return false;
    }
    candidate = next;
    candidateEditors.add(s.id());
    return true;
  }

  /** Throws away the candidate's changes: it becomes running again. */
  public synchronized void discardChanges(Session s) throws DatastoreException {
    checkNotLockedByOther(s, LockTarget.CANDIDATE, "discard the candidate's changes");
    candidate = running;
    candidateEditors.clear();
  }

  // ------------------------------------------------------------------------------- locking

  public synchronized void lock(Session s, LockTarget target) throws DatastoreException {
    Session holder = locks.get(target);
    if (holder != null) {
      throw lockedError(target, holder, "lock it");
    }
    if (target == LockTarget.CANDIDATE && candidateChanged()
        && candidateEditors.stream().anyMatch(id -> id != s.id())) {
      throw new DatastoreException(DatastoreException.Kind.LOCKED,
          "the candidate has uncommitted changes by other sessions; commit or discard them first");
    }
    locks.put(target, s);
    lockedSince.put(target, clock.instant());
  }

  public synchronized void unlock(Session s, LockTarget target) throws DatastoreException {
    if (!s.equals(locks.get(target))) {
      throw new DatastoreException(DatastoreException.Kind.REFUSED,
          "the " + target.yangName() + " datastore is not locked by this session");
    }
    locks.remove(target);
    lockedSince.remove(target);
  }

  private void checkNotLockedByOther(Session s, LockTarget target, String action) throws DatastoreException {
    Session holder = locks.get(target);
    if (holder != null && !holder.equals(s)) {
      throw lockedError(target, holder, action);
    }
  }

  private DatastoreException lockedError(LockTarget target, Session holder, String action) {
    return new DatastoreException(DatastoreException.Kind.LOCKED, "cannot " + action + ": the "
        + target.yangName() + " datastore is locked by " + holder.describe() + " since " + lockedSince.get(target));
  }

  // ------------------------------------------------------------------------------ commit

  /** Commits the candidate; see the class comment for the order of steps. */
  public synchronized CommitResult commit(Session s, CommitRequest req) throws DatastoreException {
    checkNotLockedByOther(s, LockTarget.RUNNING, "commit");
    checkNotLockedByOther(s, LockTarget.CANDIDATE, "commit");
    checkMayConfirm(s, req);
    ConfigTree next = candidate;
    List<ConfigError> errors = validate(next);
    if (!errors.isEmpty()) {
      throw new DatastoreException(DatastoreException.Kind.INVALID, "commit failed: the configuration is not valid", errors);
    }
    List<ConfigDiff.Change> changes = ConfigDiff.between(running, next);
    ApplyCoordinator.Transaction tx;
    try {
      tx = req.checkOnly() ? coordinator.check(running, next) : coordinator.prepare(running, next);
    } catch (ApplyFailedException e) {
      throw new DatastoreException(DatastoreException.Kind.FAILED, "commit failed: " + e.getMessage());
    }
    if (req.checkOnly()) {
      tx.abort();
      return new CommitResult(0, changes, tx.affectedSubsystems(), tx.warnings(), null, false);
    }
    if (changes.isEmpty() && pending == null && !req.confirmed()) {
      tx.abort();
      return new CommitResult(0, changes, List.of(), List.of(), null, false);
    }

    CommitRecord record = null;
    boolean startupWritten = false;
    try {
      if (!changes.isEmpty() || req.confirmed()) {
        record = new CommitRecord(history.nextId(), clock.instant(), s.user(), s.transport(),
            Objects.requireNonNullElse(req.comment(), ""), DiffFormat.commands(changes), next);
        history.append(record);
      }
      if (!req.confirmed()) {
        AtomicFiles.write(startupFile, ConfigJson.writePretty(next));
        startupWritten = true;
      }
    } catch (IOException e) {
      tx.abort();
      undoPersistence(record, false);
      throw new DatastoreException(DatastoreException.Kind.FAILED,
          "commit failed: cannot store the configuration: " + e.getMessage());
    }
    try {
      tx.commit();
    } catch (ApplyFailedException e) {
      undoPersistence(record, startupWritten);
      throw new DatastoreException(DatastoreException.Kind.FAILED, "commit failed: " + e.getMessage());
    }

    boolean confirmedPending = pending != null && !req.confirmed();
    running = next;
    candidateEditors.clear();
    if (!req.confirmed()) {
      startup = next;
    }
    Instant deadline = null;
    if (req.confirmed()) {
      deadline = startConfirmWindow(s, req, record.id());
    } else if (pending != null) {
      pending.timer().cancel();
      LOG.info("confirmed commit confirmed", "commit", pending.commitId(), "user", s.user());
      pending = null;
    }
    LOG.info("commit complete", "commit", record == null ? 0 : record.id(), "user", s.user(),
        "transport", s.transport(), "changes", changes.size(), "subsystems", String.join(",", tx.affectedSubsystems()),
        "confirm_deadline", deadline == null ? "" : deadline.toString());
    return new CommitResult(record == null ? 0 : record.id(), changes, tx.affectedSubsystems(), tx.warnings(),
        deadline, confirmedPending);
  }

  private void checkMayConfirm(Session s, CommitRequest req) throws DatastoreException {
    if (pending == null || req.confirmAny() || req.checkOnly()) {
      return;
    }
    if (pending.persist() != null) {
      if (!pending.persist().equals(req.persistId())) {
        throw new DatastoreException(DatastoreException.Kind.REFUSED, "a confirmed commit with a persist token is"
            + " pending; confirm or extend it with its persist-id");
      }
    } else if (!pending.owner().equals(s)) {
      throw new DatastoreException(DatastoreException.Kind.REFUSED, "a confirmed commit by "
          + pending.owner().describe() + " is pending; only that session can confirm it");
    }
  }

  private Instant startConfirmWindow(Session s, CommitRequest req, long commitId) {
    ConfigTree rollbackTo = pending != null ? pending.rollbackTo() : startup;
    if (pending != null) {
      pending.timer().cancel();
    }
    Duration timeout = req.confirmTimeout();
    Instant deadline = clock.instant().plus(timeout);
    Scheduler.Cancellable timer = scheduler.schedule(timeout, () -> confirmTimeout(commitId));
    pending = new PendingConfirm(commitId, s, req.persist(), deadline, rollbackTo, timer);
    return deadline;
  }

  private void undoPersistence(CommitRecord record, boolean startupWritten) {
    try {
      if (record != null) {
        history.remove(record.id());
      }
      if (startupWritten) {
        AtomicFiles.write(startupFile, ConfigJson.writePretty(startup));
      }
    } catch (IOException e) {
      LOG.error("cannot undo the stored commit; the next boot may load it", e);
    }
  }

  private synchronized void confirmTimeout(long commitId) {
    if (pending != null && pending.commitId() == commitId) {
      rollbackPending("confirmed commit " + commitId + " was not confirmed in time");
    }
  }

  /** Restores the configuration of before the pending confirmed commit, as a commit of its own. */
  private void rollbackPending(String why) {
    PendingConfirm p = pending;
    pending = null;
    p.timer().cancel();
    ConfigTree target = p.rollbackTo();
    try {
      ApplyCoordinator.Transaction tx = coordinator.prepare(running, target);
      List<ConfigDiff.Change> changes = ConfigDiff.between(running, target);
      CommitRecord record = new CommitRecord(history.nextId(), clock.instant(), system.user(), system.transport(),
          "rollback: " + why, DiffFormat.commands(changes), target);
      try {
        history.append(record);
      } catch (IOException e) {
        tx.abort();
        throw e;
      }
      tx.commit();
      if (!candidate.equals(running)) {
        LOG.warn("uncommitted candidate changes discarded by the rollback");
      }
      running = target;
      candidate = target;
      candidateEditors.clear();
      LOG.warn("configuration rolled back", "reason", why, "commit", record.id());
    } catch (ApplyFailedException | IOException e) {
      LOG.error("ROLLBACK FAILED: the running configuration is the unconfirmed one; the next boot loads"
          + " the previous one", "reason", why, "error", e.getMessage());
    }
  }

  /** Ends the datastore's timers; a pending confirmed commit is left for the next boot to drop. */
  public synchronized void shutdown() {
    if (pending != null) {
      pending.timer().cancel();
      LOG.warn("stopping with a confirmed commit pending; the next boot loads the last confirmed configuration",
          "commit", pending.commitId());
    }
  }
}
