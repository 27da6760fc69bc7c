package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliPathParser;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.datastore.CommitRequest;
import io.outpost.controlplane.datastore.CommitResult;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.datastore.DatastoreException;
import io.outpost.controlplane.datastore.LockTarget;
import io.outpost.controlplane.datastore.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration-mode commands: {@code set}, {@code delete}, {@code show}, {@code edit},
 * {@code up}, {@code top}, {@code commit}, {@code rollback}, {@code status}, {@code run},
 * {@code exit}.
 */
final class ConfigurationCommands {
  /** Junos' default for {@code commit confirmed} without minutes. */
  static final int DEFAULT_CONFIRM_MINUTES = 10;

  private ConfigurationCommands() {}

  static List<Command> tree() {
    List<Command> operationalShow = OperationalCommands.tree().stream().filter(c -> c.word().equals("show")).toList();
    return List.of(
        Command.leaf("set", "Set a value or create a node", ConfigurationCommands::set)
            .withTail(new Command.Path(CliPathParser.Purpose.SET, true)),
        Command.leaf("delete", "Delete a value or a subtree", ConfigurationCommands::delete)
            .withTail(new Command.Path(CliPathParser.Purpose.DELETE, true)),
        Command.leaf("show", "Show the candidate configuration", ConfigurationCommands::show)
            .withTail(new Command.Path(CliPathParser.Purpose.SHOW, true)),
        Command.leaf("edit", "Move to a level of the configuration", ConfigurationCommands::edit)
            .withTail(new Command.Path(CliPathParser.Purpose.EDIT, true)),
        Command.leaf("up", "Move up one level (or n levels)", ConfigurationCommands::up)
            .withTail(new Command.Arguments("count", "How many levels", s -> List.of())),
        Command.leaf("top", "Move to the top level", (s, a) -> {
          a.atMost(0);
          s.setEditPath(DataPath.ROOT);
          return Shown.NOTHING;
        }),
        Command.leaf("commit", "Commit the candidate configuration", ConfigurationCommands::commit)
            .withTail(new Command.Options(List.of(
                new Command.Option("check", "Validate and prepare only; change nothing", null, false),
                new Command.Option("confirmed", "Roll back automatically unless confirmed in time",
                    "<minutes>", true),
                new Command.Option("comment", "Keep a comment with the commit", "<text>", false),
                new Command.Option("and-quit", "Leave configuration mode after the commit", null, false)))),
        Command.leaf("rollback", "Load a configuration of the commit history into the candidate",
            ConfigurationCommands::rollback)
            .withTail(new Command.Arguments("number", "Rollback number: 0 (active, the default) .. 49", s -> List.of())),
        Command.leaf("status", "Show who else is editing the configuration", ConfigurationCommands::status),
        Command.group("run", "Run an operational command", operationalShow.toArray(Command[]::new)),
        Command.group("load", "Load configuration from a file on your side (read by the outpost client)",
            loadMode("merge", "Merge a JSON (RFC 7951) file into the candidate"),
            loadMode("override", "Replace the candidate with a JSON (RFC 7951) file"),
            loadMode("set", "Apply a file of set/delete commands")),
        Command.leaf("save", "Save the candidate to a file on your side (JSON, or set commands if the file ends"
            + " in .set)", (s, a) -> clientOnly())
            .withTail(new Command.Arguments("file", "File to write", x -> List.of())),
        Command.leaf("exit", "Leave this level, or configuration mode at the top", ConfigurationCommands::exit)
            .withChildren(Command.leaf("configuration-mode", "Leave configuration mode",
                (s, a) -> s.leaveConfigure())),
        Command.leaf("quit", "Leave configuration mode", (s, a) -> s.leaveConfigure()));
  }

  private static Command loadMode(String word, String help) {
    return Command.leaf(word, help, (s, a) -> clientOnly())
        .withTail(new Command.Arguments("file", "File to read", x -> List.of()));
  }

  private static Shown clientOnly() throws CliError {
    throw new CliError("load and save read and write files on your side: run them in the outpost client");
  }

  private static Shown set(CliSession s, Args a) throws CliError {
    CliPathParser.Result r = s.parse(a, CliPathParser.Purpose.SET, true);
    s.edit(r::applyTo);
    return Shown.NOTHING;
  }

  private static Shown delete(CliSession s, Args a) throws CliError {
    CliPathParser.Result r = s.parse(a, CliPathParser.Purpose.DELETE, true);
    if (r.path().isRoot()) {
      throw new CliError("delete needs a path (to start over, delete each top-level node or use load override)");
    }
    boolean changed = s.edit(t -> t.delete(r.path()));
    return changed ? Shown.NOTHING : Shown.text("warning: statement not found\n");
  }

  private static Shown show(CliSession s, Args a) throws CliError {
    Datastore ds = s.services().datastore();
    DataPath path = s.parsePath(a, CliPathParser.Purpose.SHOW, true);
    return new Shown.Config(ds.candidate(), path, ds.running());
  }

  private static Shown edit(CliSession s, Args a) throws CliError {
    if (a.isEmpty()) {
      throw new CliError("edit needs a path, e.g. edit interfaces interface eth0");
    }
    s.setEditPath(s.parsePath(a, CliPathParser.Purpose.EDIT, true));
    return Shown.NOTHING;
  }

  private static Shown up(CliSession s, Args a) throws CliError {
    a.atMost(1);
    int levels = 1;
    if (!a.isEmpty()) {
      try {
        levels = Integer.parseInt(a.get(0));
      } catch (NumberFormatException e) {
        throw a.error("not a number: " + a.get(0), 0);
      }
    }
    DataPath p = s.editPath();
    for (int i = 0; i < levels && !p.isRoot(); i++) {
      p = p.parent();
    }
    s.setEditPath(p);
    return Shown.NOTHING;
  }

  private static Shown exit(CliSession s, Args a) throws CliError {
    if (!s.editPath().isRoot()) {
      s.setEditPath(s.editPath().parent());
      return Shown.NOTHING;
    }
    return s.leaveConfigure();
  }

  private static Shown commit(CliSession s, Args a) throws CliError {
    Map<String, String> o = a.options();
    CommitRequest req = CommitRequest.of(o.getOrDefault("comment", "")).confirmingAny();
    if (o.containsKey("confirmed")) {
      int minutes = DEFAULT_CONFIRM_MINUTES;
      if (!o.get("confirmed").isEmpty()) {
        try {
          minutes = Integer.parseInt(o.get("confirmed"));
        } catch (NumberFormatException e) {
          minutes = -1;
        }
        if (minutes < 1 || minutes > 65535) {
          throw new CliError("confirmed takes minutes from 1 to 65535, not " + o.get("confirmed"));
        }
      }
      // Junos habit: a confirmed commit outlives the session that made it, and any CLI
      // session's commit confirms it; the persist token makes the datastore keep it.
      req = req.confirmedFor(Duration.ofMinutes(minutes)).persisting("cli-session-" + s.session().id());
    }
    if (o.containsKey("check")) {
      req = req.checkingOnly();
    }
    CommitResult r;
    try {
      r = s.services().datastore().commit(s.session(), req);
    } catch (DatastoreException e) {
      throw new CliError(e.getMessage());
    }
    StringBuilder out = new StringBuilder();
    for (String w : r.warnings()) {
      out.append("warning: ").append(w).append('\n');
    }
    if (req.checkOnly()) {
      out.append("configuration check succeeds\n");
      return Shown.text(out.toString());
    }
    if (r.confirmDeadline() != null) {
      out.append("commit confirmed will be automatically rolled back in ")
          .append(req.confirmTimeout().toMinutes()).append(" minutes unless confirmed\n");
    }
    out.append("commit complete");
    if (r.confirmedPending()) {
      out.append(" (the confirmed commit is now permanent)");
    } else if (r.commitId() == 0) {
      out.append(" (no changes)");
    }
    out.append('\n');
    if (o.containsKey("and-quit")) {
      out.append(Pipes.text(s.leaveConfigure()));
    }
    return Shown.text(out.toString());
  }

  private static Shown rollback(CliSession s, Args a) throws CliError {
    a.atMost(1);
    Datastore ds = s.services().datastore();
    int n = a.isEmpty() ? 0 : OperationalCommands.rollbackNumber(a, 0, ds.history().size());
    ConfigTree target;
    try {
      target = ds.rollbackConfig(n);
    } catch (DatastoreException e) {
      throw new CliError(e.getMessage());
    }
    s.edit(t -> target);
    return Shown.text("load complete\n");
  }

  private static Shown status(CliSession s, Args a) throws CliError {
    a.atMost(0);
    Datastore ds = s.services().datastore();
    StringBuilder out = new StringBuilder();
    List<Session> editors = ds.otherEditors(s.session());
    if (editors.isEmpty()) {
      out.append("No other session has changed the candidate.\n");
    } else {
      out.append("Sessions with uncommitted changes in the candidate:\n");
      editors.forEach(e -> out.append("  ").append(e.describe()).append(" from ").append(e.source()).append('\n'));
    }
    for (LockTarget t : LockTarget.values()) {
      ds.lockHolder(t).ifPresent(h -> out.append("The ").append(t.yangName()).append(" datastore is locked by ")
          .append(h.describe()).append('\n'));
    }
    return Shown.text(out.toString());
  }
}
