package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Outpost YANG module compiles in libyang on its own, with no error and no warning: what
 * our compiler accepts is also valid YANG to every other tool that will read these modules
 * (NETCONF clients, pyang, ncclient users).
 */
@Tag("yanglint")
class YanglintModulesTest {
  @Test
  void everyModuleCompilesWithoutWarnings(@TempDir Path scratch) {
    Yanglint yanglint = Yanglint.outpost(scratch);
    for (Path module : Yanglint.outpostModuleFiles()) {
      Yanglint.Run run = yanglint.checkModule(module);
      assertEquals(0, run.exitCode(), run::describe);
      assertEquals("", run.stdout() + run.stderr(), run::describe);
    }
  }
}
