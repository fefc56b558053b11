import * as v from "valibot";
import type { Outcome } from "../agent/events.ts";
import { addUsage } from "../model/messages.ts";
import { addModelUsage } from "../model/models.ts";
import { defineTool, type Tool } from "../registry/define.ts";

export const STRUCTURED_OUTPUT_TOOL = "StructuredOutput";
const MAX_INVALID_CALLS = 5;

/** Asked of the model once when it answered in text instead of calling the tool (as Claude Code does). */
export const NUDGE = `You must now give your final answer by calling the ${STRUCTURED_OUTPUT_TOOL} tool, with input that matches its schema. Do not answer in text.`;

export class SchemaError extends Error {}

/**
 * `--json-schema`: a StructuredOutput tool whose input schema is the given JSON Schema. A call that
 * validates ends the run and becomes the result's `structured_output`; an invalid call goes back to
 * the model as an error listing what does not match.
 */
export class StructuredOutput {
  value: unknown;
  invalidCalls = 0;
  readonly tool: Tool;

  private constructor(schema: Record<string, unknown>, validate: (x: unknown) => string | undefined) {
    this.tool = defineTool({
      name: STRUCTURED_OUTPUT_TOOL,
      description: "Return your final answer as structured data. Call this exactly once, at the end, with input that matches the schema; the run ends when it validates.",
      input: v.pipe(v.record(v.string(), v.unknown()), v.metadata({ jsonSchema: schema })),
      readOnly: true,
      run: (input) => {
        const problem = validate(input);
        if (problem) {
          this.invalidCalls++;
          return { content: `The output does not match the required schema: ${problem}. Fix it and call ${STRUCTURED_OUTPUT_TOOL} again.`, isError: true };
        }
        this.value = input;
        return "Structured output accepted.";
      },
    });
  }

  /** Parses and compiles the schema given on the command line; throws SchemaError with one clear line. */
  static async fromArgument(text: string): Promise<StructuredOutput> {
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch (error) {
      throw new SchemaError(`--json-schema is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new SchemaError("--json-schema must be a JSON Schema object");
    const root = schema as Record<string, unknown>;
    if (root.type !== undefined && root.type !== "object") throw new SchemaError('--json-schema must describe an object ("type": "object"): tool inputs are objects');
    // ajv is only needed with --json-schema: load it then.
    const { default: Ajv } = await import("ajv");
    const ajv = new Ajv({ allErrors: true, strict: false });
    let check: ReturnType<typeof ajv.compile>;
    try {
      check = ajv.compile(root);
    } catch (error) {
      throw new SchemaError(`--json-schema is not a usable JSON Schema: ${(error as Error).message}`);
    }
    const validate = (x: unknown) => (check(x) ? undefined : ajv.errorsText(check.errors, { dataVar: "output" }));
    return new StructuredOutput({ type: "object", ...root }, validate);
  }

  /** The run ends once the answer validated, or after too many invalid attempts. */
  readonly endRunNow = (): boolean => this.value !== undefined || this.invalidCalls >= MAX_INVALID_CALLS;
}

/** Two runs of one turn (the answer, then the nudge) reported as one. */
export function mergeOutcomes(first: Outcome, second: Outcome): Outcome {
  const modelUsage = structuredClone(first.modelUsage);
  for (const [model, usage] of Object.entries(second.modelUsage)) addModelUsage(modelUsage, model, usage);
  return {
    ...second,
    numTurns: first.numTurns + second.numTurns,
    usage: addUsage({ ...first.usage }, second.usage),
    modelUsage,
    costUSD: first.costUSD + second.costUSD,
    durationApiMs: first.durationApiMs + second.durationApiMs,
    permissionDenials: [...first.permissionDenials, ...second.permissionDenials],
  };
}
