package io.outpost.controlplane.health;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One platform's description, as a file of {@code hw-profiles/} says it (module
 * {@code outpost-hw-profile}): how detection recognises it, its ports, its sensors and their
 * thresholds, fans, power supplies, LEDs, console and boot device. Read by
 * {@link HardwareProfiles}; immutable.
 */
public record HardwareProfile(String name, String description, Identity identity,
    List<Port> ports, List<Sensor> sensors, List<Fan> fans, List<Psu> psus, List<Led> leds,
    Console console, String bootDevice) {

  /** What the platform says it is, and what detection must find to choose it. */
  public record Identity(String vendor, String model, String platform, List<Match> match) {}

  /** One string detection reads ({@link PlatformFacts}), and the pattern it must match whole. */
  public record Match(String source, String pattern) {}

  /**
   * A front-panel port.
   *
   * @param speed in Mbit/s
   */
  public record Port(String name, String device, String label, long speed,
      List<String> breakout, boolean optic) {}

  /** A measurement with where it comes from and where it raises an alarm. */
  public record Sensor(String name, Kind kind, Source source, Thresholds thresholds) {}

  /** What a sensor measures; its unit follows. */
  public enum Kind {
    TEMPERATURE("C"), FAN_SPEED("RPM"), VOLTAGE("V"), CURRENT("A"), POWER("W"),
    OPTICAL_POWER("dBm"), WEAR("%");

    public final String unit;

    Kind(String unit) {
      this.unit = unit;
    }
  }

  /** Where a sensor's reading comes from. */
  public sealed interface Source {
    /** In words, for {@code show environment} and alarms. */
    String describe();
  }

  /**
   * A hwmon channel: {@code input} ({@code temp1}) or the channel whose label is {@code label},
   * of the first hwmon device named {@code chip} (and whose device is {@code address}, if set).
   */
  public record Hwmon(String chip, String address, String input, String label) implements Source {
    @Override
    public String describe() {
      return "hwmon " + chip + (address == null ? "" : "@" + address) + " "
          + (input != null ? input : "\"" + label + "\"");
    }
  }

  /** The thermal zone whose type is {@code type}. */
  public record ThermalZone(String type) implements Source {
    @Override
    public String describe() {
      return "thermal zone " + type;
    }
  }

  /** A sensor of {@code ipmitool sdr}. */
  public record Ipmi(String sensor) implements Source {
    @Override
    public String describe() {
      return "IPMI \"" + sensor + "\"";
    }
  }

  /** A disk's temperature or wear, from {@code smartctl --json -a}. */
  public record Disk(String device, String reading) implements Source {
    @Override
    public String describe() {
      return "smartctl " + device + " " + reading;
    }
  }

  /** A pluggable module's reading, from {@code ethtool -m}. */
  public record Optic(String port, String reading) implements Source {
    @Override
    public String describe() {
      return "ethtool -m " + port + " " + reading;
    }
  }

  /** Alarm thresholds (null: none) and the hysteresis that clears them. */
  public record Thresholds(BigDecimal criticalHigh, BigDecimal warningHigh,
      BigDecimal warningLow, BigDecimal criticalLow, BigDecimal hysteresis) {
    public static final Thresholds NONE = new Thresholds(null, null, null, null,
        BigDecimal.valueOf(2));
  }

  public record Fan(String name, String sensor, String tray) {}

  public record Psu(String name, String statusIpmiSensor, List<String> sensors) {}

  public record Led(String name, String path, String purpose) {}

  public record Console(String device, long baud) {}

  public Optional<Sensor> sensor(String sensorName) {
    return sensors.stream().filter(s -> s.name().equals(sensorName)).findFirst();
  }
}
