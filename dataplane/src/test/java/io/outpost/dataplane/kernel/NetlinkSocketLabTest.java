package io.outpost.dataplane.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The socket's own limits against the real kernel, in a fresh network namespace: a datagram
 * larger than the receive buffer, and a reply that never comes. Needs root.
 */
@Tag("lab")
class NetlinkSocketLabTest {
  private final RtRequestEncoder encoder =
      new RtRequestEncoder(ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder()));
  private TestNamespace namespace;

  @BeforeEach
  void createNamespace() {
    namespace = TestNamespace.create();
    namespace.ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
  }

  @AfterEach
  void deleteNamespace() {
    namespace.close();
  }

  @Test
  void growsTheReceiveBufferForADatagramLargerThanIt() {
    List<String> names = new ArrayList<>();
    try (NetlinkSocket socket = openInNamespace(Duration.ofSeconds(5), 256)) {
      socket.send(encoder.linkDump(1), "RTM_GETLINK dump");
      NetlinkExchange exchange =
          new NetlinkExchange(
              "RTM_GETLINK dump",
              1,
              message ->
                  names.add(
                      LinkMessage.decode(
                              message.buffer(), message.payloadOffset(), message.payloadLength())
                          .name()));

      int first = socket.receive("RTM_GETLINK dump");
      assertTrue(first > 256, "a link message alone is over a kilobyte: " + first);
      assertTrue(socket.buffer().capacity() >= first);
      boolean ended = exchange.accept(socket.buffer(), first);
      while (!ended) {
        int length = socket.receive("RTM_GETLINK dump");
        ended = exchange.accept(socket.buffer(), length);
      }
    }

    assertEquals(3, names.size(), names.toString());
    assertEquals(Set.of("lo", "veth0", "veth1"), Set.copyOf(names));
  }

  @Test
  void givesUpWithEagainWhenNoReplyComes() {
    try (NetlinkSocket socket = openInNamespace(Duration.ofMillis(200), 1024)) {
      long start = System.nanoTime();

      NetlinkException e =
          assertThrows(NetlinkException.class, () -> socket.receive("RTM_GETLINK nothing sent"));

      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Errno.EAGAIN, e.errno());
      assertEquals(
          "RTM_GETLINK nothing sent: no reply within 200 ms: Resource temporarily unavailable"
              + " (EAGAIN)",
          e.getMessage());
      assertTrue(waitedMillis >= 150 && waitedMillis < 5_000, waitedMillis + " ms");
    }
  }

  private NetlinkSocket openInNamespace(Duration timeout, int initialReceiveBuffer) {
    return NetworkNamespaceThread.call(
        namespace.file(), () -> NetlinkSocket.open(timeout, initialReceiveBuffer));
  }
}
