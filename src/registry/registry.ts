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

/** The JSON Schema the model sees: the tool's own (MCP tools bring one), else the one derived from `input`. */
const specSchema = (tool: Tool) => tool.inputSchema ?? inputJsonSchema(tool.input);

/** What the model and the executor see of a tool, to tell a changed definition from the same one. */
const definition = (tool: Tool) => JSON.stringify([tool.description, specSchema(tool), typeof tool.readOnly === "function" ? "fn" : tool.readOnly]);

/** Every tool and slash command of this run, by name, with where each came from. */
export class Registry {
  private readonly tools = new Map<string, { tool: Tool; source: Source; deferred?: boolean }>();
  private readonly commands = new Map<string, { command: Command; source: Source }>();
  private specCache?: ToolSpec[];
  /** Tools the session does not offer (denied as a whole, left out by --tools): registered, but never listed nor found. */
  private withheld?: (name: string) => boolean;

  /**
   * Looks up tools not registered (yet): an MCP server still connecting answers for its
   * `mcp__server__*` names with a stand-in that waits for it.
   */
  fallback?: (name: string) => Tool | undefined;

  /**
   * Adds a tool or command; returns why it was refused, or undefined. Tools may arrive at any time
   * (MCP servers connect during the first request); a deferred tool is callable but left out of
   * the specs until revealed (see ToolSearch).
   */
  add(item: Tool | Command, source: Source, options: { deferred?: boolean } = {}): string | undefined {
    if (item.kind === "tool") {
      const shape = v.safeParse(ToolShape, item);
      if (!shape.success) return shapeError(ToolShape, shape.issues);
      if (specSchema(item).type !== "object") return "input must be an object schema: v.object({ ... })";
      const existing = this.tools.get(item.name);
      if (existing) return `a tool named "${item.name}" already exists (from ${existing.source}); rename one of them`;
      this.tools.set(item.name, { tool: item, source, deferred: options.deferred });
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

  /**
   * Makes `tools` the tools of `source` (an MCP server whose list changed): a tool whose definition
   * is the same stays as it is, so the specs (and the prompt cache) change only where the list
   * did; new tools are added as `options` says, tools gone are removed. Returns the ones refused, and why.
   */
  sync(source: Source, tools: Tool[], options: { deferred?: boolean } = {}): { name: string; why: string }[] {
    const wanted = new Set(tools.map((t) => t.name));
    for (const [name, entry] of this.tools) {
      if (entry.source !== source || wanted.has(name)) continue;
      this.tools.delete(name);
      this.specCache = undefined;
    }
    const refused: { name: string; why: string }[] = [];
    for (const tool of tools) {
      const entry = this.tools.get(tool.name);
      if (entry?.source !== source) {
        const why = this.add(tool, source, options);
        if (why) refused.push({ name: tool.name, why });
      } else if (definition(entry.tool) !== definition(tool)) {
        entry.tool = tool;
        this.specCache = undefined;
      }
    }
    return refused;
  }

  tool(name: string): Tool | undefined {
    if (this.withheld?.(name)) return undefined;
    return this.tools.get(name)?.tool ?? this.fallback?.(name);
  }

  /**
   * Hides the tools `test` names, those that arrive later (MCP servers) too: as in Claude Code, a
   * tool denied as a whole (`Bash`, `mcp__server`) leaves the model's context. A later call
   * replaces the test (a new session of the same registry).
   */
  withhold(test: (name: string) => boolean): void {
    this.withheld = test;
    this.specCache = undefined;
  }

  /** Leaves tools out of the specs (deferred) or puts them back (revealed). */
  setDeferred(names: readonly string[], deferred: boolean): void {
    for (const name of names) {
      const entry = this.tools.get(name);
      if (entry && Boolean(entry.deferred) !== deferred) {
        entry.deferred = deferred;
        this.specCache = undefined;
      }
    }
  }

  /** Tools registered but not offered to the model until revealed. */
  deferredTools(): Tool[] {
    return this.offered().filter((e) => e.deferred).map((e) => e.tool);
  }

  /** The tools of the session; `withheld` too: every tool registered. */
  listTools(options: { withheld?: boolean } = {}): { tool: Tool; source: Source }[] {
    return options.withheld ? [...this.tools.values()] : this.offered();
  }

  private offered() {
    return [...this.tools.values()].filter((e) => !this.withheld?.(e.tool.name));
  }

  command(name: string): Command | undefined {
    const direct = this.commands.get(name)?.command;
    return direct ?? [...this.commands.values()].find((c) => c.command.aliases?.includes(name))?.command;
  }

  /**
   * Removes the built-in commands the user's own Markdown commands and skills replace (`plan.md`
   * over /plan), as Claude Code finds a custom command before a built-in of the same name. An
   * alias they take (`quit`) is dropped from the built-in that had it.
   */
  shadowBuiltins(names: readonly string[]): void {
    const taken = new Set(names);
    for (const [name, entry] of this.commands) {
      if (entry.source !== "builtin") continue;
      if (taken.has(name)) this.commands.delete(name);
      else if (entry.command.aliases?.some((a) => taken.has(a))) entry.command = { ...entry.command, aliases: entry.command.aliases.filter((a) => !taken.has(a)) };
    }
  }

  listCommands(): { command: Command; source: Source }[] {
    return [...this.commands.values()];
  }

  /** A registry with the same commands and only the tools `keep` accepts, each seen through `view` (a sub-agent's tool set). */
  subset(keep: (tool: Tool) => boolean, view: (tool: Tool) => Tool = (tool) => tool): Registry {
    const copy = new Registry();
    copy.withheld = this.withheld;
    for (const [name, entry] of this.tools) if (keep(entry.tool)) copy.tools.set(name, { ...entry, tool: view(entry.tool) });
    for (const [name, entry] of this.commands) copy.commands.set(name, entry);
    copy.fallback = this.fallback && ((name) => ((tool) => (tool && keep(tool) ? tool : undefined))(this.fallback?.(name)));
    return copy;
  }

  /**
   * Tool definitions for the model, in a stable order so the prompt cache keeps hitting: tools in
   * the order they were added, then MCP tools by name (servers connect in any order).
   */
  specs(): ToolSpec[] {
    if (!this.specCache) {
      const offered = this.offered().filter((e) => !e.deferred);
      const isMcp = (e: { source: Source }) => e.source.startsWith("mcp:");
      const ordered = [...offered.filter((e) => !isMcp(e)), ...offered.filter(isMcp).sort((a, b) => (a.tool.name < b.tool.name ? -1 : 1))];
      this.specCache = ordered.map(({ tool }) => ({ name: tool.name, description: tool.description, input_schema: specSchema(tool) }));
    }
    return this.specCache;
  }
}
