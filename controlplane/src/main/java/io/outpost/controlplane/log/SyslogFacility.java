package io.outpost.controlplane.log;

import java.util.Locale;

/**
 * The syslog facilities of RFC 5424 §6.2.1, with their numeric codes.
 *
 * <p>A closed enum rather than an open value type: the set is fixed by the RFC (codes 0 to 23)
 * and Outpost only ever writes these codes, it never has to carry an unknown one through.
 * Codes 9 and 15 are both "clock daemon" in the RFC; they carry their customary Linux names,
 * {@code cron} and {@code clock}, as do 4 ({@code auth}) and 10 ({@code authpriv}).
 */
public enum SyslogFacility {
  KERN(0),
  USER(1),
  MAIL(2),
  DAEMON(3),
  AUTH(4),
  SYSLOG(5),
  LPR(6),
  NEWS(7),
  UUCP(8),
  CRON(9),
  AUTHPRIV(10),
  FTP(11),
  NTP(12),
  AUDIT(13),
  ALERT(14),
  CLOCK(15),
  LOCAL0(16),
  LOCAL1(17),
  LOCAL2(18),
  LOCAL3(19),
  LOCAL4(20),
  LOCAL5(21),
  LOCAL6(22),
  LOCAL7(23);

  private final int code;
  private final String keyword = name().toLowerCase(Locale.ROOT);

  SyslogFacility(int code) {
    this.code = code;
  }

  /** The facility number that goes into PRI. */
  public int code() {
    return code;
  }

  /** The lower-case name used in configuration: {@code "local3"}. */
  public String keyword() {
    return keyword;
  }
}
