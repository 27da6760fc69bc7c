package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigValidator;
import io.outpost.controlplane.yang.ExpectedDisagreements.Expected;
import io.outpost.controlplane.yang.ExpectedDisagreements.Form;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of value acceptance: for every leaf type of Outpost's modules (and every
 * typedef of outpost-types, through the test-only outpost-types-probe module), each candidate of
 * {@link ValueCandidates} is judged by our code and by libyang, in the text form (our {@link
 * LeafType#parse}, the CLI's and NETCONF's path; yanglint reading XML) and in the JSON form (our
 * {@link ConfigJson#read} and validation; yanglint reading the same JSON document). Where both
 * accept, the values must be equal too, after reading what yanglint printed back through our
 * reader (so canonical forms compare equal).
 *
 * <p>Every disagreement must be listed in {@link ExpectedDisagreements} with its reason; an
 * unlisted one fails the test, and so does a listed one that no longer happens.
 */
@Tag("yanglint")
class YanglintValueTest {
  private static final Path PROBE_YANG = Path.of("src/test/yang").toAbsolutePath();
  private static final Path PROBE_MODULE = PROBE_YANG.resolve("outpost-types-probe.yang");

  /** A verdict: accepted with a canonical value, or refused with a reason. */
  private record Outcome(boolean accepted, Object value, String reason) {
    static Outcome accepted(Object value) {
      return new Outcome(true, value, "");
    }

    static Outcome refused(String reason) {
      return new Outcome(false, null, reason);
    }

    String describe() {
      return accepted ? "accepted (" + value + ")" : "refused (" + reason.replace('\n', ' ') + ")";
    }
  }

  /** One candidate of one type in one form, in its own file; the first of each list is valid. */
  private record Trial(Form form, LeafSchema leaf, String candidate, boolean example, Path file, Outcome ours) {
    String describe() {
      return "[" + form + "] " + leaf.type().name() + " at " + leaf.schemaPath() + ", " + shown(candidate);
    }
  }

  @TempDir
  Path scratch;

  @Test
  void everyTypedefOfOutpostTypesHasAProbeLeaf() {
    Schema schema = schemaWithProbe();
    YangModule types = schema.module("outpost-types").orElseThrow();
    Set<String> probed = SchemaWalk.leaves(schema.root()).stream().map(l -> l.type().name())
        .collect(Collectors.toSet());
    List<String> missing = YangParser.parse(types.text(), "outpost-types.yang").children("typedef").stream()
        .map(t -> "outpost-types:" + t.argument()).filter(n -> !probed.contains(n)).toList();
    assertEquals(List.of(), missing, "add a leaf of each to src/test/yang/outpost-types-probe.yang");
  }

  @Test
  void everyLeafTypeJudgesValuesAsLibyangDoes() throws IOException {
    Schema schema = schemaWithProbe();
    List<Trial> trials = new ArrayList<>();
    for (LeafSchema leaf : oneLeafPerType(schema)) {
      trials.addAll(textTrials(leaf, trials.size()));
      trials.addAll(jsonTrials(schema, leaf, trials.size()));
    }
    List<Path> modules = new ArrayList<>(Yanglint.outpostModuleFiles());
    modules.add(PROBE_MODULE);
    Map<Path, Yanglint.Verdict> verdicts = Yanglint.with(List.of(Yanglint.OUTPOST_YANG, PROBE_YANG), modules, scratch)
        .validate(trials.stream().map(Trial::file).toList(), "-f", "json");

    List<String> broken = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    Set<Expected> met = new HashSet<>();
    for (Trial t : trials) {
      Outcome theirs = theirs(schema, t.leaf, verdicts.get(t.file));
      Expected expected = ExpectedDisagreements.find(t.form, t.leaf.type().name(), t.candidate);
      if (t.example && !(t.ours.accepted && theirs.accepted)) {
        broken.add(t.describe() + ": a valid example, yet ours " + t.ours.describe() + " and yanglint "
            + theirs.describe());
      } else if (t.ours.accepted != theirs.accepted) {
        if (expected == null) {
          unexpected.add(t.describe() + ": ours " + t.ours.describe() + ", yanglint " + theirs.describe());
        } else {
          met.add(expected);
        }
      } else if (t.ours.accepted && !Objects.equals(t.ours.value, theirs.value)) {
        unexpected.add(t.describe() + ": both accepted, but we read " + shown(String.valueOf(t.ours.value))
            + " and yanglint " + shown(String.valueOf(theirs.value)));
      }
    }
    List<String> stale = ExpectedDisagreements.ALL.stream().filter(e -> !met.contains(e))
        .map(e -> "[" + e.form() + "] " + e.type() + " " + shown(e.candidate()) + " (" + e.reason() + ")").toList();
    System.out.printf("%d trials over %d types; %d expected disagreements met%n", trials.size(),
        oneLeafPerType(schema).size(), met.size());
    assertEquals(List.of(), broken, "the probe documents themselves are wrong:\n" + String.join("\n", broken));
    assertEquals(List.of(), unexpected, "unexpected disagreements with libyang:\n" + String.join("\n", unexpected));
    assertEquals(List.of(), stale, "listed in ExpectedDisagreements but no longer disagreeing:\n"
        + String.join("\n", stale));
  }

  private static Schema schemaWithProbe() {
    List<SchemaCompiler.Source> sources = new ArrayList<>();
    try {
      for (Path file : Yanglint.outpostModuleFiles()) {
        sources.add(new SchemaCompiler.Source(file.getFileName().toString(), Files.readString(file)));
      }
      sources.add(new SchemaCompiler.Source(PROBE_MODULE.getFileName().toString(), Files.readString(PROBE_MODULE)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return SchemaCompiler.compile(sources);
  }

  /** The first leaf of each distinct type: candidates depend on the type, not on where it is used. */
  private static List<LeafSchema> oneLeafPerType(Schema schema) {
    Map<LeafType, LeafSchema> first = new LinkedHashMap<>();
    for (LeafSchema leaf : SchemaWalk.leaves(schema.root())) {
      first.putIfAbsent(leaf.type(), leaf);
    }
    return List.copyOf(first.values());
  }

  private List<Trial> textTrials(LeafSchema leaf, int numbered) throws IOException {
    List<Trial> trials = new ArrayList<>();
    List<String> candidates = ValueCandidates.texts(leaf.type());
    for (int i = 0; i < candidates.size(); i++) {
      String c = candidates.get(i);
      if (!ProbeDocument.xmlCanCarry(c)) {
        continue; // the JSON form covers it
      }
      Path file = scratch.resolve("v" + (numbered + trials.size()) + ".xml");
      Files.writeString(file, ProbeDocument.of(leaf, new ProbeDocument.Value(null, c)).xml(), StandardCharsets.UTF_8);
      Outcome ours;
      try {
        ours = Outcome.accepted(leaf.type().parse(c));
      } catch (InvalidValueException e) {
        ours = Outcome.refused(e.getMessage());
      }
      trials.add(new Trial(Form.TEXT, leaf, c, i == 0, file, ours));
    }
    return trials;
  }

  private List<Trial> jsonTrials(Schema schema, LeafSchema leaf, int numbered) throws IOException {
    List<Trial> trials = new ArrayList<>();
    List<String> candidates = ValueCandidates.jsons(leaf.type());
    for (int i = 0; i < candidates.size(); i++) {
      String c = candidates.get(i);
      Path file = scratch.resolve("v" + (numbered + trials.size()) + ".json");
      String document = ProbeDocument.of(leaf, new ProbeDocument.Value(c, null)).json();
      Files.writeString(file, document, StandardCharsets.UTF_8);
      trials.add(new Trial(Form.JSON, leaf, c, i == 0, file, ours(schema, leaf, document)));
    }
    return trials;
  }

  /** Our verdict on a JSON document: it reads, and it validates. */
  private static Outcome ours(Schema schema, LeafSchema leaf, String document) {
    try {
      ConfigTree tree = ConfigJson.read(schema, document);
      List<ConfigError> errors = ConfigValidator.validate(tree);
      return errors.isEmpty() ? Outcome.accepted(valueOf(tree, leaf))
          : Outcome.refused(errors.stream().map(ConfigError::describe).collect(Collectors.joining("; ")));
    } catch (ConfigException e) {
      return Outcome.refused(e.getMessage());
    }
  }

  /** yanglint's verdict, with the value it printed read back through our reader. */
  private static Outcome theirs(Schema schema, LeafSchema leaf, Yanglint.Verdict verdict) {
    if (!verdict.accepted()) {
      return Outcome.refused(verdict.reasons());
    }
    try {
      return Outcome.accepted(valueOf(ConfigJson.read(schema, verdict.output()), leaf));
    } catch (ConfigException e) {
      return Outcome.accepted("<printed what we cannot read: " + e.getMessage() + ">");
    }
  }

  private static Object valueOf(ConfigTree tree, LeafSchema leaf) {
    List<Object> found = LeafValues.in(tree, leaf);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + leaf.schemaPath() + " in the probe document, found " + found);
    }
    return found.getFirst();
  }

  /** A candidate as Java would write it, so that control characters and spaces show; long ones cut. */
  private static String shown(String s) {
    int length = s.codePointCount(0, s.length());
    String head = length > 80 ? s.substring(0, s.offsetByCodePoints(0, 40)) : s;
    StringBuilder out = new StringBuilder("\"");
    head.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x2028 || (c >= 0xd800 && c <= 0xdfff)
          || (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe) {
        out.append(c > 0xffff ? "\\U%06x".formatted(c) : "\\u%04x".formatted(c));
      } else {
        out.appendCodePoint(c);
      }
    });
    if (length > 80) {
      out.append("...(").append(length).append(" characters)");
    }
    return out.append('"').toString();
  }
}
