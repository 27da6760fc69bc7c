package io.outpost.controlplane.config;

/** An edit that the schema does not allow at that path; the tree is unchanged. */
public final class ConfigEditException extends Exception {
  private final DataPath path;

  public ConfigEditException(DataPath path, String reason) {
    super(reason);
    this.path = path;
  }

  public DataPath path() {
    return path;
  }
}
