package io.outpost.controlplane.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The software version, stamped into the jar by the build. */
public final class Version {
  private Version() {}

  public static String get() {
    try (InputStream in = Version.class.getResourceAsStream("/io/outpost/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
