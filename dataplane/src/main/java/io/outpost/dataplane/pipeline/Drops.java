package io.outpost.dataplane.pipeline;

/** Marks a frame dropped and counts it by reason and by ingress interface. */
final class Drops {
  private Drops() {}

  static void drop(Vector v, int i, DropReason reason, WorkerCounters counters) {
    v.next[i] = Arc.DROP;
    v.dropReason[i] = reason.ordinal();
    counters.drops[reason.ordinal()]++;
    if (v.ifIn[i] >= 0) {
      counters.rxDrops[v.ifIn[i]]++;
      counters.interfaceDrops[v.ifIn[i] * DropReason.VALUES.length + reason.ordinal()]++;
    }
  }
}
