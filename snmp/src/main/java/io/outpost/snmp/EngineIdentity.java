package io.outpost.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.snmp4j.mp.MPv3;
import org.snmp4j.smi.OctetString;

/**
 * The SNMP engine's identity across restarts (RFC 3414 §2.2): an engine ID made once and kept,
 * and snmpEngineBoots, one more at every start. A manager's localized keys are bound to the
 * engine ID, and its replay protection to the boots: an agent that forgot either would be a
 * new engine to every manager, or would accept replayed messages.
 *
 * <p>The file holds two lines, {@code engine-id HEX} and {@code boots N}; it is written to a
 * temporary file and renamed, so a crash leaves the old one or the new one.
 */
public record EngineIdentity(OctetString engineId, int boots) {
  /** RFC 3414: snmpEngineBoots stops at 2^31-1, after which the engine must be re-keyed. */
  private static final int MAX_BOOTS = Integer.MAX_VALUE;

  /** Reads the identity in {@code file} (making one if there is none) and counts this boot. */
  public static EngineIdentity boot(Path file) throws IOException {
    OctetString id = null;
    int boots = 0;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2 && f[0].equals("engine-id")) {
          id = new OctetString(HexFormat.of().parseHex(f[1]));
        } else if (f.length == 2 && f[0].equals("boots")) {
          boots = Integer.parseInt(f[1]);
        }
      }
      if (id == null || id.length() < 5 || id.length() > 32) {
        throw new IOException(file + ": no valid engine-id line (5 to 32 octets in hex)");
      }
    } else {
      byte[] random = new byte[8];
      new SecureRandom().nextBytes(random);
      id = new OctetString(MPv3.createLocalEngineID(new OctetString(random)));
    }
    boots = boots >= MAX_BOOTS - 1 ? MAX_BOOTS : boots + 1;
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, "engine-id " + HexFormat.of().formatHex(id.getValue()) + "\nboots "
        + boots + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new EngineIdentity(id, boots);
  }
}
