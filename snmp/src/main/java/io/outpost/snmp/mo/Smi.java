package io.outpost.snmp.mo;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;

/** Values of the SMI's types from Java's, with the SMI's rules for range and wrap. */
public final class Smi {
  /** {@code zeroDotZero}: the null pointer of RowPointer and AutonomousType. */
  public static final OID ZERO_DOT_ZERO = new OID(new int[] {0, 0});

  public static OctetString text(String s) {
    return new OctetString(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
  }

  public static Integer32 integer(long v) {
    return new Integer32((int) v);
  }

  /** A Counter32 is the low 32 bits of the 64-bit counter: it wraps as the counter does. */
  public static Counter32 counter32(long v) {
    return new Counter32(v & 0xffff_ffffL);
  }

  public static Counter64 counter64(long v) {
    return new Counter64(v);
  }

  /** A Gauge32 sticks at its maximum (RFC 2578 §7.1.7). */
  public static Gauge32 gauge(long v) {
    return new Gauge32(Math.max(0, Math.min(v, 0xffff_ffffL)));
  }

  public static TimeTicks ticks(long hundredths) {
    return new TimeTicks(hundredths & 0xffff_ffffL);
  }

  /** TruthValue: 1 true, 2 false. */
  public static Integer32 truth(boolean v) {
    return new Integer32(v ? 1 : 2);
  }

  /** DateAndTime (SNMPv2-TC), eleven octets with the offset from UTC. */
  public static OctetString dateAndTime(ZonedDateTime t) {
    int offset = t.getOffset().getTotalSeconds() / 60;
    int abs = Math.abs(offset);
    return new OctetString(new byte[] {(byte) (t.getYear() >> 8), (byte) t.getYear(),
        (byte) t.getMonthValue(), (byte) t.getDayOfMonth(), (byte) t.getHour(),
        (byte) t.getMinute(), (byte) t.getSecond(), (byte) (t.getNano() / 100_000_000),
        (byte) (offset < 0 ? '-' : '+'), (byte) (abs / 60), (byte) (abs % 60)});
  }

  private Smi() {}
}
