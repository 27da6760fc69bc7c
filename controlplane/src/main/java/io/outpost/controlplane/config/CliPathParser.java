package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.InvalidValueException;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.LeafType;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads configuration paths written as CLI words — {@code interfaces interface eth0 mtu 9000} —
 * against the schema, and says what may come next for tab completion and '?' help.
 *
 * <p>Words name containers, lists and leaves; a list is followed by its key values, a leaf (when
 * setting) by its value. The same walk serves {@code set}, {@code delete}, {@code show} and
 * {@code edit}, which differ only in what they need at the end.
 */
public final class CliPathParser {
  /** What the path is for: it decides whether values and keys are required. */
  public enum Purpose {
    /** Needs a value for a leaf (unless empty-typed) and keys for a list. */
    SET,
    /** A leaf's value and a list's keys are optional: without keys, the whole list goes. */
    DELETE,
    /** Like DELETE, but never a value. */
    SHOW,
    /** Must end at a container or list entry: the new edit level. */
    EDIT
  }

  /** One path and, for SET on a leaf or leaf-list, its value. */
  public record Assignment(DataPath path, Object value) {}

  /**
   * What a command line names: one path, or for SET several sibling leaves set at once, as in
   * {@code set system logging syslog-server 192.0.2.9 port 6514 transport tcp} (a Junos habit).
   */
  public record Result(List<Assignment> assignments) {
    public Result {
      assignments = List.copyOf(assignments);
    }

    /** The (last) path named. */
    public DataPath path() {
      return assignments.getLast().path();
    }

    public Object value() {
      return assignments.getLast().value();
    }

    /** Applies every assignment to {@code tree}: what {@code set} does. */
    public ConfigTree applyTo(ConfigTree tree) throws ConfigEditException {
      for (Assignment a : assignments) {
        tree = tree.set(a.path(), a.value());
      }
      return tree;
    }
  }

  /** One possible next word: a keyword, a known value, or a placeholder such as {@code <name>}. */
  public record Suggestion(String word, String help, boolean placeholder) {}

  private CliPathParser() {}

  public static Result parse(ConfigTree tree, DataPath base, List<String> words, Purpose purpose)
      throws CliSyntaxException {
    Walk w = new Walk(tree, base, words, purpose);
    w.run();
    if (w.pendingError != null) {
      throw w.pendingError;
    }
    List<Assignment> all = new ArrayList<>(w.earlier);
    all.add(new Assignment(w.path, w.value));
    return new Result(all);
  }

  /** What may follow {@code words} (all of which are complete words). */
  public static List<Suggestion> next(ConfigTree tree, DataPath base, List<String> words, Purpose purpose) {
    Walk w = new Walk(tree, base, words, purpose);
    try {
      w.run();
    } catch (CliSyntaxException e) {
      return List.of();
    }
    return w.expected;
  }

  /** The state of one walk over the words. */
  private static final class Walk {
    final ConfigTree tree;
    final List<String> words;
    final Purpose purpose;
    DataPath path;
    Object value;
    int i;
    List<Suggestion> expected = List.of();
    CliSyntaxException pendingError;
    final List<Assignment> earlier = new ArrayList<>();

    Walk(ConfigTree tree, DataPath base, List<String> words, Purpose purpose) {
      this.tree = tree;
      this.path = base;
      this.words = words;
      this.purpose = purpose;
    }

    void run() throws CliSyntaxException {
      InteriorSchema at = path.container(tree.schema().root());
      while (true) {
        if (i >= words.size()) {
          expected = children(at);
          if (purpose == Purpose.SET && path.isRoot()) {
            pendingError = new CliSyntaxException(i, "missing argument: what to set");
          } else if (purpose == Purpose.SET && !settableHere(at)) {
            pendingError = new CliSyntaxException(i, "missing argument: " + at.name() + " needs something inside it");
          }
          return;
        }
        String word = words.get(i);
        SchemaNode child = childNamed(at, word);
        if (child == null) {
          throw new CliSyntaxException(i, "syntax error: \"" + word + "\" is not valid here; expecting one of "
              + String.join(", ", at.dataChildren().keySet()));
        }
        i++;
        switch (child) {
          case ContainerSchema c -> {
            path = path.child(c);
            at = c;
          }
          case ListSchema l -> {
            if (!readKey(l)) {
              return;
            }
            at = l;
          }
          case LeafSchema leaf -> {
            readLeafValue(leaf);
            if (!continueWithSibling(at)) {
              return;
            }
          }
          case LeafListSchema ll -> {
            readLeafListValue(ll);
            if (!continueWithSibling(at)) {
              return;
            }
          }
          default -> throw new IllegalStateException(child.toString());
        }
      }
    }

    /** The child named {@code word}, or the only one whose name starts with it (Junos habit). */
    private SchemaNode childNamed(InteriorSchema at, String word) throws CliSyntaxException {
      SchemaNode exact = at.dataChild(word);
      if (exact != null) {
        return exact;
      }
      List<SchemaNode> matches = at.dataChildren().values().stream()
          .filter(c -> c.name().startsWith(word) && !(at instanceof ListSchema l && l.isKey(c.name()))).toList();
      if (matches.size() > 1) {
        throw new CliSyntaxException(i, "\"" + word + "\" is ambiguous: "
            + String.join(", ", matches.stream().map(SchemaNode::name).toList()));
      }
      return matches.isEmpty() ? null : matches.getFirst();
    }

    /** Only presence containers and list entries can be created by naming them alone. */
    private boolean settableHere(InteriorSchema at) {
      return at instanceof ListSchema || (at instanceof ContainerSchema c && c.isPresence());
    }

    /** Reads a list's key values; returns false when they ran out (legal except for SET). */
    private boolean readKey(ListSchema l) throws CliSyntaxException {
      List<Object> values = new ArrayList<>();
      for (LeafSchema k : l.keys()) {
        if (i >= words.size()) {
          expected = keySuggestions(l, values);
          if (!values.isEmpty() || purpose == Purpose.SET || purpose == Purpose.EDIT) {
            pendingError = new CliSyntaxException(i, "missing argument: " + l.name() + " <" + k.name() + ">");
          }
          path = path.child(l);
          return false;
        }
        values.add(parseValue(k.type(), words.get(i)));
        i++;
      }
      path = path.entry(l, new ListKey(values));
      return true;
    }

    private void readLeafValue(LeafSchema leaf) throws CliSyntaxException {
      path = path.child(leaf);
      if (purpose == Purpose.EDIT) {
        throw new CliSyntaxException(i - 1, leaf.name() + " is a leaf; edit goes to a container or list entry");
      }
      boolean empty = leaf.type().builtin().equals("empty");
      if (empty) {
        value = LeafType.Empty.VALUE;
      } else if (i < words.size() && purpose != Purpose.SHOW) {
        value = parseValue(leaf.type(), words.get(i));
        i++;
      } else if (purpose == Purpose.SET) {
        expected = valueSuggestions(leaf.type(), leaf.name());
        pendingError = new CliSyntaxException(i, "missing argument: " + leaf.name() + " needs a value ("
            + leaf.type().describe() + ")");
      }
    }

    private void readLeafListValue(LeafListSchema ll) throws CliSyntaxException {
      if (purpose == Purpose.EDIT) {
        throw new CliSyntaxException(i - 1, ll.name() + " is a leaf-list; edit goes to a container or list entry");
      }
      if (i < words.size() && purpose != Purpose.SHOW) {
        Object v = parseValue(ll.type(), words.get(i));
        i++;
        path = path.value(ll, v);
        value = v;
      } else {
        path = path.child(ll);
        if (purpose == Purpose.SET) {
          expected = valueSuggestions(ll.type(), ll.name());
          pendingError = new CliSyntaxException(i, "missing argument: " + ll.name() + " needs a value ("
              + ll.type().describe() + ")");
        }
      }
    }

    /**
     * After a leaf's value: with SET, more words set sibling leaves of the same container;
     * otherwise the line must end here.
     */
    private boolean continueWithSibling(InteriorSchema at) throws CliSyntaxException {
      if (pendingError != null) {
        return false;
      }
      if (purpose != Purpose.SET) {
        expected = List.of();
        if (i < words.size()) {
          throw new CliSyntaxException(i, "syntax error: nothing more is expected here");
        }
        return false;
      }
      if (i >= words.size()) {
        expected = children(at);
        return false;
      }
      earlier.add(new Assignment(path, value));
      path = path.parent();
      value = null;
      return true;
    }

    private Object parseValue(LeafType type, String word) throws CliSyntaxException {
      try {
        return type.parse(word);
      } catch (InvalidValueException e) {
        throw new CliSyntaxException(i, e.getMessage());
      }
    }

    private List<Suggestion> children(InteriorSchema at) {
      List<Suggestion> s = new ArrayList<>();
      for (SchemaNode c : at.dataChildren().values()) {
        if (at instanceof ListSchema l && l.isKey(c.name())) {
          continue;
        }
        s.add(new Suggestion(c.name(), c.summary(), false));
      }
      return s;
    }

    private List<Suggestion> keySuggestions(ListSchema l, List<Object> given) {
      List<Suggestion> s = new ArrayList<>();
      LeafSchema k = l.keys().get(given.size());
      s.add(new Suggestion("<" + k.name() + ">", k.type().describe(), true));
      if (given.isEmpty()) {
        tree.get(path.child(l)).ifPresent(node -> {
          for (ListKey key : ((ListNode) node).entries().keySet()) {
            s.add(new Suggestion(key.format(l), "", false));
          }
        });
      }
      for (String c : k.type().completions()) {
        s.add(new Suggestion(c, "", false));
      }
      return s;
    }

    private List<Suggestion> valueSuggestions(LeafType type, String name) {
      List<Suggestion> s = new ArrayList<>();
      s.add(new Suggestion("<" + name + ">", type.describe(), true));
      for (String c : type.completions()) {
        s.add(new Suggestion(c, "", false));
      }
      return s;
    }
  }
}
