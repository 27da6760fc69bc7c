package io.outpost.bgp.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.UpdateMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A reader keeps its working state between messages (to spare a full table hundreds of
 * thousands of objects), so nothing of one message may leak into the next: one reader reading
 * a long mixed sequence must say what a fresh reader says of each message, errors included.
 * The sequence mixes families, optional attributes present and absent, withdrawals, and
 * messages with an octet of their attributes changed (which take the error paths).
 */
class UpdateReaderReuseTest {
  private static final SessionOptions OPTIONS =
      new SessionOptions(false, true, Set.of(), Set.of());

  @Test
  void aReusedReaderReadsEachMessageAsAFreshOneDoes() {
    SplittableRandom random = new SplittableRandom(11);
    List<UpdateMessage> messages = messages(random);
    UpdateReader reused = new UpdateReader(OPTIONS, true);
    int errors = 0;
    int problems = 0;
    for (UpdateMessage m : messages) {
      String fresh = describe(new UpdateReader(OPTIONS, true), m);
      assertEquals(fresh, describe(reused, m));
      errors += fresh.startsWith("error") ? 1 : 0;
      problems += fresh.contains("problems=[]") || fresh.startsWith("error") ? 0 : 1;
    }
    assertTrue(errors > 10 && problems > 20,
        "the sequence takes the error paths too: " + errors + " errors, " + problems
            + " with problems");
  }

  private static List<UpdateMessage> messages(SplittableRandom random) {
    UpdateWriter writer = new UpdateWriter(OPTIONS);
    List<UpdateMessage> out = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      boolean v6 = random.nextBoolean();
      Family family = v6 ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
      long[] prefixes = new long[3 * (1 + random.nextInt(4))];
      for (int p = 0; p < prefixes.length; p += 3) {
        prefixes[p] = v6 ? 0x2001_0db8_0000_0000L | (long) random.nextInt(1 << 16) << 16
            : 0x0a00_0000L | random.nextInt(1 << 16) << 8;
        prefixes[p + 2] = v6 ? 48 : 24;
      }
      List<UpdateMessage> written = new ArrayList<>();
      if (random.nextInt(5) == 0) {
        written.addAll(writer.withdraw(family, prefixes));
      } else {
        written.addAll(writer.announce(family, attributes(random, v6), prefixes));
      }
      for (UpdateMessage m : written) {
        out.add(random.nextInt(4) == 0 ? corrupted(m, random) : m);
      }
    }
    return out;
  }

  private static PathAttributes attributes(SplittableRandom random, boolean v6) {
    PathAttributes.Builder b = PathAttributes.builder()
        .origin(random.nextInt(3))
        .asPath(AsPath.sequence(64512, 1 + random.nextInt(400_000)))
        .nextHop(v6 ? new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 1} : new byte[] {10, 0, 0, 1});
    if (random.nextBoolean()) {
      b.med(random.nextInt(1000));
    }
    if (random.nextInt(3) == 0) {
      b.communities(new int[] {random.nextInt(), random.nextInt()});
    }
    if (random.nextInt(4) == 0) {
      b.largeCommunities(new int[] {64512, random.nextInt(), 7});
    }
    if (random.nextInt(5) == 0) {
      b.aggregator(64512, random.nextInt());
    }
    if (random.nextInt(5) == 0) {
      b.atomicAggregate(true);
    }
    if (random.nextInt(6) == 0) {
      b.unknownTransitive(new byte[] {(byte) 0xc0, (byte) 200, 2, 1, 2});
    }
    return b.build();
  }

  /** The message with one octet of its attributes changed. */
  private static UpdateMessage corrupted(UpdateMessage m, SplittableRandom random) {
    byte[] a = m.pathAttributes().clone();
    if (a.length > 0) {
      a[random.nextInt(a.length)] = (byte) random.nextInt(256);
    }
    return new UpdateMessage(m.withdrawnRoutes(), a, m.nlri());
  }

  /** Everything a reading says, or the error it ends with. */
  private static String describe(UpdateReader reader, UpdateMessage m) {
    try {
      ReceivedUpdate r = reader.read(m);
      StringBuilder s = new StringBuilder();
      for (ReceivedUpdate.Announced a : r.announced()) {
        s.append("announce ").append(a.family()).append(' ').append(a.attributes())
            .append(" hash ").append(a.attributes().hashCode()).append(' ')
            .append(Arrays.toString(a.prefixes())).append('\n');
      }
      for (ReceivedUpdate.Withdrawn w : r.withdrawn()) {
        s.append("withdraw ").append(w.family()).append(' ')
            .append(Arrays.toString(w.prefixes())).append('\n');
      }
      return s.append("eor=").append(r.endOfRib()).append(" taw=")
          .append(r.treatedAsWithdraw()).append(" problems=").append(r.problems()).toString();
    } catch (BgpError e) {
      return "error " + e.code() + "/" + e.subcode() + " " + Arrays.toString(e.data()) + " "
          + e.getMessage();
    }
  }
}
