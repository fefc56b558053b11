import { toJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";

/**
 * The JSON Schema the model sees for a tool's valibot input schema. A schema that already has one
 * (`v.metadata({ jsonSchema })`: --json-schema, tools defined by JSON Schema elsewhere) uses it as is.
 */
export function inputJsonSchema(schema: v.GenericSchema): Record<string, unknown> {
  const given = (v.getMetadata(schema as never) as { jsonSchema?: Record<string, unknown> }).jsonSchema;
  if (given) return given;
  const { $schema: _, ...json } = toJsonSchema(schema, { errorMode: "ignore" }) as Record<string, unknown>;
  // Models trained on Claude Code expect closed objects; unknown keys are stripped on parse anyway.
  if (json.type === "object" && !("additionalProperties" in json)) json.additionalProperties = false;
  return json;
}
