package io.outpost.lab;

/**
 * The child JVM of {@link RootRequirementTest}, run as an unprivileged user: tries to create a lab and prints the
 * refusal's type and message, or {@code created} if there was none.
 */
final class NonRootMain {

  private NonRootMain() {
  }

  public static void main(String[] args) {
    try (Lab lab = Lab.create("nonroot")) {
      System.out.println("created " + lab.runId());
    } catch (RuntimeException e) {
      System.out.println(e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
