package io.outpost.controlplane.yang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compiled configuration schema: every module and the tree of their nodes. Immutable once
 * compiled and shared by every reader (datastore, CLI, JSON codec, validation).
 */
public final class Schema {
  private final List<YangModule> modules;
  private final RootSchema root;

  Schema(List<YangModule> modules, RootSchema root) {
    this.modules = List.copyOf(modules);
    this.root = root;
  }

  /** Loads and compiles the named modules from {@code yang/<name>.yang} on the class path. */
  public static Schema load(ClassLoader loader, List<String> moduleNames) {
    List<SchemaCompiler.Source> sources = new ArrayList<>();
    for (String name : moduleNames) {
      String resource = "yang/" + name + ".yang";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("YANG module " + resource + " is not on the class path");
        }
        sources.add(new SchemaCompiler.Source(name + ".yang",
            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return SchemaCompiler.compile(sources);
  }

  public RootSchema root() {
    return root;
  }

  public List<YangModule> modules() {
    return modules;
  }

  public Optional<YangModule> module(String name) {
    return modules.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
