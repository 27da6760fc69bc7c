package io.outpost.controlplane.health;

import io.outpost.controlplane.json.JsonParser;
import io.outpost.controlplane.json.JsonSyntaxException;
import io.outpost.controlplane.json.JsonValue;
import java.math.BigDecimal;

/**
 * The readings of {@code smartctl --json -a DEVICE} (smartmontools 7): the drive's current
 * temperature ({@code temperature.current}) and, for NVMe, the endurance used
 * ({@code nvme_smart_health_information_log.percentage_used}). smartctl's own error (a device
 * it cannot open or identify) is the sensor's failure, with smartctl's message.
 */
final class SmartctlJson {
  private SmartctlJson() {}

  /**
   * The reading {@code temperature} or {@code wear} of the output.
   *
   * @throws IllegalArgumentException naming why there is none
   */
  static BigDecimal reading(String json, String reading) {
    JsonValue root;
    try {
      root = JsonParser.parse(json);
    } catch (JsonSyntaxException e) {
      throw new IllegalArgumentException("smartctl printed no JSON: " + e.getMessage());
    }
    BigDecimal value = reading.equals("wear")
        ? number(root, "nvme_smart_health_information_log", "percentage_used")
        : number(root, "temperature", "current");
    if (value != null) {
      return value;
    }
    String message = firstMessage(root);
    throw new IllegalArgumentException(message != null ? "smartctl: " + message
        : "smartctl reports no " + reading);
  }

  private static BigDecimal number(JsonValue root, String object, String member) {
    if (root instanceof JsonValue.JsonObject o
        && o.get(object) instanceof JsonValue.JsonObject inner
        && inner.get(member) instanceof JsonValue.JsonNumber n) {
      return new BigDecimal(n.text());
    }
    return null;
  }

  private static String firstMessage(JsonValue root) {
    if (root instanceof JsonValue.JsonObject o && o.get("smartctl") instanceof JsonValue.JsonObject s
        && s.get("messages") instanceof JsonValue.JsonArray messages && !messages.items().isEmpty()
        && messages.items().getFirst() instanceof JsonValue.JsonObject m
        && m.get("string") instanceof JsonValue.JsonString text) {
      return text.value();
    }
    return null;
  }
}
