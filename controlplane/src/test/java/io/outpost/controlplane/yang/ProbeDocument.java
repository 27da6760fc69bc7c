package io.outpost.controlplane.yang;

import io.outpost.controlplane.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The smallest complete configuration that holds one leaf with a value under test: the leaf's
 * ancestors (list entries with valid keys), what the schema requires beside it (mandatory leaves,
 * one case of each mandatory choice) and, for a leafref, a target holding the same value. It is
 * written as RFC 7951 JSON or as NETCONF-style XML with the value spliced in exactly as given,
 * valid or not, so that yanglint and our reader judge the same document and only the value can
 * make them differ.
 */
final class ProbeDocument {
  /** A leaf value in both forms: JSON text, and the text of an XML element (null where absent). */
  record Value(String json, String text) {
    static Value of(LeafType type, Object canonical) {
      return new Value(JsonWriter.compact(type.toJson(canonical)), type.format(canonical));
    }
  }

  /** The root, a container or a list entry, with its members in document order. */
  private static final class Inner {
    final InteriorSchema schema;
    // Inner for a container, List<Inner> for a list, Value for a leaf
    final Map<SchemaNode, Object> members = new LinkedHashMap<>();

    Inner(InteriorSchema schema) {
      this.schema = schema;
    }
  }

  private final Inner root;

  private ProbeDocument(Inner root) {
    this.root = root;
  }

  /** The document holding {@code leaf} = {@code value}, completed as the schema requires. */
  static ProbeDocument of(LeafSchema leaf, Value value) {
    Inner root = new Inner(rootOf(leaf));
    put(root, leaf, value);
    if (leaf.type() instanceof LeafrefType ref) {
      put(root, ref.target(), value);
    }
    complete(root, root);
    return new ProbeDocument(root);
  }

  private static RootSchema rootOf(SchemaNode node) {
    SchemaNode n = node;
    while (!(n instanceof RootSchema)) {
      n = n.parent();
    }
    return (RootSchema) n;
  }

  /** The values of a leaf-list the schema requires some of (min-elements). */
  private record Many(List<Value> values) {}

  /** Creates the path to {@code leaf}, list entries with example keys, and sets the leaf. */
  @SuppressWarnings("unchecked")
  private static void put(Inner root, LeafSchema leaf, Value value) {
    List<SchemaNode> chain = new ArrayList<>();
    for (SchemaNode n = leaf; !(n instanceof RootSchema); n = n.dataParent()) {
      chain.addFirst(n);
    }
    Inner at = root;
    for (SchemaNode step : chain.subList(0, chain.size() - 1)) {
      switch (step) {
        case ContainerSchema c -> at = (Inner) at.members.computeIfAbsent(c, k -> new Inner(c));
        case ListSchema l -> {
          List<Inner> entries = (List<Inner>) at.members.computeIfAbsent(l, k -> new ArrayList<Inner>());
          // A key value (the target of a leafref) names its own entry; anything else goes into
          // the first entry.
          boolean key = l.keys().contains(leaf);
          Inner found = key ? entries.stream().filter(e -> value.equals(e.members.get(leaf)))
              .findFirst().orElse(null) : entries.isEmpty() ? null : entries.getFirst();
          if (found == null) {
            found = new Inner(l);
            for (LeafSchema k : l.keys()) {
              found.members.put(k, k == leaf ? value : example(k));
            }
            entries.add(found);
          }
          at = found;
        }
        default -> throw new IllegalStateException("not a data ancestor: " + step);
      }
    }
    at.members.putIfAbsent(leaf, value);
  }

  /** Adds what the schema requires in every node: mandatory leaves, a case of mandatory choices. */
  @SuppressWarnings("unchecked")
  private static void complete(Inner root, Inner node) {
    require(root, node, node.schema);
    for (Object member : List.copyOf(node.members.values())) {
      if (member instanceof Inner inner) {
        complete(root, inner);
      } else if (member instanceof List<?> entries) {
        ((List<Inner>) entries).forEach(e -> complete(root, e));
      }
    }
  }

  private static void require(Inner root, Inner node, InteriorSchema schema) {
    for (SchemaNode child : schema.children().values()) {
      switch (child) {
        case LeafSchema leaf when leaf.isMandatory() && !node.members.containsKey(leaf)
            && leaf.type() instanceof LeafrefType ref -> {
          // A mandatory reference points at the target's example value, which put() creates
          // (or finds: the example key of an entry already made on the way to the probed leaf).
          Value target = example(ref.target());
          node.members.put(leaf, target);
          put(root, ref.target(), target);
        }
        case LeafSchema leaf when leaf.isMandatory() && !node.members.containsKey(leaf) ->
            node.members.put(leaf, example(leaf));
        case ChoiceSchema choice when choice.isMandatory() -> {
          CaseSchema active = activeCase(node, choice);
          if (active == null) {
            LeafSchema filler = fillerFor(choice);
            node.members.put(filler, example(filler));
          } else {
            require(root, node, active);
          }
        }
        case LeafListSchema list when list.minElements() > 0 && !node.members.containsKey(list)
            -> {
          List<Value> values = new ArrayList<>();
          for (int i = 0; values.size() < list.minElements(); i++) {
            Value v = exampleOf(list.type(), new Random(i));
            if (!values.contains(v)) {
              values.add(v);
            }
          }
          node.members.put(list, new Many(values));
        }
        case ContainerSchema c when !c.isPresence() && !node.members.containsKey(c) -> {
          Inner implied = new Inner(c);
          require(root, implied, c);
          if (!implied.members.isEmpty()) {
            node.members.put(c, implied);
          }
        }
        default -> {
          // nothing required
        }
      }
    }
  }

  private static CaseSchema activeCase(Inner node, ChoiceSchema choice) {
    for (SchemaNode c : choice.children().values()) {
      CaseSchema cs = (CaseSchema) c;
      if (cs.dataChildren().values().stream().anyMatch(node.members::containsKey)) {
        return cs;
      }
    }
    return null;
  }

  /** A leaf of some case of {@code choice} that can take an example value on its own. */
  private static LeafSchema fillerFor(ChoiceSchema choice) {
    for (SchemaNode c : choice.children().values()) {
      for (SchemaNode n : ((CaseSchema) c).children().values()) {
        if (n instanceof LeafSchema leaf && !(leaf.type() instanceof LeafrefType)) {
          return leaf;
        }
      }
    }
    throw new IllegalStateException("cannot fill mandatory choice " + choice + ": no case has a plain leaf;"
        + " teach ProbeDocument to fill it");
  }

  private static Value exampleOf(LeafType type, Random r) {
    try {
      return Value.of(type, type.parse(RandomValues.text(type, r)));
    } catch (InvalidValueException e) {
      throw new IllegalStateException("RandomValues made an invalid " + type.name() + ": "
          + e.getMessage());
    }
  }

  /** A fixed valid value for {@code leaf}, the same in every document. */
  private static Value example(LeafSchema leaf) {
    try {
      return Value.of(leaf.type(), leaf.type().parse(RandomValues.text(leaf.type(), new Random(1))));
    } catch (InvalidValueException e) {
      throw new IllegalStateException("RandomValues made an invalid " + leaf.type().name() + ": " + e.getMessage());
    }
  }

  /** RFC 7951 JSON: members qualified by module at the top and wherever the module changes. */
  String json() {
    StringBuilder out = new StringBuilder();
    json(root, "", out);
    return out.append('\n').toString();
  }

  private static void json(Inner node, String module, StringBuilder out) {
    out.append('{');
    String separator = "";
    for (Map.Entry<SchemaNode, Object> m : node.members.entrySet()) {
      SchemaNode s = m.getKey();
      String own = s.module().name();
      out.append(separator).append(JsonWriter.quote(own.equals(module) ? s.name() : own + ":" + s.name())).append(':');
      separator = ",";
      switch (m.getValue()) {
        case Inner inner -> json(inner, own, out);
        case List<?> entries -> {
          out.append('[');
          for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "" : ",");
            json((Inner) entries.get(i), own, out);
          }
          out.append(']');
        }
        case Value v -> out.append(v.json());
        case Many many -> {
          out.append('[');
          for (int i = 0; i < many.values().size(); i++) {
            out.append(i == 0 ? "" : ",").append(many.values().get(i).json());
          }
          out.append(']');
        }
        default -> throw new IllegalStateException();
      }
    }
    out.append('}');
  }

  /** XML as NETCONF carries it: one element per node, a namespace where the module changes. */
  String xml() {
    StringBuilder out = new StringBuilder();
    xml(root, "", out);
    return out.toString();
  }

  private static void xml(Inner node, String module, StringBuilder out) {
    for (Map.Entry<SchemaNode, Object> m : node.members.entrySet()) {
      SchemaNode s = m.getKey();
      String own = s.module().name();
      String open = "<" + s.name() + (own.equals(module) ? "" : " xmlns=\"" + s.module().namespace() + "\"") + ">";
      String close = "</" + s.name() + ">\n";
      switch (m.getValue()) {
        case Inner inner -> {
          out.append(open).append('\n');
          xml(inner, own, out);
          out.append(close);
        }
        case List<?> entries -> {
          for (Object e : entries) {
            out.append(open).append('\n');
            xml((Inner) e, own, out);
            out.append(close);
          }
        }
        case Value v -> out.append(open).append(xmlText(v.text())).append(close);
        case Many many -> many.values().forEach(v -> out.append(open).append(xmlText(v.text()))
            .append(close));
        default -> throw new IllegalStateException();
      }
    }
  }

  /** Whether XML 1.0 can carry {@code text} at all (its Char production, section 2.2). */
  static boolean xmlCanCarry(String text) {
    if (!ValueCandidates.encodable(text)) {
      return false;
    }
    return text.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000);
  }

  private static String xmlText(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        // A raw carriage return would become a line feed (XML 1.0 section 2.11).
        case '\r' -> out.append("&#13;");
        default -> out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
