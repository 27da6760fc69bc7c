package io.outpost.controlplane.config;

import io.outpost.controlplane.yang.BooleanType;
import io.outpost.controlplane.yang.CaseSchema;
import io.outpost.controlplane.yang.ContainerSchema;
import io.outpost.controlplane.yang.DecimalType;
import io.outpost.controlplane.yang.EmptyType;
import io.outpost.controlplane.yang.EnumerationType;
import io.outpost.controlplane.yang.IntegerType;
import io.outpost.controlplane.yang.InteriorSchema;
import io.outpost.controlplane.yang.LeafListSchema;
import io.outpost.controlplane.yang.LeafSchema;
import io.outpost.controlplane.yang.LeafType;
import io.outpost.controlplane.yang.LeafrefType;
import io.outpost.controlplane.yang.ListSchema;
import io.outpost.controlplane.yang.RootSchema;
import io.outpost.controlplane.yang.Schema;
import io.outpost.controlplane.yang.SchemaNode;
import io.outpost.controlplane.yang.SchemaWalk;
import io.outpost.controlplane.yang.StringType;
import io.outpost.controlplane.yang.UnionType;
import io.outpost.controlplane.yang.YangModule;
import io.outpost.controlplane.yang.YangParser;
import io.outpost.controlplane.yang.YangStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the reference part of {@code docs/configuration.md} from the compiled schema: for every
 * configuration path, in schema order, its CLI form, description, type, default, units,
 * mandatory-ness, choice membership and an example {@code set} command. The examples are the
 * lines of {@link ReferenceSample} that set each path, so they are realistic and, taken together,
 * one valid configuration, which the section ends with.
 *
 * <p>It lives with the tests because the only caller is {@link ConfigurationDocTest}, which
 * fails when the document differs from what this writes: the appliance itself has no use for it
 * (in outpostd it would be dead code). Typedef descriptions, which the compiled schema does not
 * keep, are read from the modules' text.
 */
final class ConfigReference {
  static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE -->";
  static final String END = "<!-- END GENERATED REFERENCE -->";

  /** Enumerations with more values than this show the leaf's name in the path; the type lists them. */
  private static final int MAX_ENUMS_SHOWN = 5;

  private final Schema schema;
  private final ConfigTree sample;
  private final Map<String, String> typedefDescriptions = new HashMap<>();
  private final StringBuilder out = new StringBuilder();

  private ConfigReference(Schema schema, ConfigTree sample) {
    this.schema = schema;
    this.sample = sample;
    for (YangModule m : schema.modules()) {
      for (YangStatement t : YangParser.parse(m.text(), m.name() + ".yang").children("typedef")) {
        typedefDescriptions.put(m.name() + ":" + t.argument(),
            t.childArgument("description").map(d -> d.replaceAll("\\s+", " ").trim()).orElse(""));
      }
    }
  }

  /** The generated section, markers included. */
  static String render(Schema schema, ConfigTree sample) {
    ConfigReference r = new ConfigReference(schema, sample);
    r.write();
    return r.out.toString();
  }

  private void write() {
    out.append(BEGIN).append('\n');
    out.append("<!-- Written by ConfigReference (controlplane tests) from the YANG modules and reference-sample.set;"
        + " ConfigurationDocTest fails when it is out of date. Edit those, not this section. -->\n\n");
    out.append("""
        ## Reference

        Every configuration path, in the order of the YANG modules. In a path, a word in angle brackets \
        after a list's name stands for the key of an entry (`interface <name>`), and the last one for the \
        value, which the type describes. Each example is a line of the complete configuration at the end of \
        this section, which sets every path at least once.

        """);
    for (SchemaNode top : schema.root().dataChildren().values()) {
      out.append("### `").append(top.name()).append("`\n\n");
      paragraph(top.description() + " Defined in the YANG module `" + top.module().name() + "`.");
      for (SchemaNode n : SchemaWalk.dataNodes((InteriorSchema) top)) {
        if (!(n instanceof LeafSchema leaf && n.parent() instanceof ListSchema l && l.isKey(leaf.name()))) {
          entry(n);
        }
      }
    }
    out.append("### The configuration behind the examples\n\n");
    out.append("Every path above, set at least once: the examples are its lines.\n\n");
    out.append("```set\n").append(SetFormat.render(sample)).append("```\n\n");
    out.append(END).append('\n');
  }

  private void entry(SchemaNode n) {
    out.append("#### `").append(cliPath(n)).append("`\n\n");
    paragraph(n.description());
    switch (n) {
      case LeafSchema leaf -> {
        item("Type", typeText(leaf.type()));
        item("Default", leaf.defaultValue() == null ? "none" : code(leaf.type().format(leaf.defaultValue())));
        item("Units", leaf.units() == null ? "none" : leaf.units());
        item("Mandatory", leaf.isMandatory() ? "yes" : "no");
      }
      case LeafListSchema ll -> {
        item("Type", "a set of values, each " + typeText(ll.type()));
        item("Units", ll.units() == null ? "none" : ll.units());
        item("Mandatory", ll.minElements() > 0 ? "at least " + ll.minElements() + " values" : "no");
      }
      case ListSchema l -> {
        item("Type", "list, its entries named by " + l.keys().stream().map(k -> code(k.name()))
            .collect(Collectors.joining(" and ")));
        for (LeafSchema k : l.keys()) {
          item("Key " + code(k.name()), (k.description().isBlank() ? "" : k.description().strip() + " ")
              + "Type: " + typeText(k.type()) + ".");
        }
        item("Order", l.orderedByUser() ? "entries keep the order in which they were created" : "sorted by key");
        item("Mandatory", l.minElements() > 0 ? "at least " + l.minElements() + " entries" : "no");
      }
      case ContainerSchema c -> item("Type", c.isPresence()
          ? "container that means something by existing" : "container: it holds the paths below and has no value");
      default -> throw new IllegalStateException("not a data node: " + n);
    }
    if (!(n instanceof ContainerSchema)) {
      item("Choice", choiceText(n));
    }
    String example = example(n);
    if (example != null) {
      item("Example", code(example));
    }
    out.append('\n');
  }

  private void paragraph(String text) {
    if (!text.isBlank()) {
      out.append(text.strip()).append("\n\n");
    }
  }

  private void item(String name, String text) {
    out.append("- **").append(name).append(":** ").append(text).append('\n');
  }

  /** The path as CLI words, keys and the value as placeholders. */
  private static String cliPath(SchemaNode node) {
    List<String> words = new ArrayList<>();
    for (SchemaNode n = node; !(n instanceof RootSchema); n = n.dataParent()) {
      List<String> own = new ArrayList<>();
      own.add(n.name());
      if (n instanceof ListSchema l) {
        l.keys().forEach(k -> own.add("<" + k.name() + ">"));
      }
      if (n == node) {
        String value = switch (n) {
          case LeafSchema leaf -> placeholder(leaf.name(), leaf.type());
          case LeafListSchema ll -> placeholder(ll.name(), ll.type());
          default -> null;
        };
        if (value != null) {
          own.add(value);
        }
      }
      words.addAll(0, own);
    }
    return String.join(" ", words);
  }

  /** The value's placeholder: the type in short, or the leaf's name where the type would not fit. */
  private static String placeholder(String leafName, LeafType type) {
    return switch (type) {
      case IntegerType i -> "<" + shortName(i.name()) + " " + i.ranges() + ">";
      case DecimalType d -> "<" + shortName(d.name()) + " " + d.ranges() + ">";
      case BooleanType b -> "<true | false>";
      case EnumerationType e -> e.values().size() > MAX_ENUMS_SHOWN ? "<" + leafName + ">"
          : "<" + String.join(" | ", e.completions()) + ">";
      case EmptyType e -> null;
      case LeafrefType r -> placeholder(leafName, r.target().type());
      case StringType s -> "<" + shortName(s.name()) + ">";
      case UnionType u -> "<" + shortName(u.name()) + ">";
    };
  }

  /** What values the type takes, in words, after the typedef's own description where there is one. */
  private String typeText(LeafType type) {
    if (type instanceof LeafrefType r) {
      return "a reference to a configured " + code(cliPath(r.target().dataParent())) + ": its "
          + code(r.target().name()) + ", " + typeText(r.target().type());
    }
    String details = switch (type) {
      case IntegerType i -> (isTypedef(i.name()) ? i.builtin() : code(i.name())) + " in " + i.ranges();
      case DecimalType d -> (isTypedef(d.name()) ? "decimal64" : code(d.name())) + " in " + d.ranges() + ", "
          + d.fractionDigits() + " fraction digits";
      case BooleanType b -> "`true` or `false`";
      case EnumerationType e -> "one of " + e.values().stream().map(v -> code(v.name())
          + (v.description().isBlank() ? "" : " (" + sentence(v.description()) + ")"))
          .collect(Collectors.joining(", "));
      case EmptyType e -> "the word alone, with no value";
      case StringType s -> isTypedef(s.name()) ? (lengthText(s).isEmpty() ? "" : "a string" + lengthText(s))
          : code("string") + lengthText(s);
      case UnionType u -> u.members().stream().map(m -> isTypedef(m.name()) ? code(shortName(m.name())) : typeText(m))
          .collect(Collectors.joining(" or "));
      case LeafrefType r -> throw new IllegalStateException("handled above");
    };
    if (!isTypedef(type.name())) {
      return switch (type) {
        case BooleanType b -> code("boolean") + ": " + details;
        case EmptyType e -> code("empty") + ": " + details;
        default -> details.strip();
      };
    }
    String described = typedefDescriptions.getOrDefault(type.name(), "");
    return code(shortName(type.name())) + (described.isEmpty() ? "" : " (" + sentence(described) + ")")
        + (details.isBlank() ? "" : ": " + details.strip());
  }

  private static String lengthText(StringType s) {
    return s.lengths().equals(StringType.BUILTIN_LENGTH) ? "" : " of " + s.lengths() + " characters";
  }

  private static String choiceText(SchemaNode n) {
    List<CaseSchema> cases = n.enclosingCases();
    if (cases.isEmpty()) {
      return "none";
    }
    CaseSchema c = cases.getLast();
    List<String> options = c.choice().children().values().stream()
        .flatMap(x -> ((CaseSchema) x).dataChildren().keySet().stream()).map(ConfigReference::code).toList();
    return "case " + code(c.name()) + " of the " + (c.choice().isMandatory() ? "mandatory " : "") + "choice "
        + code(c.choice().name()) + ": " + (c.choice().isMandatory() ? "exactly" : "at most") + " one of "
        + String.join(", ", options) + " is set, and setting one removes the others";
  }

  /** The line of the sample that sets {@code n}: for a list, the line that creates its first entry. */
  private String example(SchemaNode n) {
    if (n instanceof ContainerSchema c && !c.isPresence()) {
      return null;
    }
    Found found = find(sample.root(), DataPath.ROOT, n);
    if (found == null) {
      throw new IllegalStateException("reference-sample.set does not set " + n.schemaPath()
          + "; add a line for it");
    }
    return switch (found.node) {
      case LeafNode leaf -> SetFormat.commands(leaf, found.path).getFirst();
      case LeafListNode ll -> "set " + found.path.parent().value(ll.schema(), ll.values().getFirst()).toCli();
      default -> "set " + found.path.toCli();
    };
  }

  private record Found(DataNode node, DataPath path) {}

  private static Found find(DataNode node, DataPath path, SchemaNode wanted) {
    if (node.schema() == wanted && !(node instanceof ListNode)) {
      return new Found(node, path);
    }
    switch (node) {
      case InnerNode inner -> {
        for (DataNode child : inner.orderedChildren()) {
          Found f = find(child, child instanceof ListNode ? path : path.child(child.schema()), wanted);
          if (f != null) {
            return f;
          }
        }
      }
      case ListNode list -> {
        for (InnerNode entry : list.entries().values()) {
          Found f = find(entry, path.entry(list.schema(), entry.key()), wanted);
          if (f != null) {
            return f;
          }
        }
      }
      default -> {
        // a leaf that is not the one wanted
      }
    }
    return null;
  }

  private static boolean isTypedef(String typeName) {
    return typeName.indexOf(':') >= 0;
  }

  private static String shortName(String typeName) {
    return typeName.substring(typeName.indexOf(':') + 1);
  }

  private static String code(String s) {
    return "`" + s + "`";
  }

  /** A description as a clause: without its final full stop. */
  private static String sentence(String description) {
    String d = description.replaceAll("\\s+", " ").strip();
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }
}
