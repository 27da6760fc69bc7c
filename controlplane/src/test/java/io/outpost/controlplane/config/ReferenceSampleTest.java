package io.outpost.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link ReferenceSample} whole: it must use every data node and every case of the schema,
 * be valid, and be written the way the appliance prints configuration.
 */
class ReferenceSampleTest {
  @Test
  void usesEveryNodeAndEveryCase() {
    ConfigCoverage coverage = new ConfigCoverage();
    coverage.add(ReferenceSample.tree());
    assertEquals(List.of(), coverage.missing(OutpostModules.schema()),
        "reference-sample.set must set every node of the YANG modules; add lines for these (they also become"
            + " the examples of docs/configuration.md)");
  }

  @Test
  void isValid() {
    assertEquals(List.of(), ConfigValidator.validate(ReferenceSample.tree()));
  }

  @Test
  void isWrittenAsTheAppliancePrintsIt() {
    assertEquals(SetFormat.render(ReferenceSample.tree()), ReferenceSample.text());
  }
}
