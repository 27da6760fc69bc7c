package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.update.UpdateReader;
import java.util.EnumSet;
import java.util.Set;

/**
 * Jazzer (coverage-guided, libFuzzer underneath) against the decoders: whatever arrives, the
 * codec and the UPDATE reader either decode it or throw {@link BgpError}, the protocol's error
 * that becomes a NOTIFICATION (or, for UPDATE attributes, treat-as-withdraw inside the
 * result). Any other exception is a crash.
 *
 * <p>In an ordinary test run (regression mode) each target runs once on every input under
 * {@code src/test/resources/io/outpost/bgp/wire/DecoderFuzzTestInputs/<target>/}: the seeds and
 * every crash found so far. With {@code JAZZER_FUZZ=1} one target is fuzzed for its
 * {@code maxDuration} ({@code -Djazzer.max_duration=10m} overrides it); {@code scripts/test}
 * does that for each, time-boxed. Jazzer writes a crashing input as {@code crash-<sha1>}; moved
 * into the target's directory and committed with the fix, it is a regression case.
 *
 * <p>The input's first octet picks the session options (extended messages, four-octet AS,
 * add-path per family, eBGP or iBGP), so every combination is explored; the header is built
 * around the rest with a length that matches, so the fuzzer spends its time in the bodies.
 */
class DecoderFuzzTest {
  private static final int HEADER = 19;

  /** Any message type: the octet after the options is the type, the rest the body. */
  @FuzzTest(maxDuration = "45s")
  void anyMessage(byte[] data) {
    if (data.length < 2) {
      return;
    }
    decode(data[0], data[1], data, 2);
  }

  /** UPDATE bodies only, where most of the parsing is. */
  @FuzzTest(maxDuration = "45s")
  void updateBody(byte[] data) {
    if (data.length < 1) {
      return;
    }
    decode(data[0], MessageType.UPDATE.code(), data, 1);
  }

  private static void decode(byte optionBits, int type, byte[] data, int from) {
    SessionOptions options = options(optionBits);
    int bodyLength = Math.min(data.length - from, options.maxMessageLength() - HEADER);
    ByteBuf in = Unpooled.buffer(HEADER + bodyLength);
    for (int i = 0; i < BgpCodec.MARKER_LENGTH; i++) {
      in.writeByte(0xff);
    }
    in.writeShort(HEADER + bodyLength).writeByte(type).writeBytes(data, from, bodyLength);
    try {
      BgpMessage m = BgpCodec.decode(in, options);
      if (m instanceof UpdateMessage u) {
        new UpdateReader(options, (optionBits & 0x20) != 0).read(u);
      }
    } catch (BgpError e) {
      assertTrue(e.code() >= BgpError.MESSAGE_HEADER && e.code() <= BgpError.ROUTE_REFRESH_MESSAGE,
          "a NOTIFICATION error code: " + e);
      e.notification(); // and making the NOTIFICATION it stands for must not throw either
    } finally {
      in.release();
    }
  }

  private static SessionOptions options(byte bits) {
    Set<Family> addPath = EnumSet.noneOf(Family.class);
    if ((bits & 0x04) != 0) {
      addPath.add(Family.IPV4_UNICAST);
    }
    if ((bits & 0x08) != 0) {
      addPath.add(Family.IPV6_UNICAST);
    }
    return new SessionOptions((bits & 0x01) != 0, (bits & 0x02) != 0, addPath, Set.of());
  }
}
