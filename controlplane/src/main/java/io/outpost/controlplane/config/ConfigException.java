package io.outpost.controlplane.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration refused for one or more {@link ConfigError}s; nothing was changed. */
public final class ConfigException extends Exception {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::describe).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public ConfigException(DataPath path, String message) {
    this(List.of(new ConfigError(path, message)));
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
