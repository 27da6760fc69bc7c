package io.outpost.controlplane.log;

/**
 * Renders one event as one line of text for the stdout sink. Implementations are stateless and
 * shared between threads.
 */
interface LineFormatter {

  /** Appends the event to {@code out}, ending with a single {@code '\n'} and containing no other. */
  void format(LogEvent event, StringBuilder out);
}
