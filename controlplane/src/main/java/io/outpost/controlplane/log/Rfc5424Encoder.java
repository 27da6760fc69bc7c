package io.outpost.controlplane.log;

import io.outpost.controlplane.json.UnicodeEscapes;

import java.nio.charset.StandardCharsets;

/**
 * Encodes log events as RFC 5424 syslog messages:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}.
 *
 * <p>What goes where:
 * <ul>
 *   <li>PRI = facility × 8 + severity (§6.2.1), severities debug 7, info 6, warn 4, error 3.</li>
 *   <li>TIMESTAMP is RFC 3339 in UTC with milliseconds ({@link Rfc3339Millis}).</li>
 *   <li>HOSTNAME is the appliance host-name, APP-NAME {@value #APP_NAME}, PROCID the JVM's pid,
 *       MSGID the event's component.</li>
 *   <li>STRUCTURED-DATA is always the NILVALUE "-": the key-values go into MSG as logfmt, which
 *       every receiver can store and display, where SD-ELEMENTs need registered or
 *       enterprise-numbered SD-IDs and are dropped by many collectors.</li>
 *   <li>MSG is the message, then the key-values in logfmt ({@link LogfmtLineFormatter}), in UTF-8
 *       without a BOM (so it is MSG-ANY in the RFC's terms). Control characters in the message
 *       are escaped as in logfmt so that one event stays one line in the receiver's files.</li>
 * </ul>
 *
 * <p>Header field limits of §6 (PRINTUSASCII, characters 33 to 126): HOSTNAME 255, APP-NAME 48,
 * PROCID 128, MSGID 32 characters. Any other character is replaced by '_', longer values are
 * cut, and an empty value becomes the NILVALUE "-".
 *
 * <p>An instance holds the header parts that do not change per event; a new host-name means a
 * new encoder. Instances are immutable and shared between threads.
 */
final class Rfc5424Encoder {

  static final String APP_NAME = "outpostd";
  static final int MAX_HOSTNAME = 255;
  static final int MAX_APP_NAME = 48;
  static final int MAX_PROCID = 128;
  static final int MAX_MSGID = 32;

  private static final String NILVALUE = "-";
  private static final String PROCID = String.valueOf(ProcessHandle.current().pid());

  /** "HOSTNAME APP-NAME PROCID ", the part of the header between TIMESTAMP and MSGID. */
  private final String hostAppProc;

  Rfc5424Encoder(String hostname) {
    this(hostname, PROCID);
  }

  Rfc5424Encoder(String hostname, String procId) {
    this.hostAppProc = headerField(hostname, MAX_HOSTNAME) + ' '
        + headerField(APP_NAME, MAX_APP_NAME) + ' '
        + headerField(procId, MAX_PROCID) + ' ';
  }

  /** The RFC 5424 severity of a level (§6.2.1, table 2). */
  static int severity(LogLevel level) {
    return switch (level) {
      case DEBUG -> 7;
      case INFO -> 6;
      case WARN -> 4;
      case ERROR -> 3;
    };
  }

  static int priority(SyslogFacility facility, LogLevel level) {
    return facility.code() * 8 + severity(level);
  }

  /**
   * The message without its PRI part, from VERSION to the end of MSG, as UTF-8. The senders put
   * "&lt;PRI&gt;" in front of it, because PRI is the only part that differs between targets.
   */
  byte[] encodeAfterPri(LogEvent event) {
    StringBuilder out = new StringBuilder(160);
    out.append("1 ").append(Rfc3339Millis.format(event.time())).append(' ')
        .append(hostAppProc)
        .append(headerField(event.component(), MAX_MSGID)).append(' ')
        .append(NILVALUE);
    int msgStart = out.length();
    out.append(' ');
    appendMessage(out, event.message());
    LogfmtLineFormatter.appendFieldsAndError(event, out);
    if (out.length() == msgStart + 1) {
      // Nothing to say: the ABNF's "[SP MSG]" is left out entirely.
      out.setLength(msgStart);
    } else if (event.message().isEmpty()) {
      out.deleteCharAt(msgStart + 1);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * "&lt;PRI&gt;" followed by {@code afterPri}, cut to at most {@code maxOctets} bytes. The cut never
   * splits a UTF-8 sequence, so a receiver never sees a broken character at the end.
   */
  static byte[] withPri(int priority, byte[] afterPri, int maxOctets) {
    byte[] pri = ("<" + priority + ">").getBytes(StandardCharsets.US_ASCII);
    int bodyLength = utf8PrefixLength(afterPri, Math.max(0, maxOctets - pri.length));
    byte[] message = new byte[pri.length + bodyLength];
    System.arraycopy(pri, 0, message, 0, pri.length);
    System.arraycopy(afterPri, 0, message, pri.length, bodyLength);
    return message;
  }

  /** The longest prefix of the UTF-8 {@code bytes} that is at most {@code max} bytes and ends on a character boundary. */
  static int utf8PrefixLength(byte[] bytes, int max) {
    if (bytes.length <= max) {
      return bytes.length;
    }
    int end = max;
    // Bytes 10xxxxxx continue a sequence; cutting before one would split a character.
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return end;
  }

  /** {@code value} reduced to at most {@code max} printable US-ASCII characters, or "-" if nothing is left. */
  static String headerField(String value, int max) {
    if (value == null || value.isEmpty()) {
      return NILVALUE;
    }
    int length = Math.min(value.length(), max);
    StringBuilder field = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      field.append(c >= 33 && c <= 126 ? c : '_');
    }
    return field.toString();
  }

  private static void appendMessage(StringBuilder out, String message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
              || UnicodeEscapes.isUnpairedSurrogate(message, i)) {
            UnicodeEscapes.append(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
