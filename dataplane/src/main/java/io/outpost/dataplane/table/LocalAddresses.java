package io.outpost.dataplane.table;

/**
 * The appliance's own addresses, for the per-packet "is this for me?" test: open-addressing
 * hash sets from address to the owning interface id, built once per snapshot and read without
 * locks or allocation.
 */
public final class LocalAddresses {
  private final int[] keys4;
  private final int[] owners4;
  private final long[] keys6;
  private final int[] owners6;
  private final int mask4;
  private final int mask6;

  /** Indexes every address of {@code interfaces}. */
  public LocalAddresses(L3Interface[] interfaces) {
    int count4 = 0;
    int count6 = 0;
    for (L3Interface i : interfaces) {
      count4 += i.ipv4().length;
      count6 += i.ipv6Lengths().length;
    }
    int size4 = capacity(count4);
    int size6 = capacity(count6);
    keys4 = new int[size4];
    owners4 = new int[size4];
    keys6 = new long[2 * size6];
    owners6 = new int[size6];
    mask4 = size4 - 1;
    mask6 = size6 - 1;
    java.util.Arrays.fill(owners4, -1);
    java.util.Arrays.fill(owners6, -1);
    for (L3Interface i : interfaces) {
      for (int a : i.ipv4()) {
        int slot = hash(a) & mask4;
        while (owners4[slot] >= 0 && keys4[slot] != a) {
          slot = (slot + 1) & mask4;
        }
        keys4[slot] = a;
        owners4[slot] = i.id();
      }
      long[] v6 = i.ipv6();
      for (int k = 0; k < v6.length; k += 2) {
        int slot = hash(v6[k], v6[k + 1]) & mask6;
        while (owners6[slot] >= 0 && !(keys6[2 * slot] == v6[k] && keys6[2 * slot + 1] == v6[k + 1])) {
          slot = (slot + 1) & mask6;
        }
        keys6[2 * slot] = v6[k];
        keys6[2 * slot + 1] = v6[k + 1];
        owners6[slot] = i.id();
      }
    }
  }

  private static int capacity(int count) {
    return Integer.highestOneBit(Math.max(4, count * 4 - 1)) << 1;
  }

  private static int hash(int a) {
    int h = a * 0x9e3779b9;
    return h ^ (h >>> 16);
  }

  private static int hash(long hi, long lo) {
    long h = (hi ^ Long.rotateLeft(lo, 29)) * 0x9e3779b97f4a7c15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The id of the interface that owns IPv4 {@code address}, or -1. */
  public int owner4(int address) {
    int slot = hash(address) & mask4;
    while (true) {
      int owner = owners4[slot];
      if (owner < 0 || keys4[slot] == address) {
        return owner;
      }
      slot = (slot + 1) & mask4;
    }
  }

  /** The id of the interface that owns IPv6 {@code (hi, lo)}, or -1. */
  public int owner6(long hi, long lo) {
    int slot = hash(hi, lo) & mask6;
    while (true) {
      int owner = owners6[slot];
      if (owner < 0 || (keys6[2 * slot] == hi && keys6[2 * slot + 1] == lo)) {
        return owner;
      }
      slot = (slot + 1) & mask6;
    }
  }
}
