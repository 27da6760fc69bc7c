package io.outpost.controlplane.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} for tests: tasks run only when the test says so. */
public final class ManualScheduler implements Scheduler {
  private record Task(Duration delay, Runnable run, boolean[] cancelled) {}

  private final List<Task> tasks = new ArrayList<>();

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    tasks.add(new Task(delay, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs every task not cancelled, as if their delays had passed; returns how many ran. */
  public int fireAll() {
    List<Task> due;
    synchronized (this) {
      due = new ArrayList<>(tasks);
      tasks.clear();
    }
    int n = 0;
    for (Task t : due) {
      if (!t.cancelled[0]) {
        t.run.run();
        n++;
      }
    }
    return n;
  }

  public synchronized List<Duration> pendingDelays() {
    return tasks.stream().filter(t -> !t.cancelled[0]).map(Task::delay).toList();
  }
}
