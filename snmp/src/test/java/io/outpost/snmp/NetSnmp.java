package io.outpost.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs net-snmp's command-line tools (Debian's {@code snmp} package) against an agent on
 * loopback, with one try and a one-second timeout unless told otherwise, and a hard deadline.
 */
final class NetSnmp {
  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private NetSnmp() {}

  /** {@code tool} with {@code args}; the agent's address is the caller's to give. */
  static Result run(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.add("-M");
    command.add("/usr/share/snmp/mibs"); // no MIB files needed: numeric OIDs throughout
    command.add("-On");
    command.addAll(List.of(args));
    Path out = Files.createTempFile("netsnmp-", ".out");
    Path err = Files.createTempFile("netsnmp-", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
              new java.io.File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException(String.join(" ", command) + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The SNMPv3 options for {@code user} with SHA-256 and AES-128 (authPriv). */
  static String[] v3(String user, String authPass, String privPass) {
    return new String[] {"-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", authPass,
        "-x", "AES", "-X", privPass, "-t", "2", "-r", "0"};
  }

  static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
