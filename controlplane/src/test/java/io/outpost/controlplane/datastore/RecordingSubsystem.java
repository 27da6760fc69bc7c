package io.outpost.controlplane.datastore;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import java.util.List;
import java.util.Set;

/**
 * A subsystem for datastore tests that records what it was asked to do and can be told to
 * refuse. It stands in for real subsystems because these tests are about the transaction, not
 * about any one subsystem's effect (those have tests of their own against the real kernel).
 */
final class RecordingSubsystem implements Subsystem {
  final String name;
  final Set<String> reads;
  final List<String> events;
  ConfigTree applied;
  boolean refusePrepare;
  boolean failCommit;

  RecordingSubsystem(String name, Set<String> reads, List<String> events) {
    this.name = name;
    this.reads = reads;
    this.events = events;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> reads() {
    return reads;
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) throws ApplyException {
    events.add(name + ":prepare");
    if (refusePrepare) {
      throw new ApplyException(name + " refuses");
    }
    return new Prepared() {
      @Override
      public void commit() throws ApplyException {
        if (failCommit) {
          events.add(name + ":commit-failed");
          throw new ApplyException(name + " failed to commit");
        }
        events.add(name + ":commit");
        applied = candidate;
      }

      @Override
      public void abort() {
        events.add(name + ":abort");
      }
    };
  }
}
