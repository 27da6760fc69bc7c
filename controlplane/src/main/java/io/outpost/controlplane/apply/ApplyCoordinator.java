package io.outpost.controlplane.apply;

import io.outpost.controlplane.config.ConfigDiff;
import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.log.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the two-phase apply of a configuration change across the subsystems: prepare every
 * affected subsystem in order, then commit all or abort all.
 *
 * <p>Subsystems are given in dependency order (interfaces before routing, because routes refer
 * to interfaces); prepare and commit run in that order, abort and revert in reverse. A subsystem
 * is affected when a top-level node it {@linkplain Subsystem#reads() reads} differs between the
 * two configurations; the others are not disturbed at all.
 */
public final class ApplyCoordinator {
  private static final Log LOG = Log.get("apply");

  private final List<Subsystem> subsystems;

  public ApplyCoordinator(List<Subsystem> subsystems) {
    this.subsystems = List.copyOf(subsystems);
  }

  /** Every subsystem's semantic validation of a schema-valid candidate. */
  public List<ConfigError> validate(ConfigTree candidate) {
    List<ConfigError> errors = new ArrayList<>();
    for (Subsystem s : subsystems) {
      s.validate(candidate, errors);
    }
    return errors;
  }

  /** The prepared change of every affected subsystem, awaiting commit or abort. */
  public final class Transaction {
    private final ConfigTree from;
    private final ConfigTree to;
    private final List<Subsystem> affected;
    private final List<Subsystem.Prepared> prepared;

    private Transaction(ConfigTree from, ConfigTree to, List<Subsystem> affected, List<Subsystem.Prepared> prepared) {
      this.from = from;
      this.to = to;
      this.affected = affected;
      this.prepared = prepared;
    }

    public List<String> affectedSubsystems() {
      return affected.stream().map(Subsystem::name).toList();
    }

    public List<String> warnings() {
      return prepared.stream().flatMap(p -> p.warnings().stream()).toList();
    }

    /**
     * Commits every prepared change. If one fails after others have committed, those are
     * reverted by a second transaction back to {@code from}, and the failure is thrown: the
     * appliance ends as it was before.
     */
    public void commit() throws ApplyFailedException {
      for (int i = 0; i < prepared.size(); i++) {
        try {
          prepared.get(i).commit();
        } catch (ApplyException | RuntimeException e) {
          ApplyException reason = e instanceof ApplyException a ? a
              : new ApplyException(null, "internal error: " + e, e);
          LOG.error("commit phase failed; reverting", "subsystem", affected.get(i).name(),
              "reason", reason.describe());
          for (int j = i + 1; j < prepared.size(); j++) {
            prepared.get(j).abort();
          }
          revert(affected.subList(0, i));
          throw new ApplyFailedException(affected.get(i).name(), reason);
        }
      }
    }

    public void abort() {
      for (int i = prepared.size() - 1; i >= 0; i--) {
        prepared.get(i).abort();
      }
    }

    private void revert(List<Subsystem> committed) {
      for (int i = committed.size() - 1; i >= 0; i--) {
        Subsystem s = committed.get(i);
        try {
          Subsystem.Prepared back = s.prepare(to, from);
          back.commit();
        } catch (ApplyException | RuntimeException e) {
          LOG.error("revert failed: the subsystem may not match the running configuration",
              "subsystem", s.name(), "reason", e.getMessage());
        }
      }
    }
  }

  /**
   * Prepares the change from {@code from} to {@code to}. On the first refusal every subsystem
   * already prepared is aborted and the refusal is thrown.
   */
  public Transaction prepare(ConfigTree from, ConfigTree to) throws ApplyFailedException {
    return prepare(from, to, false);
  }

  /**
   * Prepares the change only to see whether it would be accepted ({@code commit check}): each
   * subsystem's {@link Subsystem#check}; the caller aborts the transaction.
   */
  public Transaction check(ConfigTree from, ConfigTree to) throws ApplyFailedException {
    return prepare(from, to, true);
  }

  private Transaction prepare(ConfigTree from, ConfigTree to, boolean checkOnly)
      throws ApplyFailedException {
    List<Subsystem> affected = new ArrayList<>();
    List<Subsystem.Prepared> prepared = new ArrayList<>();
    for (Subsystem s : subsystems) {
      if (s.reads().stream().noneMatch(top -> ConfigDiff.changedUnder(from, to, top))) {
        continue;
      }
      try {
        prepared.add(checkOnly ? s.check(from, to) : s.prepare(from, to));
        affected.add(s);
      } catch (ApplyException | RuntimeException e) {
        for (int i = prepared.size() - 1; i >= 0; i--) {
          prepared.get(i).abort();
        }
        ApplyException reason = e instanceof ApplyException a ? a
            : new ApplyException(null, "internal error: " + e, e);
        throw new ApplyFailedException(s.name(), reason);
      }
    }
    return new Transaction(from, to, affected, prepared);
  }
}
