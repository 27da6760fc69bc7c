package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decoder and encoder in a channel pipeline, driven through Netty's EmbeddedChannel. */
class BgpPipelineTest {
  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  private static final List<BgpMessage> MESSAGES = List.of(BgpCodecTest.OPEN,
      KeepaliveMessage.INSTANCE, new RouteRefreshMessage(1, 0, 1),
      NotificationMessage.cease(NotificationMessage.ADMINISTRATIVE_SHUTDOWN, "bye"));

  private static byte[] stream() {
    ByteBuf all = Unpooled.buffer();
    MESSAGES.forEach(m -> BgpCodec.encode(m, all, SessionOptions.DEFAULT));
    byte[] bytes = new byte[all.readableBytes()];
    all.readBytes(bytes);
    all.release();
    return bytes;
  }

  private static List<Object> inbound(EmbeddedChannel channel) {
    List<Object> got = new ArrayList<>();
    Object m;
    while ((m = channel.readInbound()) != null) {
      got.add(m);
    }
    return got;
  }

  @Test
  void theStreamArrivesInSegmentsOfEverySize() {
    byte[] bytes = stream();
    for (int piece = 1; piece <= bytes.length; piece++) {
      EmbeddedChannel channel = new EmbeddedChannel(new BgpMessageDecoder());
      List<Object> got = new ArrayList<>();
      for (int at = 0; at < bytes.length; at += piece) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(piece,
            bytes.length - at)));
        got.addAll(inbound(channel));
      }
      assertEquals(MESSAGES, got, "segments of " + piece + " octets");
      assertFalse(channel.finishAndReleaseAll(), "nothing left over");
    }
  }

  @Test
  void aBrokenMessageIsReportedOnceAndNothingAfterItIsRead() {
    EmbeddedChannel channel = new EmbeddedChannel(new BgpMessageDecoder());
    byte[] bad = BgpCodecTest.hex(BgpCodecTest.MARKER + "0013 09"); // type 9
    channel.writeInbound(Unpooled.wrappedBuffer(stream()), Unpooled.wrappedBuffer(bad),
        Unpooled.wrappedBuffer(stream()));
    List<Object> got = inbound(channel);
    assertEquals(MESSAGES, got.subList(0, MESSAGES.size()));
    BgpError error = ((BgpMessageDecoder.DecodeFailure) got.get(MESSAGES.size())).error();
    assertEquals(List.of(1, 3), List.of(error.code(), error.subcode()));
    assertEquals(MESSAGES.size() + 1, got.size(), "the messages after it are not read");
    channel.writeInbound(Unpooled.wrappedBuffer(stream()));
    assertNull(channel.readInbound());
    channel.finishAndReleaseAll();
  }

  /**
   * A session's decoder reads every UPDATE into one message of its own: each must reach the
   * next handler, and be read there, before the next is decoded into it, also when many arrive
   * in one buffer and when one arrives in pieces.
   */
  @Test
  void aReusingDecoderHandsOverEachUpdateBeforeTheNext() {
    List<UpdateMessage> sent = new ArrayList<>();
    ByteBuf all = Unpooled.buffer();
    for (int i = 0; i < 40; i++) {
      byte[] nlri = new byte[1 + i % 7];
      nlri[0] = (byte) (8 * (nlri.length - 1));
      for (int b = 1; b < nlri.length; b++) {
        nlri[b] = (byte) (i + b);
      }
      UpdateMessage m = new UpdateMessage(new byte[i % 3], new byte[300 * (i % 2)], nlri);
      sent.add(m);
      BgpCodec.encode(m, all, SessionOptions.DEFAULT);
      BgpCodec.encode(KeepaliveMessage.INSTANCE, all, SessionOptions.DEFAULT);
    }
    byte[] bytes = new byte[all.readableBytes()];
    all.readBytes(bytes);
    all.release();
    for (int piece : new int[] {1, 23, 500, bytes.length}) {
      List<UpdateMessage> got = new ArrayList<>();
      java.util.Set<Object> instances =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      EmbeddedChannel channel = new EmbeddedChannel(BgpMessageDecoder.reusingUpdates(),
          new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
              if (msg instanceof UpdateMessage u) {
                got.add(new UpdateMessage(u.withdrawnRoutes(), u.pathAttributes(), u.nlri()));
                instances.add(u);
              }
            }
          });
      for (int at = 0; at < bytes.length; at += piece) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, at,
            Math.min(piece, bytes.length - at)));
      }
      assertEquals(sent, got, "in pieces of " + piece + " octets");
      assertEquals(1, instances.size(), "one instance read into");
      assertFalse(channel.finishAndReleaseAll(), "nothing left over");
    }
  }

  @Test
  void messagesGoOutWithTheirHeaders() {
    EmbeddedChannel channel = new EmbeddedChannel(new BgpMessageEncoder());
    channel.writeOutbound(BgpCodecTest.OPEN, KeepaliveMessage.INSTANCE);
    for (BgpMessage m : List.of(BgpCodecTest.OPEN, KeepaliveMessage.INSTANCE)) {
      ByteBuf out = channel.readOutbound();
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      out.release();
      assertArrayEquals(BgpCodecTest.encode(m, SessionOptions.DEFAULT), bytes);
    }
    assertFalse(channel.finishAndReleaseAll());
  }
}
