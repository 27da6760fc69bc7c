package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc5424EncoderTest {

  private static final Instant TIME = Instant.parse("2026-11-25T10:00:00.123Z");

  private static String encode(Rfc5424Encoder encoder, LogEvent event) {
    return new String(encoder.encodeAfterPri(event), StandardCharsets.UTF_8);
  }

  private static LogEvent event(String component, String message, Object... keyValues) {
    return LogEvent.of(TIME, LogLevel.INFO, component, message, null, keyValues);
  }

  @Test
  void priorityIsFacilityTimesEightPlusSeverity() {
    assertEquals(7, Rfc5424Encoder.priority(SyslogFacility.KERN, LogLevel.DEBUG));
    assertEquals(14, Rfc5424Encoder.priority(SyslogFacility.USER, LogLevel.INFO));
    assertEquals(156, Rfc5424Encoder.priority(SyslogFacility.LOCAL3, LogLevel.WARN));
    assertEquals(187, Rfc5424Encoder.priority(SyslogFacility.LOCAL7, LogLevel.ERROR));
    assertEquals(30, Rfc5424Encoder.priority(SyslogFacility.DAEMON, LogLevel.INFO));
  }

  @Test
  void facilityCodesFollowRfc5424() {
    assertEquals(24, SyslogFacility.values().length);
    for (SyslogFacility facility : SyslogFacility.values()) {
      assertEquals(facility.ordinal(), facility.code(), facility.keyword());
    }
    assertEquals(9, SyslogFacility.CRON.code());
    assertEquals(16, SyslogFacility.LOCAL0.code());
  }

  @Test
  void encodesEveryFieldInOrder() {
    byte[] message = Rfc5424Encoder.withPri(Rfc5424Encoder.priority(SyslogFacility.LOCAL3, LogLevel.INFO),
        new Rfc5424Encoder("edge-1.example.net", "4242")
            .encodeAfterPri(event("datastore", "commit complete", "commit", 17, "user", "ro ot")),
        UdpSyslogSender.MAX_DATAGRAM_OCTETS);
    assertEquals("<158>1 2026-11-25T10:00:00.123Z edge-1.example.net outpostd 4242 datastore - "
        + "commit complete commit=17 user=\"ro ot\"", new String(message, StandardCharsets.UTF_8));
  }

  @Test
  void theDefaultProcIdIsThisProcess() {
    String encoded = encode(new Rfc5424Encoder("h"), event("c", "m"));
    assertEquals("1 2026-11-25T10:00:00.123Z h outpostd " + ProcessHandle.current().pid() + " c - m", encoded);
  }

  @Test
  void headerFieldsKeepToPrintableAsciiAndTheirLimits() {
    assertEquals("a".repeat(255), Rfc5424Encoder.headerField("a".repeat(300), Rfc5424Encoder.MAX_HOSTNAME));
    assertEquals("edge_1_z_rich", Rfc5424Encoder.headerField("edge 1 zürich", Rfc5424Encoder.MAX_HOSTNAME));
    assertEquals("_tab_", Rfc5424Encoder.headerField("\ttab\u007f", Rfc5424Encoder.MAX_MSGID));
    assertEquals("-", Rfc5424Encoder.headerField("", Rfc5424Encoder.MAX_HOSTNAME));
    assertEquals("x".repeat(48), Rfc5424Encoder.headerField("x".repeat(49), Rfc5424Encoder.MAX_APP_NAME));
    assertEquals("9".repeat(128), Rfc5424Encoder.headerField("9".repeat(200), Rfc5424Encoder.MAX_PROCID));

    String encoded = encode(new Rfc5424Encoder("", "1"),
        event("io.netty.util.internal.PlatformDependent0", "m"));
    assertEquals("1 2026-11-25T10:00:00.123Z - outpostd 1 io.netty.util.internal.PlatformD - m", encoded);
  }

  @Test
  void msgIsLeftOutWhenThereIsNothingToSay() {
    assertEquals("1 2026-11-25T10:00:00.123Z h outpostd 1 c -", encode(new Rfc5424Encoder("h", "1"), event("c", "")));
    assertEquals("1 2026-11-25T10:00:00.123Z h outpostd 1 c - k=v",
        encode(new Rfc5424Encoder("h", "1"), event("c", "", "k", "v")));
  }

  @Test
  void controlCharactersInTheMessageAreEscapedSoEachEventIsOneLine() {
    String encoded = encode(new Rfc5424Encoder("h", "1"), event("c", "line one\nline two\tend\u0000", "k", "a\nb"));
    assertEquals("1 2026-11-25T10:00:00.123Z h outpostd 1 c - line one\\nline two\\tend\\u0000 k=\"a\\nb\"", encoded);
  }

  @Test
  void errorsFollowTheFieldsInMsg() {
    String encoded = encode(new Rfc5424Encoder("h", "1"),
        LogEvent.of(TIME, LogLevel.ERROR, "c", "failed", new IllegalStateException("bad"), "k", 1));
    assertTrue(encoded.startsWith("1 2026-11-25T10:00:00.123Z h outpostd 1 c - failed k=1 "
        + "error=\"java.lang.IllegalStateException: bad\" stack=\"java.lang.IllegalStateException: bad\\n\\tat "), encoded);
  }

  @Test
  void cutsNeverSplitAUtf8Character() throws CharacterCodingException {
    byte[] afterPri = ("1 " + "é".repeat(3000)).getBytes(StandardCharsets.UTF_8);
    for (int max = 2040; max <= 2048; max++) {
      byte[] message = Rfc5424Encoder.withPri(14, afterPri, max);
      assertTrue(message.length <= max && message.length >= max - 1, "length " + message.length + " for max " + max);
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(message));
    }
    assertEquals(5, Rfc5424Encoder.withPri(14, "1 ok".getBytes(StandardCharsets.UTF_8), 2048).length - 3);
  }

  @Test
  void utf8PrefixLengthBacksOffToACharacterBoundary() {
    byte[] rocket = "a\uD83D\uDE80".getBytes(StandardCharsets.UTF_8);
    assertEquals(5, rocket.length);
    assertEquals(5, Rfc5424Encoder.utf8PrefixLength(rocket, 5));
    for (int max = 1; max <= 4; max++) {
      assertEquals(1, Rfc5424Encoder.utf8PrefixLength(rocket, max), "max " + max);
    }
    assertEquals(0, Rfc5424Encoder.utf8PrefixLength(rocket, 0));
  }
}
