package io.outpost.controlplane.health;

import io.outpost.controlplane.config.ConfigError;
import io.outpost.controlplane.config.ConfigException;
import io.outpost.controlplane.config.ConfigJson;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigValidator;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.yang.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hardware profiles Outpost knows (the files of {@code hw-profiles/}, which the build puts
 * in the daemon's jar beside their YANG module), each read and validated as RFC 7951 JSON of
 * {@code outpost-hw-profile}, plus the checks YANG cannot say (a hwmon source names its
 * channel by input or label, not both; a fan's sensor measures fan speed; a profile's name is
 * its file's). And detection: which profile's match rules the machine's
 * {@link PlatformFacts} satisfy.
 */
public final class HardwareProfiles {
  /** The YANG module of a profile, on the class path under {@code yang/}. */
  public static final String MODULE = "outpost-hw-profile";
  /** Where the profiles are on the class path. */
  static final String DIRECTORY = "hw-profiles";

  private final Map<String, HardwareProfile> byName;

  private HardwareProfiles(Map<String, HardwareProfile> byName) {
    this.byName = byName;
  }

  /** Every profile on the class path; a profile that does not validate fails the whole load. */
  public static HardwareProfiles builtIn() {
    Map<String, HardwareProfile> profiles = new TreeMap<>();
    Schema schema = schema();
    forEachFile((file, text) -> {
      HardwareProfile p = read(schema, file, text);
      profiles.put(p.name(), p);
    });
    return new HardwareProfiles(profiles);
  }

  /** The compiled module profiles are read with. */
  public static Schema schema() {
    return Schema.load(HardwareProfiles.class.getClassLoader(), List.of(MODULE));
  }

  public Optional<HardwareProfile> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<HardwareProfile> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The profile whose match rules the facts satisfy (every rule of it), or empty; a profile
   * without rules is chosen by configuration only.
   *
   * @throws IllegalStateException if two profiles match (a rule too loose), naming both
   */
  public Optional<HardwareProfile> detect(PlatformFacts facts) {
    HardwareProfile found = null;
    for (HardwareProfile p : byName.values()) {
      List<HardwareProfile.Match> rules = p.identity().match();
      if (!rules.isEmpty() && rules.stream().allMatch(m -> facts.get(m.source()) != null
          && Pattern.compile(m.pattern()).matcher(facts.get(m.source())).matches())) {
        if (found != null) {
          throw new IllegalStateException("hardware profiles " + found.name() + " and "
              + p.name() + " both match this machine (" + facts + ")");
        }
        found = p;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Reads one profile file ({@code file} names it in errors).
   *
   * @throws IllegalArgumentException naming the file, the path and the reason of every error
   */
  public static HardwareProfile read(Schema schema, String file, String text) {
    ConfigTree tree;
    try {
      tree = ConfigJson.read(schema, text);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    List<ConfigError> errors = new ArrayList<>(ConfigValidator.validate(tree));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(file + ": " + describe(errors));
    }
    HardwareProfile p = profile(ConfigView.top(tree, "hardware-profile"));
    List<String> problems = check(p);
    String expected = p.name() + ".json";
    if (!file.endsWith("/" + expected) && !file.equals(expected)) {
      problems.add("the profile " + p.name() + " is to be in a file named " + expected);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
    }
    return p;
  }

  private static String describe(List<ConfigError> errors) {
    StringBuilder out = new StringBuilder();
    for (ConfigError e : errors) {
      out.append(out.isEmpty() ? "" : "; ").append(e);
    }
    return out.toString();
  }

  /** What YANG (as far as Outpost's compiler takes it: no must) cannot check. */
  private static List<String> check(HardwareProfile p) {
    List<String> problems = new ArrayList<>();
    for (HardwareProfile.Sensor s : p.sensors()) {
      if (s.source() instanceof HardwareProfile.Hwmon h
          && (h.input() == null) == (h.label() == null)) {
        problems.add("sensor \"" + s.name() + "\": a hwmon source names its channel by input"
            + " or by label, one of the two");
      }
      if (s.source() instanceof HardwareProfile.Disk d && d.reading().equals("wear")
          && s.kind() != HardwareProfile.Kind.WEAR) {
        problems.add("sensor \"" + s.name() + "\": a disk's wear is of kind wear");
      }
    }
    for (HardwareProfile.Fan f : p.fans()) {
      p.sensor(f.sensor()).filter(s -> s.kind() != HardwareProfile.Kind.FAN_SPEED)
          .ifPresent(s -> problems.add("fan " + f.name() + ": its sensor \"" + s.name()
              + "\" measures " + s.kind().name().toLowerCase(Locale.ROOT) + ", not fan speed"));
    }
    return problems;
  }

  private static HardwareProfile profile(ConfigView v) {
    ConfigView id = v.container("identity");
    List<HardwareProfile.Match> match = id.list("match").stream()
        .map(m -> new HardwareProfile.Match(m.string("source"), m.string("pattern"))).toList();
    List<HardwareProfile.Port> ports = v.list("port").stream().map(p -> new HardwareProfile.Port(
        p.string("name"), p.string("device"), p.string("label"), p.number("speed"),
        p.leafList("breakout").stream().map(String.class::cast).toList(), p.flag("optic")))
        .toList();
    List<HardwareProfile.Sensor> sensors = v.list("sensor").stream()
        .map(HardwareProfiles::sensor).toList();
    List<HardwareProfile.Fan> fans = v.list("fan").stream().map(f -> new HardwareProfile.Fan(
        f.string("name"), f.string("sensor"), f.string("tray"))).toList();
    List<HardwareProfile.Psu> psus = v.list("psu").stream().map(p -> new HardwareProfile.Psu(
        p.string("name"), p.string("status-ipmi-sensor"),
        p.leafList("sensor").stream().map(String.class::cast).toList())).toList();
    List<HardwareProfile.Led> leds = v.list("led").stream().map(l -> new HardwareProfile.Led(
        l.string("name"), l.string("path"), l.string("purpose"))).toList();
    ConfigView console = v.container("console");
    return new HardwareProfile(v.string("name"), v.string("description"),
        new HardwareProfile.Identity(id.string("vendor"), id.string("model"),
            id.string("platform"), match),
        ports, sensors, fans, psus, leds,
        console.isPresent() ? new HardwareProfile.Console(console.string("device"),
            console.number("baud")) : null,
        v.container("boot-device").isPresent() ? v.container("boot-device").string("device")
            : null);
  }

  private static HardwareProfile.Sensor sensor(ConfigView s) {
    HardwareProfile.Source source;
    if (s.container("hwmon").isPresent()) {
      ConfigView h = s.container("hwmon");
      source = new HardwareProfile.Hwmon(h.string("chip"), h.string("address"),
          h.string("input"), h.string("label"));
    } else if (s.isSet("thermal-zone")) {
      source = new HardwareProfile.ThermalZone(s.string("thermal-zone"));
    } else if (s.isSet("ipmi-sensor")) {
      source = new HardwareProfile.Ipmi(s.string("ipmi-sensor"));
    } else if (s.container("disk").isPresent()) {
      ConfigView d = s.container("disk");
      source = new HardwareProfile.Disk(d.string("device"), d.string("reading"));
    } else {
      ConfigView o = s.container("optic");
      source = new HardwareProfile.Optic(o.string("port"), o.string("reading"));
    }
    ConfigView t = s.container("thresholds");
    HardwareProfile.Thresholds thresholds = new HardwareProfile.Thresholds(
        (BigDecimal) t.value("critical-high"), (BigDecimal) t.value("warning-high"),
        (BigDecimal) t.value("warning-low"), (BigDecimal) t.value("critical-low"),
        (BigDecimal) t.value("hysteresis"));
    return new HardwareProfile.Sensor(s.string("name"),
        HardwareProfile.Kind.valueOf(s.string("kind").toUpperCase(Locale.ROOT).replace('-', '_')),
        source, thresholds);
  }

  /** What {@link #forEachFile} calls. */
  @FunctionalInterface
  interface FileVisitor {
    void visit(String file, String text);
  }

  /** Visits each {@code hw-profiles/*.json} on the class path (a directory, or in a jar). */
  static void forEachFile(FileVisitor visitor) {
    URI uri;
    try {
      var url = HardwareProfiles.class.getClassLoader().getResource(DIRECTORY);
      if (url == null) {
        throw new IllegalStateException(DIRECTORY + "/ is not on the class path");
      }
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    FileSystem jar = null;
    try {
      if (uri.getScheme().equals("jar")) {
        try {
          jar = FileSystems.getFileSystem(uri);
          jar = null; // open already, and not ours to close
        } catch (FileSystemNotFoundException e) {
          jar = FileSystems.newFileSystem(uri, Map.of());
        }
      }
      Path dir = Path.of(uri);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          visitor.visit(DIRECTORY + "/" + f.getFileName(), Files.readString(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (jar != null) {
        try {
          jar.close();
        } catch (IOException e) {
          // read already
        }
      }
    }
  }
}
