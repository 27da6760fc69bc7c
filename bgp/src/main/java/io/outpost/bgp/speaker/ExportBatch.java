package io.outpost.bgp.speaker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.update.UpdateWriter;
import io.outpost.bgp.wire.Family;
import java.util.Arrays;
import java.util.List;

/**
 * What one flush of an update group writes for one family: prefixes to announce, grouped by the
 * attributes they leave with, and prefixes to withdraw, each for a set of the group's members
 * (every member but one, the route's source, or one member alone). {@link #write} then encodes
 * each UPDATE once into shared buffers of about {@value #CHUNK} octets and gives every member
 * the buffer is for a view of it.
 *
 * <p>It is reused from flush to flush: its arrays keep their size, so a steady stream of changes
 * allocates nothing per prefix, per attribute set or per message. (The group used to build a
 * map of lists per flush and an encoded message per UPDATE, with a derived buffer and an
 * outbound entry per member per message: half a million of each for a full table to ten
 * peers, most of what the collector copied then.) Owned by the group's event loop.
 */
final class ExportBatch {
  /** Octets of messages a shared buffer gathers before it goes to its members. */
  static final int CHUNK = 64 << 10;
  /** Entries or buckets past which {@link #clear} may let the arrays go. */
  private static final int KEPT = 1 << 16;

  /** A bucket's destination: its members but {@link #peers}[b] (null: all), or it alone. */
  private boolean[] only;
  private Peer[] peers;
  /** A bucket's attributes; null for a bucket of withdrawals. */
  private PathAttributes[] attributes;
  private int[] bucketSize;
  private int[] bucketStart;
  /** A bucket's slot in {@link #index}, so that clearing touches only the slots used. */
  private int[] bucketSlot;
  /** A bucket written already in this {@link #write}. */
  private boolean[] done;
  private int buckets;
  /** Open addressing over bucket numbers (-1: empty), keyed by destination and attributes. */
  private int[] index;

  /** The prefixes in the order they came, with their bucket; then sorted by bucket. */
  private int[] entryBucket;
  private long[] keys;
  private long[] sorted;
  private int entries;

  ExportBatch() {
    allocate();
  }

  /** Arrays of the size a usual flush needs. */
  private void allocate() {
    only = new boolean[16];
    peers = new Peer[16];
    attributes = new PathAttributes[16];
    bucketSize = new int[16];
    bucketStart = new int[17];
    bucketSlot = new int[16];
    done = new boolean[16];
    index = filled(new int[32]);
    entryBucket = new int[64];
    keys = new long[3 * 64];
    sorted = new long[3 * 64];
  }

  boolean isEmpty() {
    return entries == 0;
  }

  /** Announces a prefix with {@code out} to every member but {@code except} (null: all). */
  void announce(Peer except, PathAttributes out, long hi, long lo, long meta) {
    add(bucket(false, except, out), hi, lo, meta);
  }

  /** Announces a prefix with {@code out} to {@code peer} alone. */
  void announceTo(Peer peer, PathAttributes out, long hi, long lo, long meta) {
    add(bucket(true, peer, out), hi, lo, meta);
  }

  /** Withdraws a prefix from every member but {@code except} (null: all). */
  void withdraw(Peer except, long hi, long lo, long meta) {
    add(bucket(false, except, null), hi, lo, meta);
  }

  /** Withdraws a prefix from {@code peer} alone. */
  void withdrawFrom(Peer peer, long hi, long lo, long meta) {
    add(bucket(true, peer, null), hi, lo, meta);
  }

  /**
   * Writes everything gathered, withdrawals first, to {@code members} (or the one member a
   * bucket is for), and empties the batch.
   *
   * @return whether anything was written
   */
  boolean write(Family family, UpdateWriter writer, List<Peer> members) {
    if (entries == 0) {
      return false;
    }
    sortByBucket();
    for (int pass = 0; pass < 2; pass++) {
      boolean withdrawals = pass == 0;
      for (int b = 0; b < buckets; b++) {
        if (!done[b] && (attributes[b] == null) == withdrawals) {
          writeDestination(family, writer, members, b, withdrawals);
        }
      }
    }
    clear();
    return true;
  }

  /**
   * Writes every bucket of one kind (withdrawals or not) for the destination of bucket
   * {@code first}, from it on, into shared buffers sent to that destination.
   */
  private void writeDestination(Family family, UpdateWriter writer, List<Peer> members,
      int first, boolean withdrawals) {
    ByteBufAllocator alloc = (only[first] ? peers[first] : members.getFirst()).session()
        .channel().alloc();
    ByteBuf chunk = null;
    int messages = 0;
    for (int b = first; b < buckets; b++) {
      if (done[b] || (attributes[b] == null) != withdrawals || only[b] != only[first]
          || peers[b] != peers[first]) {
        continue;
      }
      done[b] = true;
      if (chunk == null) {
        chunk = alloc.buffer(CHUNK + CHUNK / 4);
      }
      int from = bucketStart[b];
      int to = bucketStart[b + 1];
      messages += withdrawals ? writer.withdraw(family, sorted, from, to, chunk)
          : writer.announce(family, attributes[b], sorted, from, to, chunk);
      if (chunk.readableBytes() >= CHUNK) {
        send(chunk, messages, first, members);
        chunk = null;
        messages = 0;
      }
    }
    if (chunk != null) {
      send(chunk, messages, first, members);
    }
  }

  /** Gives {@code chunk} (taken) to the destination of bucket {@code b}. */
  private void send(ByteBuf chunk, int messages, int b, List<Peer> members) {
    try {
      if (only[b]) {
        peers[b].session().sendEncoded(chunk.retain(), messages);
        return;
      }
      for (Peer p : members) {
        if (p != peers[b]) {
          p.session().sendEncoded(chunk.retainedDuplicate(), messages);
        }
      }
    } finally {
      chunk.release();
    }
  }

  private void add(int bucket, long hi, long lo, long meta) {
    if (entries == entryBucket.length) {
      entryBucket = Arrays.copyOf(entryBucket, 2 * entries);
      keys = Arrays.copyOf(keys, 6 * entries);
    }
    entryBucket[entries] = bucket;
    keys[3 * entries] = hi;
    keys[3 * entries + 1] = lo;
    keys[3 * entries + 2] = meta;
    entries++;
    bucketSize[bucket]++;
  }

  /** The bucket of a destination and attributes, made when it is the first of them. */
  private int bucket(boolean toOnly, Peer peer, PathAttributes out) {
    int mask = index.length - 1;
    int h = (out == null ? 0 : out.hashCode()) * 31 + System.identityHashCode(peer)
        + (toOnly ? 1 : 0);
    int i = (h ^ h >>> 16) & mask;
    for (int b; (b = index[i]) >= 0; i = (i + 1) & mask) {
      if (attributes[b] == out && peers[b] == peer && only[b] == toOnly) {
        return b;
      }
    }
    int b = buckets++;
    if (b == only.length) {
      only = Arrays.copyOf(only, 2 * b);
      peers = Arrays.copyOf(peers, 2 * b);
      attributes = Arrays.copyOf(attributes, 2 * b);
      bucketSize = Arrays.copyOf(bucketSize, 2 * b);
      bucketStart = Arrays.copyOf(bucketStart, 2 * b + 1);
      bucketSlot = Arrays.copyOf(bucketSlot, 2 * b);
      done = Arrays.copyOf(done, 2 * b);
    }
    only[b] = toOnly;
    peers[b] = peer;
    attributes[b] = out;
    bucketSize[b] = 0;
    done[b] = false;
    index[i] = b;
    bucketSlot[b] = i;
    if (2 * buckets > index.length) {
      reindex(2 * index.length);
    }
    return b;
  }

  private void reindex(int capacity) {
    index = filled(new int[capacity]);
    int mask = capacity - 1;
    for (int b = 0; b < buckets; b++) {
      PathAttributes out = attributes[b];
      int h = (out == null ? 0 : out.hashCode()) * 31 + System.identityHashCode(peers[b])
          + (only[b] ? 1 : 0);
      int i = (h ^ h >>> 16) & mask;
      while (index[i] >= 0) {
        i = (i + 1) & mask;
      }
      index[i] = b;
      bucketSlot[b] = i;
    }
  }

  /** Counting sort of the entries by bucket into {@link #sorted}; arrival order within one. */
  private void sortByBucket() {
    bucketStart[0] = 0;
    for (int b = 0; b < buckets; b++) {
      bucketStart[b + 1] = bucketStart[b] + bucketSize[b];
    }
    if (sorted.length < 3 * entries) {
      sorted = new long[keys.length];
    }
    int[] fill = bucketSize; // reused as each bucket's next free place, then reset in clear()
    for (int b = 0; b < buckets; b++) {
      fill[b] = bucketStart[b];
    }
    for (int e = 0; e < entries; e++) {
      int at = 3 * fill[entryBucket[e]]++;
      sorted[at] = keys[3 * e];
      sorted[at + 1] = keys[3 * e + 1];
      sorted[at + 2] = keys[3 * e + 2];
    }
  }

  /**
   * Empties the batch. Arrays grown past {@link #KEPT} entries or buckets (by a whole table
   * to a joining peer, say) go once a write fills less than an eighth of them, so that the
   * memory follows the flushes of the time.
   */
  private void clear() {
    if (entryBucket.length > KEPT && entries * 8 < entryBucket.length
        || only.length > KEPT && buckets * 8 < only.length) {
      allocate();
    } else {
      for (int b = 0; b < buckets; b++) {
        index[bucketSlot[b]] = -1;
      }
      Arrays.fill(peers, 0, buckets, null);
      Arrays.fill(attributes, 0, buckets, null);
    }
    buckets = 0;
    entries = 0;
  }

  private static int[] filled(int[] a) {
    Arrays.fill(a, -1);
    return a;
  }
}
