package io.outpost.controlplane.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A configuration that sets every node of every Outpost module at least once, with realistic
 * values: {@code reference-sample.set} next to this class, in the form {@code show configuration
 * | display set} prints.
 *
 * <p>It is the rich sample that the YANG conformance tests write and validate with yanglint, and
 * the source of the example command of every path in {@code docs/configuration.md}.
 * {@link ReferenceSampleTest} fails when a data node or a case of the schema is missing from it,
 * so whoever extends the YANG extends the sample, and with it the documentation.
 */
public final class ReferenceSample {
  private ReferenceSample() {}

  /** The sample's set commands, one per line. */
  public static String text() {
    try (InputStream in = ReferenceSample.class.getResourceAsStream("reference-sample.set")) {
      if (in == null) {
        throw new IllegalStateException("reference-sample.set is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConfigTree tree() {
    try {
      return SetCommands.applyAll(ConfigTree.empty(OutpostModules.schema()), text());
    } catch (ConfigException e) {
      throw new IllegalStateException("reference-sample.set does not apply: " + e.getMessage(), e);
    }
  }
}
