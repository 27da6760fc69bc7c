package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing and the codec against bytes written out by hand from RFC 4271's layouts. */
public class BgpCodecTest {
  public static final String MARKER = "ffffffffffffffffffffffffffffffff";

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s|\\|[^\\n]*", ""));
  }

  public static byte[] encode(BgpMessage m, SessionOptions options) {
    ByteBuf out = Unpooled.buffer();
    try {
      BgpCodec.encode(m, out, options);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  static BgpMessage decode(byte[] bytes, SessionOptions options) throws BgpError {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    try {
      BgpMessage m = BgpCodec.decode(in, options);
      assertEquals(0, in.readableBytes(), "the whole message was read");
      return m;
    } finally {
      in.release();
    }
  }

  static BgpError refused(String hex) {
    return assertThrows(BgpError.class, () -> decode(hex(hex), SessionOptions.DEFAULT));
  }

  static final OpenMessage OPEN = new OpenMessage(4, 65001, 90, 0xc000_0201L,
      List.of(Capability.multiprotocol(1, 1)));

  @Test
  void encodesAnOpenByteForByte() throws BgpError {
    byte[] expected = hex(MARKER + """
        0025 01                | length 37, OPEN
        04 fde9 005a c0000201  | version 4, AS 65001, hold 90 s, identifier 192.0.2.1
        08 02 06               | 8 octets of parameters: capabilities, 6 octets
        01 04 0001 00 01       | multiprotocol IPv4 unicast
        """);
    assertArrayEquals(expected, encode(OPEN, SessionOptions.DEFAULT));
    assertEquals(OPEN, decode(expected, SessionOptions.DEFAULT));
  }

  @Test
  void capabilitiesItDoesNotKnowRoundTripAndTheFourOctetAsWins() throws BgpError {
    OpenMessage open = new OpenMessage(4, OpenMessage.AS_TRANS, 180, 0x0a00_0001L, List.of(
        Capability.multiprotocol(2, 1), Capability.flag(Capability.ROUTE_REFRESH),
        Capability.flag(Capability.ENHANCED_ROUTE_REFRESH),
        Capability.flag(Capability.EXTENDED_MESSAGE), Capability.fourOctetAs(4_200_000_001L),
        new Capability(200, new byte[] {1, 2, 3})));
    OpenMessage back = (OpenMessage) decode(encode(open, SessionOptions.DEFAULT),
        SessionOptions.DEFAULT);
    assertEquals(open, back);
    assertEquals(4_200_000_001L, back.speakerAs());
    assertEquals(65001, OPEN.speakerAs(), "no four-octet capability: My AS");
  }

  @Test
  void keepaliveNotificationAndRouteRefreshRoundTrip() throws BgpError {
    assertArrayEquals(hex(MARKER + "0013 04"), encode(KeepaliveMessage.INSTANCE,
        SessionOptions.DEFAULT));
    RouteRefreshMessage refresh = new RouteRefreshMessage(2, RouteRefreshMessage.BEGINNING, 1);
    assertArrayEquals(hex(MARKER + "0017 05 0002 01 01"), encode(refresh,
        SessionOptions.DEFAULT));
    assertEquals(refresh, decode(hex(MARKER + "0017 05 0002 01 01"), SessionOptions.DEFAULT));
    NotificationMessage hold = new NotificationMessage(BgpError.HOLD_TIMER_EXPIRED, 0,
        new byte[0]);
    assertEquals(hold, decode(encode(hold, SessionOptions.DEFAULT), SessionOptions.DEFAULT));
  }

  @Test
  void aShutdownCommunicationIsUtf8CutAtACharacterBoundary() throws BgpError {
    NotificationMessage n = NotificationMessage.cease(
        NotificationMessage.ADMINISTRATIVE_SHUTDOWN, "maintenance, ticket #42 — back at 02:00");
    NotificationMessage back = (NotificationMessage) decode(encode(n, SessionOptions.DEFAULT),
        SessionOptions.DEFAULT);
    assertEquals("maintenance, ticket #42 — back at 02:00",
        back.shutdownCommunication().orElseThrow());
    String longText = "é".repeat(200); // 400 octets of UTF-8
    String cut = NotificationMessage.cease(NotificationMessage.ADMINISTRATIVE_RESET, longText)
        .shutdownCommunication().orElseThrow();
    assertEquals("é".repeat(127), cut, "254 octets: the 128th character would split");
  }

  @Test
  void messagesArriveInPiecesOfEverySize() throws BgpError {
    List<BgpMessage> sent = List.of(OPEN, KeepaliveMessage.INSTANCE,
        new RouteRefreshMessage(1, 0, 1), NotificationMessage.cease(2, "bye"));
    ByteBuf stream = Unpooled.buffer();
    sent.forEach(m -> BgpCodec.encode(m, stream, SessionOptions.DEFAULT));
    byte[] all = new byte[stream.readableBytes()];
    stream.readBytes(all);
    stream.release();
    for (int piece = 1; piece <= all.length; piece++) {
      ByteBuf in = Unpooled.buffer();
      List<BgpMessage> got = new ArrayList<>();
      for (int at = 0; at < all.length; at += piece) {
        in.writeBytes(all, at, Math.min(piece, all.length - at));
        while (BgpCodec.frameLength(in, SessionOptions.DEFAULT) > 0) {
          got.add(BgpCodec.decode(in, SessionOptions.DEFAULT));
        }
        in.discardReadBytes();
      }
      assertEquals(sent, got, "pieces of " + piece + " octets");
      assertEquals(0, in.readableBytes());
      in.release();
    }
  }

  @Test
  void headerErrorsGetTheirNotifications() {
    BgpError marker = refused("ff".repeat(15) + "fe 0013 04");
    assertEquals(List.of(1, 1), List.of(marker.code(), marker.subcode()));
    BgpError early = assertThrows(BgpError.class, () -> BgpCodec.frameLength(
        Unpooled.wrappedBuffer(hex("ff 00")), SessionOptions.DEFAULT));
    assertEquals(1, early.subcode(), "a bad marker is seen before the header is complete");
    BgpError tooShort = refused(MARKER + "0012 04");
    assertEquals(List.of(1, 2), List.of(tooShort.code(), tooShort.subcode()));
    assertArrayEquals(hex("0012"), tooShort.data(), "the erroneous length is the data");
    BgpError tooLong = assertThrows(BgpError.class, () -> BgpCodec.frameLength(
        Unpooled.wrappedBuffer(hex(MARKER + "1001 02")), SessionOptions.DEFAULT));
    assertArrayEquals(hex("1001"), tooLong.data());
    assertEquals(0, assertDoesNotThrowFrameLength(MARKER + "1001 02"),
        "4097 octets are fine with extended messages, once all have arrived");
    BgpError keepalive = refused(MARKER + "0014 04 00");
    assertEquals(List.of(1, 2), List.of(keepalive.code(), keepalive.subcode()));
    BgpError type = refused(MARKER + "0013 09");
    assertEquals(List.of(1, 3), List.of(type.code(), type.subcode()));
    assertArrayEquals(hex("09"), type.data());
    BgpError refresh = refused(MARKER + "0018 05 0001 00 01 00");
    assertEquals(List.of(7, 1), List.of(refresh.code(), refresh.subcode()));
    assertEquals(24, refresh.data().length, "the whole message is the data");
  }

  private static int assertDoesNotThrowFrameLength(String hex) {
    try {
      return BgpCodec.frameLength(Unpooled.wrappedBuffer(hex(hex)), SessionOptions.DEFAULT.withExtendedMessages(true));
    } catch (BgpError e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void openErrorsGetTheirNotifications() {
    String good = "fde9 005a c0000201 00";
    BgpError version = refused(MARKER + "001d 01 03 " + good);
    assertEquals(List.of(2, 1), List.of(version.code(), version.subcode()));
    assertArrayEquals(hex("0004"), version.data(), "the version we speak");
    BgpError hold = refused(MARKER + "001d 01 04 fde9 0002 c0000201 00");
    assertEquals(List.of(2, 6), List.of(hold.code(), hold.subcode()));
    BgpError identifier = refused(MARKER + "001d 01 04 fde9 005a 00000000 00");
    assertEquals(List.of(2, 3), List.of(identifier.code(), identifier.subcode()));
    BgpError parameters = refused(MARKER + "001d 01 04 fde9 005a c0000201 05");
    assertEquals(List.of(2, 0), List.of(parameters.code(), parameters.subcode()));
    BgpError authentication = refused(MARKER + "0020 01 04 fde9 005a c0000201 03 01 01 00");
    assertEquals(List.of(2, 4), List.of(authentication.code(), authentication.subcode()));
    BgpError capability = refused(MARKER + "0020 01 04 fde9 005a c0000201 03 02 01 41");
    assertEquals(List.of(2, 0), List.of(capability.code(), capability.subcode()));
    BgpError shortOpen = refused(MARKER + "0014 01 04");
    assertEquals(List.of(1, 2), List.of(shortOpen.code(), shortOpen.subcode()));
  }

  @Test
  void anUpdateIsSplitIntoItsThreePartsWithTheirLengthsChecked() throws BgpError {
    byte[] bytes = hex(MARKER + """
        0033 02                      | 51 octets, UPDATE
        0004 18 c63364               | withdrawn: 198.51.100.0/24
        0014                         | 20 octets of path attributes:
        40 01 01 00                  |   ORIGIN IGP
        40 02 06 02 01 0000fde9      |   AS_PATH: AS_SEQUENCE 65001
        40 03 04 c0000201            |   NEXT_HOP 192.0.2.1
        18 cb0071                    | NLRI: 203.0.113.0/24
        """);
    UpdateMessage update = (UpdateMessage) decode(bytes, SessionOptions.DEFAULT);
    assertArrayEquals(hex("18 c63364"), update.withdrawnRoutes());
    assertEquals(20, update.pathAttributes().length);
    assertArrayEquals(hex("18 cb0071"), update.nlri());
    assertArrayEquals(bytes, encode(update, SessionOptions.DEFAULT), "and back, byte for byte");
    assertEquals(true, ((UpdateMessage) decode(hex(MARKER + "0017 02 0000 0000"),
        SessionOptions.DEFAULT)).isIpv4EndOfRib());

    BgpError withdrawn = refused(MARKER + "0017 02 0002 0000");
    assertEquals(List.of(3, 1), List.of(withdrawn.code(), withdrawn.subcode()));
    BgpError attributes = refused(MARKER + "0019 02 0000 0005 4001");
    assertEquals(List.of(3, 1), List.of(attributes.code(), attributes.subcode()));
    BgpError tooShort = refused(MARKER + "0016 02 0000 00");
    assertEquals(List.of(1, 2), List.of(tooShort.code(), tooShort.subcode()));
  }

}
