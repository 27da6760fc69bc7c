package io.outpost.lab;

import java.io.IOException;

/**
 * The child JVM of {@link OwnerCrashTest}: builds a small lab with a process in it, prints what it owns, one
 * {@code key value} per line and then {@code ready}, and waits. It exits — closing the lab the ordinary way — when its
 * standard input ends, so it does not outlive a test JVM that dies; the test itself ends it with SIGKILL.
 */
final class LabOwnerMain {

  private LabOwnerMain() {
  }

  public static void main(String[] args) throws IOException {
    try (Lab lab = Lab.create("owner")) {
      Host a = lab.host("a");
      Host b = lab.host("b");
      lab.link(a, "veth0", b, "veth0");
      LabProcess sleeper = a.spawn("sleeper", "sleep", "600");
      System.out.println("netns " + a.netns());
      System.out.println("netns " + b.netns());
      System.out.println("pid " + sleeper.pid());
      System.out.println("runid " + lab.runId());
      System.out.println("workdir " + lab.workDir());
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() != -1) {
        // Only the end of input matters.
      }
    }
  }
}
