package io.outpost.dataplane.tap;

import io.outpost.dataplane.pipeline.LocalDelivery;
import java.lang.foreign.MemorySegment;

/**
 * The kernel mirrors of all interfaces, indexed by interface id: the {@link LocalDelivery}
 * workers punt to. The array is replaced whole when interfaces come and go.
 */
public final class KernelMirrors implements LocalDelivery {
  private volatile KernelMirror[] byInterface = new KernelMirror[0];

  public void set(KernelMirror[] mirrors) {
    this.byInterface = mirrors.clone();
  }

  @Override
  public boolean deliver(int interfaceId, MemorySegment buffer, long frame, int length) {
    KernelMirror[] m = byInterface;
    return interfaceId < m.length && m[interfaceId] != null
        && m[interfaceId].deliver(buffer, frame, length);
  }
}
