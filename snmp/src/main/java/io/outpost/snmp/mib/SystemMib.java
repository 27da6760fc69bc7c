package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Snapshot;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.SystemSource;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.snmp4j.smi.OID;

/**
 * SNMPv2-MIB's system group (RFC 3418): what the appliance is, how long the agent has run,
 * and who to call. Contact and location come from the configuration and change with a commit.
 */
public final class SystemMib {
  public static final OID SYSTEM = new OID("1.3.6.1.2.1.1");
  /**
   * sysObjectID. Outpost has no IANA enterprise number yet: its objects live under 32473, the
   * number RFC 5612 sets aside for documentation, until it has one.
   */
  public static final OID OUTPOST_APPLIANCE = new OID("1.3.6.1.4.1.32473.1.1.1");
  /** Layers 2, 3, 4 and 7 (RFC 3418 sysServices): a router that also serves applications. */
  private static final int SERVICES = 2 + 4 + 8 + 64;

  private SystemMib() {}

  /**
   * @param uptime the agent's sysUpTime in hundredths of a second
   * @param texts contact and location as configured now
   */
  public static Subtree subtree(SystemSource source, LongSupplier uptime,
      Supplier<String[]> texts) {
    return new Subtree(SYSTEM, b -> {
      String[] contactLocation = texts.get();
      scalar(b, 1, Smi.text(source.description()));
      b.scalar(new OID(SYSTEM).append(2), OUTPOST_APPLIANCE);
      b.scalar(new OID(SYSTEM).append(3), Smi.ticks(uptime.getAsLong()));
      scalar(b, 4, Smi.text(contactLocation[0]));
      scalar(b, 5, Smi.text(source.name()));
      scalar(b, 6, Smi.text(contactLocation[1]));
      scalar(b, 7, Smi.integer(SERVICES));
      scalar(b, 8, Smi.ticks(0)); // sysORLastChange: the sysORTable is empty and never changes
    }, 0);
  }

  private static void scalar(Snapshot.Builder b, int sub, org.snmp4j.smi.Variable v) {
    b.scalar(new OID(SYSTEM).append(sub), v);
  }
}
