package io.outpost.dataplane.kernel;

import static io.outpost.dataplane.kernel.NetlinkBytes.buffer;
import static io.outpost.dataplane.kernel.NetlinkBytes.hex;
import static io.outpost.dataplane.kernel.NetlinkBytes.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one exchange reads the kernel's replies: captured datagrams (a dump and its NLMSG_DONE, an
 * MTU refusal with its extended ack) and hand-built ones for the rarer paths.
 */
class NetlinkExchangeTest {
  /** The two-link datagram of a dump with sequence number 7. */
  private static final byte[] DUMP = resource("rtm-newlink-dump.hex");

  /** The datagram that ended that dump, as captured. */
  private static final byte[] DONE =
      hex(
          """
          14000000 0300 0200 07000000 2a1c0000 | 20 bytes, NLMSG_DONE, MULTI, seq 7, our port id
          00000000                             | error 0: the dump is complete
          """);

  /** The captured refusal of MTU 65536 on a veth, with NETLINK_EXT_ACK and NETLINK_CAP_ACK. */
  private static final byte[] MTU_REFUSAL =
      hex(
          """
          48000000 0200 0003 09000000 2a1c0000 | 72 bytes, NLMSG_ERROR, CAPPED|ACK_TLVS, seq 9
          eaffffff                             | error -22, EINVAL
          28000000 1000 0500 09000000 00000000 | the request's header alone: it was capped
          2400 0100 6d747520677265617465722074 | NLMSGERR_ATTR_MSG (36 bytes)
          68616e20646576696365206d6178696d756d00 | "mtu greater than device maximum\\0"
          """);

  private final List<String> replies = new ArrayList<>();

  @Test
  void readsADumpUntilItsDoneMessage() {
    NetlinkExchange exchange = exchange("RTM_GETLINK dump", 7);

    assertFalse(exchange.accept(buffer(DUMP), DUMP.length), "the dump goes on");
    assertTrue(exchange.accept(buffer(DONE), DONE.length), "NLMSG_DONE ends it");
    assertEquals(List.of("16/2", "16/2"), replies);
    assertTrue(exchange.consistent());
  }

  @Test
  void skipsRepliesToAnotherSequenceNumber() {
    NetlinkExchange exchange = exchange("RTM_GETLINK dump", 8);

    assertFalse(exchange.accept(buffer(DUMP), DUMP.length));
    assertFalse(exchange.accept(buffer(DONE), DONE.length), "the end of sequence 7, not ours");
    assertEquals(List.of(), replies);
    byte[] ourDone =
        hex(
            """
            14000000 0300 0200 08000000 00000000 | NLMSG_DONE, MULTI, seq 8
            00000000                             | error 0
            """);
    assertTrue(exchange.accept(buffer(ourDone), ourDone.length));
  }

  @Test
  void reportsTheKernelsRefusalWithErrnoAndExplanation() {
    NetlinkExchange exchange = exchange("RTM_NEWLINK ifindex 4 mtu 65536", 9);

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> exchange.accept(buffer(MTU_REFUSAL), MTU_REFUSAL.length));

    assertEquals(22, e.errno());
    assertEquals("EINVAL", e.errnoName());
    assertEquals("mtu greater than device maximum", e.kernelMessage());
    assertEquals(
        "RTM_NEWLINK ifindex 4 mtu 65536: Invalid argument (EINVAL), kernel says: mtu greater than"
            + " device maximum",
        e.getMessage());
  }

  @Test
  void findsTheExplanationAfterAWholeEchoedRequest() {
    byte[] refusal =
        hex(
            """
            48000000 0200 0002 03000000 00000000 | 72 bytes, NLMSG_ERROR, ACK_TLVS, not capped
            efffffff                             | error -17, EEXIST
            28000000 1400 0506 03000000 00000000 | the request's header...
            02 18 00 00 03000000 0800 0200 c0000201 0800 0100 c0000201 | ...and its payload
            0900 0100 6578697374 000000          | NLMSGERR_ATTR_MSG "exist\\0"
            """);
    NetlinkExchange exchange = exchange("RTM_NEWADDR ifindex 3 192.0.2.1/24", 3);

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> exchange.accept(buffer(refusal), refusal.length));

    assertEquals(
        "RTM_NEWADDR ifindex 3 192.0.2.1/24: File exists (EEXIST), kernel says: exist",
        e.getMessage());
  }

  @Test
  void endsAChangeAtItsAck() {
    byte[] ack =
        hex(
            """
            24000000 0200 0001 04000000 00000000 | 36 bytes, NLMSG_ERROR, CAPPED, seq 4
            00000000                             | error 0: the ack
            20000000 1000 0500 04000000 00000000 | the request's header
            """);
    NetlinkExchange exchange = exchange("RTM_NEWLINK ifindex 3 up", 4);

    assertTrue(exchange.accept(buffer(ack), ack.length));
    assertEquals(List.of(), replies);
  }

  @Test
  void namesAnErrnoItHasNoNameForByNumber() {
    byte[] refusal =
        hex(
            """
            24000000 0200 0001 04000000 00000000 | NLMSG_ERROR, CAPPED, seq 4
            f4fdffff                             | error -524, the kernel-internal ENOTSUPP
            20000000 1000 0500 04000000 00000000 | the request's header
            """);
    NetlinkExchange exchange = exchange("RTM_NEWLINK ifindex 3 up", 4);

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> exchange.accept(buffer(refusal), refusal.length));

    assertEquals(524, e.errno());
    assertEquals("RTM_NEWLINK ifindex 3 up: errno 524", e.getMessage());
  }

  @Test
  void endsAGetAtItsSingleReply() {
    byte[] single = DUMP.clone();
    buffer(single).putShort(NlMsg.FLAGS_OFFSET, (short) 0); // the first message, not multipart

    NetlinkExchange exchange = exchange("RTM_GETLINK lo", 7);

    assertTrue(exchange.accept(buffer(single), single.length));
    assertEquals(List.of("16/0"), replies, "the message after it is not read");
  }

  @Test
  void notesADumpTheKernelFlagsAsInterrupted() {
    byte[] interrupted = DUMP.clone();
    int second = buffer(interrupted).getInt(NlMsg.LENGTH_OFFSET);
    buffer(interrupted)
        .putShort(second + NlMsg.FLAGS_OFFSET, (short) (NlMsg.NLM_F_MULTI | NlMsg.NLM_F_DUMP_INTR));
    NetlinkExchange exchange = exchange("RTM_GETLINK dump", 7);

    exchange.accept(buffer(interrupted), interrupted.length);
    exchange.accept(buffer(DONE), DONE.length);

    assertFalse(exchange.consistent());
  }

  @Test
  void readsTheDumpToItsEndBeforeThrowingADecodingFailure() {
    RuntimeException failure = new IllegalStateException("cannot decode");
    List<Integer> seen = new ArrayList<>();
    NetlinkExchange exchange =
        new NetlinkExchange(
            "RTM_GETLINK dump",
            7,
            message -> {
              seen.add(message.type());
              throw failure;
            });

    assertFalse(exchange.accept(buffer(DUMP), DUMP.length), "no throw while the dump goes on");
    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> exchange.accept(buffer(DONE), DONE.length));

    assertSame(failure, thrown);
    assertEquals(List.of(NlMsg.RTM_NEWLINK), seen, "no reply decoded after the failure");
  }

  @Test
  void skipsNoopMessages() {
    byte[] noopThenDone =
        hex(
            """
            10000000 0100 0000 05000000 00000000 | NLMSG_NOOP, seq 5
            14000000 0300 0200 05000000 00000000 | NLMSG_DONE, MULTI, seq 5
            00000000                             | error 0
            """);
    NetlinkExchange exchange = exchange("RTM_GETADDR dump", 5);

    assertTrue(exchange.accept(buffer(noopThenDone), noopThenDone.length));
    assertEquals(List.of(), replies);
  }

  @Test
  void reportsADumpThatFailedMidwayFromItsDoneMessage() {
    byte[] failedDone =
        hex(
            """
            14000000 0300 0200 05000000 00000000 | NLMSG_DONE, MULTI, seq 5
            f0ffffff                             | error -16, EBUSY
            """);
    NetlinkExchange exchange = exchange("RTM_GETADDR dump", 5);

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> exchange.accept(buffer(failedDone), failedDone.length));

    assertEquals("RTM_GETADDR dump: Device or resource busy (EBUSY)", e.getMessage());
  }

  @Test
  void refusesAMessageLongerThanItsDatagram() {
    NetlinkExchange exchange = exchange("RTM_GETLINK dump", 7);

    NetlinkException e =
        assertThrows(NetlinkException.class, () -> exchange.accept(buffer(DUMP), 100));

    assertEquals(Errno.EBADMSG, e.errno());
  }

  /** An exchange that records each reply as "type/flags". */
  private NetlinkExchange exchange(String request, int sequence) {
    return new NetlinkExchange(
        request, sequence, message -> replies.add(message.type() + "/" + message.flags()));
  }
}
