package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.CliPathParser;
import io.outpost.controlplane.config.CliSyntaxException;
import io.outpost.controlplane.config.CliText;
import io.outpost.controlplane.config.ConfigEditException;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.config.SetCommands;
import io.outpost.controlplane.config.SetFormat;
import io.outpost.controlplane.datastore.Datastore;
import io.outpost.controlplane.datastore.DatastoreException;
import io.outpost.controlplane.datastore.LockTarget;
import io.outpost.controlplane.datastore.Session;
import io.outpost.controlplane.mgmt.MgmtResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One CLI session: its mode (operational or configuration), its edit level, and its datastore
 * session. It turns command lines into responses; the terminal (line editing, paging) is the
 * client's, so the same engine serves the local {@code outpost} client and, later, SSH.
 */
public final class CliSession {
  private static final List<Command> OPERATIONAL = OperationalCommands.tree();
  private static final List<Command> CONFIGURATION = ConfigurationCommands.tree();

  private final CliServices services;
  private final Session session;
  private boolean configuring;
  private boolean exclusive;
  private DataPath editPath = DataPath.ROOT;
  private boolean ended;

  public CliSession(CliServices services, Session session) {
    this.services = services;
    this.session = session;
  }

  CliServices services() {
    return services;
  }

  Session session() {
    return session;
  }

  DataPath editPath() {
    return editPath;
  }

  void setEditPath(DataPath p) {
    editPath = p;
  }

  public String prompt() {
    return session.user() + "@" + services.identity().hostName() + (configuring ? "# " : "> ");
  }

  /** The line above the prompt in configuration mode: {@code [edit interfaces interface eth0]}. */
  public String context() {
    if (!configuring) {
      return "";
    }
    return editPath.isRoot() ? "[edit]" : "[edit " + editPath.toCli() + "]";
  }

  private List<Command> commands() {
    return configuring ? CONFIGURATION : OPERATIONAL;
  }

  // ------------------------------------------------------------------------------ execution

  /** Runs one command line. Never throws: every failure is an error response. */
  public MgmtResponse execute(String line) {
    List<CliText.Word> words;
    try {
      words = CliText.split(line);
    } catch (IllegalArgumentException e) {
      return response("", "syntax error: " + e.getMessage(), -1);
    }
    if (words.isEmpty()) {
      return response("", "", -1);
    }
    try {
      List<List<CliText.Word>> segments = splitPipes(words);
      List<CliText.Word> command = segments.getFirst();
      List<String> texts = command.stream().map(CliText.Word::text).toList();
      CommandWalker.Match m = CommandWalker.walk(commands(), texts);
      if (m.command().handler() == null) {
        throw new CliError("incomplete command; expecting one of " + CommandWalker.names(m.command().children()),
            command.size());
      }
      List<CliText.Word> rest = command.subList(m.consumed(), command.size());
      Map<String, String> options = m.command().tail() instanceof Command.Options o
          ? CommandWalker.options(o, rest.stream().map(CliText.Word::text).toList(), m.consumed()) : Map.of();
      Shown shown = m.command().handler().run(this, new Args(rest, m.consumed(), options));
      List<Args> pipes = new ArrayList<>();
      int offset = command.size() + 1;
      for (List<CliText.Word> seg : segments.subList(1, segments.size())) {
        pipes.add(new Args(seg, offset, Map.of()));
        offset += seg.size() + 1;
      }
      return response(Pipes.apply(this, shown, pipes), "", -1);
    } catch (CliError e) {
      int column = e.word() >= 0 && e.word() < words.size() ? words.get(e.word()).start()
          : e.word() >= words.size() ? line.length() : -1;
      return response("", e.getMessage(), column);
    }
  }

  private static List<List<CliText.Word>> splitPipes(List<CliText.Word> words) throws CliError {
    List<List<CliText.Word>> segments = new ArrayList<>();
    List<CliText.Word> current = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      CliText.Word w = words.get(i);
      if (w.text().equals("|") && !w.quoted()) {
        if (current.isEmpty()) {
          throw new CliError("syntax error: nothing before '|'", i);
        }
        segments.add(current);
        current = new ArrayList<>();
      } else {
        current.add(w);
      }
    }
    if (current.isEmpty()) {
      throw new CliError("syntax error: nothing after '|'", words.size());
    }
    segments.add(current);
    return segments;
  }

  private MgmtResponse response(String output, String error, int column) {
    return new MgmtResponse(output, error, column, prompt(), context(), ended);
  }

  // ------------------------------------------------------------------------ completion/help

  /** Candidates for the word being typed at the end of {@code line}, for Tab. */
  public List<CommandWalker.Suggestion> complete(String line) {
    Partial p = partial(line);
    if (p == null) {
      return List.of();
    }
    return p.suggestions.stream().filter(s -> !s.placeholder() && s.word().startsWith(p.prefix)).toList();
  }

  /** The '?' help for {@code line}: every possibility with its help text. */
  public String help(String line) {
    Partial p = partial(line);
    if (p == null) {
      return "";
    }
    List<CommandWalker.Suggestion> matching = p.suggestions.stream()
        .filter(s -> s.placeholder() || s.word().startsWith(p.prefix)).toList();
    if (matching.isEmpty()) {
      return "No valid completions\n";
    }
    StringBuilder out = new StringBuilder("Possible completions:\n");
    for (CommandWalker.Suggestion s : matching) {
      out.append("  %-22s %s%n".formatted(s.word(), s.help()));
    }
    return out.toString();
  }

  private record Partial(List<CommandWalker.Suggestion> suggestions, String prefix) {}

  private Partial partial(String line) {
    List<CliText.Word> words;
    try {
      words = CliText.split(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
    boolean endsInSpace = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
    String prefix = endsInSpace || words.isEmpty() ? "" : words.getLast().text();
    List<CliText.Word> complete = endsInSpace ? words : words.subList(0, words.size() - 1);
    int lastPipe = -1;
    for (int i = 0; i < complete.size(); i++) {
      if (complete.get(i).text().equals("|") && !complete.get(i).quoted()) {
        lastPipe = i;
      }
    }
    List<String> texts = complete.subList(lastPipe + 1, complete.size()).stream().map(CliText.Word::text).toList();
    List<Command> roots = lastPipe >= 0 ? Pipes.TREE : commands();
    List<CommandWalker.Suggestion> suggestions = new ArrayList<>(CommandWalker.next(roots, texts, this));
    if (lastPipe < 0 && showsSomething(texts) && suggestions.stream().anyMatch(s -> s.word().equals("<[Enter]>"))) {
      suggestions.add(new CommandWalker.Suggestion("|", "Pipe through a command", false));
    }
    return new Partial(suggestions, prefix);
  }

  /** Whether the command is one whose output is worth piping: show, and run show. */
  private boolean showsSomething(List<String> texts) {
    try {
      Command first = texts.isEmpty() ? null : CommandWalker.resolve(commands(), texts.getFirst(), 0, true);
      return first != null && (first.word().equals("show") || first.word().equals("run"));
    } catch (CliError e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------- paths (for commands)

  /** Parses a configuration path in the arguments, relative to the edit level in config mode. */
  CliPathParser.Result parse(Args a, CliPathParser.Purpose purpose, boolean candidate) throws CliError {
    Datastore ds = services.datastore();
    ConfigTree tree = candidate ? ds.candidate() : ds.running();
    DataPath base = candidate ? editPath : DataPath.ROOT;
    try {
      return CliPathParser.parse(tree, base, a.texts(), purpose);
    } catch (CliSyntaxException e) {
      throw new CliError(e.getMessage(), a.lineIndex(e.word()));
    }
  }

  DataPath parsePath(Args a, CliPathParser.Purpose purpose, boolean candidate) throws CliError {
    return parse(a, purpose, candidate).path();
  }

  List<CliPathParser.Suggestion> pathSuggestions(Command.Path p, List<String> words) {
    Datastore ds = services.datastore();
    return CliPathParser.next(p.candidate() ? ds.candidate() : ds.running(), p.candidate() ? editPath : DataPath.ROOT,
        words, p.purpose());
  }

  boolean pathComplete(Command.Path p, List<String> words) {
    Datastore ds = services.datastore();
    try {
      CliPathParser.parse(p.candidate() ? ds.candidate() : ds.running(), p.candidate() ? editPath : DataPath.ROOT,
          words, p.purpose());
      return true;
    } catch (CliSyntaxException e) {
      return false;
    }
  }

  /** Edits the candidate; returns whether anything changed. */
  boolean edit(Datastore.Edit edit) throws CliError {
    try {
      return services.datastore().editCandidate(session, edit);
    } catch (ConfigEditException e) {
      throw new CliError(e.path().isRoot() ? e.getMessage() : e.path().toCli() + ": " + e.getMessage());
    } catch (DatastoreException e) {
      throw new CliError(e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------- mode changes

  Shown enterConfigure(boolean lock) throws CliError {
    if (configuring) {
      throw new CliError("already in configuration mode");
    }
    Datastore ds = services.datastore();
    if (lock) {
      try {
        ds.lock(session, LockTarget.CANDIDATE);
        try {
          ds.lock(session, LockTarget.RUNNING);
        } catch (DatastoreException e) {
          ds.unlock(session, LockTarget.CANDIDATE);
          throw e;
        }
      } catch (DatastoreException e) {
        throw new CliError(e.getMessage());
      }
    }
    configuring = true;
    exclusive = lock;
    editPath = DataPath.ROOT;
    StringBuilder out = new StringBuilder("Entering configuration mode\n");
    List<Session> others = ds.otherEditors(session);
    if (!others.isEmpty()) {
      out.append("Users currently editing the configuration:\n");
      others.forEach(o -> out.append("  ").append(o.describe()).append(" from ").append(o.source()).append('\n'));
    }
    if (ds.candidateChanged()) {
      out.append("The configuration has been changed but not committed\n");
    }
    ds.pendingConfirm().ifPresent(p ->
        out.append("warning: ").append(OperationalCommands.pendingLine(p, services.clock().instant())));
    ds.lockHolder(LockTarget.CANDIDATE).filter(h -> !h.equals(session)).ifPresent(h ->
        out.append("warning: the candidate is locked by ").append(h.describe()).append("; you can look but not change\n"));
    return Shown.text(out.toString());
  }

  Shown leaveConfigure() {
    Datastore ds = services.datastore();
    StringBuilder out = new StringBuilder();
    if (exclusive) {
      try {
        if (ds.candidateChanged()) {
          ds.discardChanges(session);
          out.append("Uncommitted changes discarded on exiting configure exclusive\n");
        }
        ds.unlock(session, LockTarget.RUNNING);
        ds.unlock(session, LockTarget.CANDIDATE);
      } catch (DatastoreException e) {
        out.append("warning: ").append(e.getMessage()).append('\n');
      }
    } else if (ds.candidateChanged()) {
      out.append("warning: the candidate has uncommitted changes; they stay in the shared candidate"
          + " (commit them, or discard them with rollback 0)\n");
    }
    configuring = false;
    exclusive = false;
    editPath = DataPath.ROOT;
    out.append("Exiting configuration mode\n");
    return Shown.text(out.toString());
  }

  Shown leave() {
    ended = true;
    return Shown.NOTHING;
  }

  // -------------------------------------------------------------------------------- load

  /**
   * Loads configuration text the client read from a file: {@code merge} or {@code override}
   * take RFC 7951 JSON, {@code set} takes set/delete commands. All or nothing.
   */
  public MgmtResponse load(String mode, String content) {
    if (!configuring) {
      return response("", "load works in configuration mode (enter it with configure)", -1);
    }
    try {
      switch (mode) {
        case "merge" -> {
          ConfigTree file = ConfigJson.read(services.datastore().schema(), content);
          edit(t -> t.merge(file));
        }
        case "override" -> {
          ConfigTree file = ConfigJson.read(services.datastore().schema(), content);
          edit(t -> file);
        }
        case "set" -> edit(t -> {
          try {
            return SetCommands.applyAll(t, content);
          } catch (ConfigException e) {
            throw new ConfigEditException(DataPath.ROOT, e.getMessage());
          }
        });
        default -> {
          return response("", "load takes merge, override or set", -1);
        }
      }
    } catch (ConfigException e) {
      return response("", "load failed, nothing changed:\n" + e.getMessage(), -1);
    } catch (CliError e) {
      return response("", "load failed, nothing changed:\n" + e.getMessage(), -1);
    }
    return response("load complete\n", "", -1);
  }

  /**
   * The whole candidate, whatever the edit level, as RFC 7951 JSON ({@code json}) or set
   * commands ({@code set}): what the client's {@code save} writes.
   */
  public MgmtResponse save(String format) {
    if (!configuring) {
      return response("", "save works in configuration mode (enter it with configure)", -1);
    }
    ConfigTree candidate = services.datastore().candidate();
    return switch (format) {
      case "json" -> response(ConfigJson.writePretty(candidate), "", -1);
      case "set" -> response(SetFormat.render(candidate), "", -1);
      default -> response("", "save writes json or set, not " + format, -1);
    };
  }

  /** Ends the session: leaves configuration mode (releasing an exclusive lock) and the datastore. */
  public void close() {
    if (configuring) {
      leaveConfigure();
    }
    services.datastore().closeSession(session);
  }
}
