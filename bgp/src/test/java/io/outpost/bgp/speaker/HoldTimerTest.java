package io.outpost.bgp.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.fsm.State;
import io.outpost.bgp.policy.RoutePolicy;
import io.outpost.bgp.wire.BgpCodec;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.BgpMessage;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.KeepaliveMessage;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.SessionOptions;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hold timer (RFC 4271 section 10) against a scripted peer on a raw socket, which can do
 * what no daemon does on demand: keep the session alive with KEEPALIVEs past one hold time,
 * then fall silent. The session must survive the first (each message restarts the timer) and
 * end with a Hold Timer Expired NOTIFICATION one hold time after the last.
 */
class HoldTimerTest {
  private static final int HOLD = 3;
  private BgpSpeaker speaker;

  @AfterEach
  void close() {
    if (speaker != null) {
      speaker.close();
    }
  }

  @Test
  void everyMessageRestartsTheTimerAndSilenceEndsTheSessionOneHoldTimeLater() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      speaker = new BgpSpeaker(SpeakerConfig.of(65001, 0x01010101L));
      speaker.start();
      speaker.addPeer(PeerConfig.builder(InetAddress.getLoopbackAddress(), 65002)
          .port(listener.getLocalPort()).timers(HOLD, 1).families(Set.of(Family.IPV4_UNICAST))
          .policies(RoutePolicy.ACCEPT, RoutePolicy.ACCEPT).build());
      listener.setSoTimeout(20_000);
      try (Socket peer = listener.accept()) {
        peer.setSoTimeout(20_000);
        DataInputStream in = new DataInputStream(peer.getInputStream());
        OutputStream out = peer.getOutputStream();
        assertEquals(1, readType(in), "the speaker's OPEN");
        write(out, new OpenMessage(4, 65002, HOLD, 0x02020202L, List.of()));
        write(out, KeepaliveMessage.INSTANCE);
        SpeakerPairTest.await("Established",
            () -> speaker.peers().getFirst().state() == State.ESTABLISHED);

        // Two hold times of KEEPALIVEs, one a second: the session stays up throughout.
        long until = System.nanoTime() + 2L * HOLD * 1_000_000_000L;
        while (System.nanoTime() < until) {
          write(out, KeepaliveMessage.INSTANCE);
          Thread.sleep(1000);
          assertEquals(State.ESTABLISHED, speaker.peers().getFirst().state(),
              "a KEEPALIVE a second keeps a " + HOLD + " s hold timer from expiring");
        }
        long silentFrom = System.nanoTime();
        int type;
        while ((type = readType(in)) == 4 || type == 2) {
          // the speaker's own KEEPALIVEs (and End-of-RIB), until its hold timer runs out
        }
        double silent = (System.nanoTime() - silentFrom) / 1e9;
        assertEquals(3, type, "a NOTIFICATION");
        byte[] codes = in.readNBytes(2);
        assertEquals(BgpError.HOLD_TIMER_EXPIRED, codes[0], "Hold Timer Expired");
        assertTrue(silent > HOLD - 1.5 && silent < HOLD + 2, "one hold time after the last"
            + " message: " + silent + " s");
      }
    }
  }

  /** Reads one message and returns its type, leaving the body after the type unread... */
  private static int readType(DataInputStream in) throws Exception {
    in.readNBytes(16);
    int length = in.readUnsignedShort();
    int type = in.readUnsignedByte();
    if (type != 3) {
      in.readNBytes(length - 19); // ...except for a NOTIFICATION, whose codes the caller reads
    }
    return type;
  }

  private static void write(OutputStream out, BgpMessage m) throws Exception {
    ByteBuf b = Unpooled.buffer();
    BgpCodec.encode(m, b, SessionOptions.DEFAULT);
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes);
    out.write(bytes);
    out.flush();
  }
}
