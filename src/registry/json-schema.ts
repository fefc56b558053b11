import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";

/** The JSON Schema the model sees for a tool's valibot input schema. */
export function inputJsonSchema(schema: v.GenericSchema): Record<string, unknown> {
  const { $schema: _, ...json } = toJsonSchema(schema, { errorMode: "ignore" }) as Record<string, unknown>;
  // Models trained on Claude Code expect closed objects; unknown keys are stripped on parse anyway.
  if (json.type === "object" && !("additionalProperties" in json)) json.additionalProperties = false;
  return json;
}
