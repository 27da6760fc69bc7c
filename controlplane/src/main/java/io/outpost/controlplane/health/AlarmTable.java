package io.outpost.controlplane.health;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The active alarms, one per resource, and the recent ones (raised and cleared, the last
 * {@link #RECENT}), with a listener told of each raise and clear (the log), and others
 * added later (SNMP notifications). Thread-safe: the monitor writes, the CLI reads.
 */
public final class AlarmTable {
  static final int RECENT = 100;

  private final Map<String, Alarm> active = new LinkedHashMap<>();
  private final Deque<Alarm> recent = new ArrayDeque<>();
  private final Consumer<Alarm> listener;
  private final List<Consumer<Alarm>> others = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long nextId = 1;

  public AlarmTable(Consumer<Alarm> listener) {
    this.listener = listener;
  }

  /** Adds a listener told of each raise and clear after the first (the SNMP agent's). */
  public void addListener(Consumer<Alarm> l) {
    others.add(l);
  }

  private void tell(Alarm a) {
    listener.accept(a);
    others.forEach(l -> l.accept(a));
  }

  /**
   * Raises an alarm on {@code resource}, replacing the one it had when the severity or text
   * differs (that one is cleared); the same alarm again changes nothing.
   */
  public synchronized void raise(String resource, Alarm.Severity severity, String text,
      Instant now) {
    Alarm old = active.get(resource);
    if (old != null && old.severity() == severity && old.text().equals(text)) {
      return;
    }
    if (old != null) {
      clear(resource, now);
    }
    Alarm a = new Alarm(nextId++, resource, severity, now, null, text);
    active.put(resource, a);
    remember(a);
    tell(a);
  }

  /** Clears the alarm on {@code resource}, if it has one. */
  public synchronized void clear(String resource, Instant now) {
    Alarm a = active.remove(resource);
    if (a != null) {
      Alarm cleared = a.clearedAt(now);
      remember(cleared);
      tell(cleared);
    }
  }

  /** The active alarms, worst first, then oldest first. */
  public synchronized List<Alarm> active() {
    List<Alarm> out = new ArrayList<>(active.values());
    out.sort((x, y) -> x.severity() != y.severity() ? x.severity().compareTo(y.severity())
        : x.raised().compareTo(y.raised()));
    return out;
  }

  /** Raises and clears, newest first. */
  public synchronized List<Alarm> recent() {
    return List.copyOf(recent);
  }

  private void remember(Alarm a) {
    recent.addFirst(a);
    if (recent.size() > RECENT) {
      recent.removeLast();
    }
  }
}
