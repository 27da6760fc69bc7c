package io.outpost.controlplane.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.yang.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiles under {@code hw-profiles/} as the daemon reads them from its jar, detection
 * from DMI and ONIE strings under a root directory, and the errors a bad profile gets.
 */
class HardwareProfilesTest {
  private final HardwareProfiles profiles = HardwareProfiles.builtIn();

  @Test
  void everyProfileInTheRepositoryIsReadAndTheFourTheIssueNamesAreThere() throws Exception {
    List<String> files;
    try (var s = Files.list(Path.of("../hw-profiles"))) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    }
    assertEquals(files, profiles.all().stream().map(HardwareProfile::name).toList(),
        "every file of hw-profiles/ is in the jar and read");
    assertTrue(files.containsAll(List.of("generic-x86-1u", "whitebox-32x100g", "qemu-vm",
        "netns-lab")), files.toString());
    HardwareProfile sw = profiles.named("whitebox-32x100g").orElseThrow();
    assertEquals(32, sw.ports().size());
    assertEquals(List.of("4x25G", "4x10G", "2x50G"), sw.ports().getFirst().breakout());
    assertEquals("swp1", sw.ports().getFirst().name(), "ports in panel order");
    assertEquals(new HardwareProfile.Hwmon("lm75", "3-0049", "temp1", null),
        sw.sensor("Board front").orElseThrow().source());
    HardwareProfile lab = profiles.named("netns-lab").orElseThrow();
    HardwareProfile.Sensor board = lab.sensor("Lab board").orElseThrow();
    assertEquals(new BigDecimal("70.000"), board.thresholds().criticalHigh());
    assertEquals(HardwareProfile.Kind.FAN_SPEED, lab.sensor("Lab fan").orElseThrow().kind());
    assertInstanceOf(HardwareProfile.Ipmi.class, profiles.named("generic-x86-1u").orElseThrow()
        .sensor("Fan 1").orElseThrow().source());
  }

  @Test
  void detectionChoosesByDmiOrOnieAndNothingWhenNoneMatches(@TempDir Path root) throws Exception {
    assertEquals(Optional.empty(), profiles.detect(PlatformFacts.read(root)), "nothing known");
    Path dmi = Files.createDirectories(root.resolve("sys/class/dmi/id"));
    Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
    Files.writeString(dmi.resolve("product_name"), "Standard PC (Q35 + ICH9, 2009)\n");
    assertEquals("qemu-vm", profiles.detect(PlatformFacts.read(root)).orElseThrow().name());
    Files.writeString(dmi.resolve("sys_vendor"), "Supermicro\n");
    assertEquals(Optional.empty(), profiles.detect(PlatformFacts.read(root)),
        "a Supermicro that is not the SYS-5019C-M is not it");
    Files.writeString(dmi.resolve("product_name"), "SYS-5019C-MR\n");
    assertEquals("generic-x86-1u", profiles.detect(PlatformFacts.read(root)).orElseThrow()
        .name());
    Files.delete(dmi.resolve("sys_vendor"));
    Files.delete(dmi.resolve("product_name"));
    Files.createDirectories(root.resolve("host"));
    Files.writeString(root.resolve("host/machine.conf"), "onie_version=2019.05\n"
        + "onie_platform=x86_64-accton_as7712_32x-r0\nonie_machine=accton_as7712_32x\n");
    PlatformFacts onie = PlatformFacts.read(root);
    assertEquals("whitebox-32x100g", profiles.detect(onie).orElseThrow().name());
    assertEquals("onie-platform \"x86_64-accton_as7712_32x-r0\"", onie.toString());
  }

  @Test
  void aProfileThatDoesNotValidateIsRefusedWithItsFilePathAndReason() {
    Schema schema = HardwareProfiles.schema();
    String good = profile("\"sensor\": [{\"name\": \"t\", \"kind\": \"temperature\","
        + " \"thermal-zone\": \"acpitz\"}]");
    assertEquals("x", HardwareProfiles.read(schema, "hw-profiles/x.json", good).name());
    Map<String, String> bad = Map.of(
        "speed", profile("\"port\": [{\"name\": \"eth0\", \"device\": \"eth0\"}]"),
        "not fan speed", profile("\"sensor\": [{\"name\": \"t\", \"kind\": \"temperature\","
            + " \"thermal-zone\": \"acpitz\"}], \"fan\": [{\"name\": \"f\", \"sensor\": \"t\"}]"),
        "one of the two", profile("\"sensor\": [{\"name\": \"t\", \"kind\": \"temperature\","
            + " \"hwmon\": {\"chip\": \"coretemp\", \"input\": \"temp1\", \"label\": \"x\"}}]"),
        "celsius", profile("\"sensor\": [{\"name\": \"t\", \"kind\": \"celsius\","
            + " \"thermal-zone\": \"acpitz\"}]"),
        "nonexistent", profile("\"fan\": [{\"name\": \"f\", \"sensor\": \"nonexistent\"}]"));
    bad.forEach((reason, text) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HardwareProfiles.read(schema, "hw-profiles/x.json", text), reason);
      assertTrue(e.getMessage().startsWith("hw-profiles/x.json: "), e.getMessage());
      assertTrue(e.getMessage().contains(reason), reason + " in " + e.getMessage());
    });
    IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
        () -> HardwareProfiles.read(schema, "hw-profiles/y.json", good));
    assertTrue(named.getMessage().contains("in a file named x.json"), named.getMessage());
  }

  /** A profile named x with the given members after its identity. */
  private static String profile(String members) {
    return "{\"outpost-hw-profile:hardware-profile\": {\"name\": \"x\", \"identity\":"
        + " {\"vendor\": \"V\", \"model\": \"M\", \"platform\": \"x86_64-v_m-r0\"},"
        + " \"console\": {\"device\": \"ttyS0\"}, \"boot-device\": {\"device\": \"/dev/vda\"}, "
        + members + "}}";
  }
}
