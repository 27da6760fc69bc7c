package io.outpost.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.dataplane.port.memory.MemoryWire;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleWaiter}'s eventfd: a wakeup from another thread ends a wait, one that came early
 * ends the next wait at once and is then spent. No root needed: no socket is involved.
 */
class IdleWaiterTest {

  @Test
  void aWakeupFromAnotherThreadEndsAWait() throws InterruptedException {
    try (IdleWaiter waiter = new IdleWaiter(List.of())) {
      Thread waker =
          Thread.ofPlatform()
              .start(
                  () -> {
                    sleep(100);
                    waiter.wakeup();
                  });
      long start = System.nanoTime();

      int ready = waiter.await(10_000);

      long waited = System.nanoTime() - start;
      waker.join();
      assertEquals(1, ready, "the eventfd");
      assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "woken, not timed out: " + waited);
    }
  }

  @Test
  void aWakeupBeforeTheWaitEndsItAtOnceAndIsThenSpent() {
    try (IdleWaiter waiter = new IdleWaiter(List.of())) {
      waiter.wakeup();
      waiter.wakeup();

      assertEquals(1, waiter.await(10_000));
      long start = System.nanoTime();
      assertEquals(0, waiter.await(50), "both wakeups were spent by the first wait");
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(45));
    }
  }

  @Test
  void leavesOutQueuesThatCannotBeWaitedOn() {
    MemoryWire wire = new MemoryWire(4, 128);
    try (IdleWaiter waiter = new IdleWaiter(List.of(wire.a(), wire.b()))) {
      assertEquals(0, waiter.await(0));
      assertEquals(0, wire.a().stats().rxPolls, "an in-memory queue was not polled");
    }
  }

  @Test
  void aWakeupAfterCloseDoesNothing() {
    IdleWaiter waiter = new IdleWaiter(List.of());
    waiter.close();

    waiter.wakeup();
    waiter.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
