import * as v from "valibot";
import type { ToolSpec } from "../model/provider.ts";
import type { Command, Tool } from "./define.ts";
import { inputJsonSchema } from "./json-schema.ts";

export type Source = "builtin" | (string & {});

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

const ToolShape = v.object({
  name: v.pipe(v.string(), v.regex(NAME, "name must be 1-64 letters, digits, _ or -")),
  description: v.pipe(v.string(), v.nonEmpty("description must not be empty")),
  input: v.custom<v.GenericSchema>(
    (s) => typeof s === "object" && s !== null && (s as { kind?: unknown }).kind === "schema",
    "input must be a valibot schema, e.g. v.object({ path: v.string() })",
  ),
  readOnly: v.optional(v.union([v.boolean(), v.function()], "readOnly must be a boolean or a function of the input")),
  concurrency: v.optional(v.function("concurrency must be a function of the input")),
  run: v.function("run must be a function (input, ctx) => result"),
});

const CommandShape = v.object({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:.-]{1,64}$/, "name must be letters, digits, _ : . or -")),
  description: v.string("description must be a string"),
  run: v.function("run must be a function (args, ctx) => result"),
});

function shapeError(shape: typeof ToolShape | typeof CommandShape, issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const field = v.getDotPath(issue) ?? "definition";
  // A missing field: say what it should be, in the field's own words.
  const entry = (shape.entries as Record<string, v.GenericSchema>)[field];
  const own = issue.received === "undefined" && entry ? v.safeParse(entry, undefined).issues?.[0]?.message : undefined;
  const message = own ?? issue.message;
  return message.startsWith("Invalid") ? `${field}: ${message}` : message;
}

/** Every tool and slash command of this run, by name, with where each came from. */
export class Registry {
  private readonly tools = new Map<string, { tool: Tool; source: Source }>();
  private readonly commands = new Map<string, { command: Command; source: Source }>();
  private specCache?: ToolSpec[];

  /** Adds a tool or command; returns why it was refused, or undefined. */
  add(item: Tool | Command, source: Source): string | undefined {
    if (item.kind === "tool") {
      const shape = v.safeParse(ToolShape, item);
      if (!shape.success) return shapeError(ToolShape, shape.issues);
      if (inputJsonSchema(item.input).type !== "object") return "input must be an object schema: v.object({ ... })";
      const existing = this.tools.get(item.name);
      if (existing) return `a tool named "${item.name}" already exists (from ${existing.source}); rename one of them`;
      this.tools.set(item.name, { tool: item, source });
      this.specCache = undefined;
      return undefined;
    }
    const shape = v.safeParse(CommandShape, item);
    if (!shape.success) return shapeError(CommandShape, shape.issues);
    const existing = this.commands.get(item.name);
    if (existing) return `a command named "/${item.name}" already exists (from ${existing.source}); rename one of them`;
    this.commands.set(item.name, { command: item, source });
    return undefined;
  }

  tool(name: string): Tool | undefined {
    return this.tools.get(name)?.tool;
  }

  listTools(): { tool: Tool; source: Source }[] {
    return [...this.tools.values()];
  }

  command(name: string): Command | undefined {
    const direct = this.commands.get(name)?.command;
    return direct ?? [...this.commands.values()].find((c) => c.command.aliases?.includes(name))?.command;
  }

  listCommands(): { command: Command; source: Source }[] {
    return [...this.commands.values()];
  }

  /** A registry with the same commands and only the tools `keep` accepts, each seen through `view` (a sub-agent's tool set). */
  subset(keep: (tool: Tool) => boolean, view: (tool: Tool) => Tool = (tool) => tool): Registry {
    const copy = new Registry();
    for (const { tool, source } of this.tools.values()) if (keep(tool)) copy.tools.set(tool.name, { tool: view(tool), source });
    for (const [name, entry] of this.commands) copy.commands.set(name, entry);
    return copy;
  }

  /** Tool definitions for the model, in a stable order so the prompt cache keeps hitting. */
  specs(): ToolSpec[] {
    this.specCache ??= [...this.tools.values()].map(({ tool }) => ({
      name: tool.name,
      description: tool.description,
      input_schema: inputJsonSchema(tool.input),
    }));
    return this.specCache;
  }
}
