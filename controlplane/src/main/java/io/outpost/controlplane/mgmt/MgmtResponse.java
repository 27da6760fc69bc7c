package io.outpost.controlplane.mgmt;

import io.outpost.controlplane.json.JsonValue;
import io.outpost.controlplane.json.JsonValue.JsonBoolean;
import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;

/**
 * The answer to one CLI command line, as it travels between daemon and client.
 *
 * @param output what the command printed
 * @param error empty on success; else the reason, and the command failed
 * @param column where in the line the error lies (for a caret under it), or -1
 * @param prompt the prompt to show next, e.g. {@code root@edge1# }
 * @param context a line shown above the prompt in configuration mode: {@code [edit interfaces]}
 * @param exit whether the session ended (the client should leave)
 */
public record MgmtResponse(String output, String error, int column, String prompt, String context, boolean exit) {

  public boolean ok() {
    return error.isEmpty();
  }

  public JsonObject toJson() {
    return JsonValue.object().put("output", output).put("error", error).put("column", column)
        .put("prompt", prompt).put("context", context).put("exit", exit).build();
  }

  public static MgmtResponse of(JsonObject o) {
    return new MgmtResponse(str(o, "output"), str(o, "error"),
        o.get("column") instanceof JsonNumber n ? n.decimal().intValue() : -1,
        str(o, "prompt"), str(o, "context"), o.get("exit") instanceof JsonBoolean b && b.value());
  }

  private static String str(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.value() : "";
  }
}
