package io.outpost.controlplane.log;

/**
 * Holds the process-wide {@link ActiveOutputs}: {@link Log} reads it on every call,
 * {@link LogService} replaces it. The one volatile field is the whole cost of a disabled log call.
 */
final class LogDispatch {

  private static volatile ActiveOutputs current = ActiveOutputs.beforeInstall();

  private LogDispatch() {
  }

  static ActiveOutputs current() {
    return current;
  }

  static void publish(ActiveOutputs outputs) {
    current = outputs;
  }
}
