package io.outpost.controlplane.cli;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.DataPath;

/**
 * What a command shows, before the pipes shape it: plain text, or a piece of configuration that
 * {@code | display set}, {@code | display json} and {@code | compare} know how to render.
 */
sealed interface Shown {
  /** Plain text output (may be empty). */
  record Text(String text) implements Shown {}

  /**
   * Configuration at {@code path} of {@code tree}; {@code compareWith} is what {@code | compare}
   * compares it against by default (running, from configuration mode).
   */
  record Config(ConfigTree tree, DataPath path, ConfigTree compareWith) implements Shown {}

  Shown NOTHING = new Text("");

  static Shown text(String s) {
    return new Text(s);
  }
}
