package io.outpost.snmp.source;

import java.util.List;

/**
 * One reading of the interfaces shared by everything that asks within its age: ifTable,
 * ifXTable and the link watcher would otherwise each dump the kernel's links (and, on a
 * switch, a thousand of them) every second.
 */
public final class CachedInterfaces implements InterfaceSource {
  private final InterfaceSource source;
  private final long maxAgeNanos;
  private List<InterfaceRow> rows;
  private long readAt;

  public CachedInterfaces(InterfaceSource source, long maxAgeMillis) {
    this.source = source;
    this.maxAgeNanos = maxAgeMillis * 1_000_000L;
  }

  @Override
  public synchronized List<InterfaceRow> interfaces() {
    long now = System.nanoTime();
    if (rows == null || now - readAt >= maxAgeNanos) {
      rows = source.interfaces();
      readAt = now;
    }
    return rows;
  }

  @Override
  public List<AddressRow> addresses() {
    return source.addresses();
  }
}
