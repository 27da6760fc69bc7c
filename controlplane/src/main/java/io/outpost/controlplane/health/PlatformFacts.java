package io.outpost.controlplane.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the machine says it is, for choosing its hardware profile: the DMI strings the kernel
 * exports ({@code /sys/class/dmi/id/}) and, on a switch installed by ONIE, the platform string
 * of ONIE's {@code machine.conf}. Read under a root directory ({@code /} on an appliance, a
 * directory standing for it in tests). A string the machine does not have is absent.
 */
public record PlatformFacts(Map<String, String> strings) {
  public PlatformFacts {
    strings = Map.copyOf(strings);
  }

  /** Reads the facts under {@code root}. */
  public static PlatformFacts read(Path root) {
    Map<String, String> s = new LinkedHashMap<>();
    Path dmi = root.resolve("sys/class/dmi/id");
    put(s, "dmi-sys-vendor", dmi.resolve("sys_vendor"));
    put(s, "dmi-product-name", dmi.resolve("product_name"));
    put(s, "dmi-board-name", dmi.resolve("board_name"));
    for (String conf : new String[] {"host/machine.conf", "etc/machine.conf"}) {
      String platform = machineConf(root.resolve(conf));
      if (platform != null) {
        s.put("onie-platform", platform);
        break;
      }
    }
    return new PlatformFacts(s);
  }

  /** The string of a source ({@code dmi-sys-vendor}, {@code onie-platform}...), or null. */
  public String get(String source) {
    return strings.get(source);
  }

  private static void put(Map<String, String> s, String source, Path file) {
    try {
      String v = Files.readString(file).strip();
      if (!v.isEmpty()) {
        s.put(source, v);
      }
    } catch (IOException e) {
      // not on this machine (no DMI in a container or on most ARM boards)
    }
  }

  /** The value of {@code onie_platform=} in an ONIE machine.conf, or null. */
  private static String machineConf(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("onie_platform=")) {
          String v = line.substring("onie_platform=".length()).strip();
          return v.isEmpty() ? null : v.replace("\"", "");
        }
      }
    } catch (IOException e) {
      // no ONIE
    }
    return null;
  }

  /** The facts in words, for the error that says no profile matched. */
  @Override
  public String toString() {
    if (strings.isEmpty()) {
      return "no DMI strings and no ONIE platform";
    }
    StringBuilder out = new StringBuilder();
    strings.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(" \"")
        .append(v).append('"'));
    return out.toString();
  }
}
