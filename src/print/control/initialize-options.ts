// The Agent SDK sends part of a query's options in its first `initialize` request rather than as
// flags: they shape the session, so they are read before it is made and turned into the options
// the flags would have given (see src/cli/print-mode.ts). What is applied here is reported back
// in the initialize answer (`settings_applied`, …).

import * as v from "valibot";
import type { Options } from "../../cli/args.ts";
import { SDK_DEFAULT_PROMPT } from "../../context/system-prompt.ts";

/** Claude Code's marker between the cached and the per-session part of an array system prompt. */
const DYNAMIC_BOUNDARY = "__SYSTEM_PROMPT_DYNAMIC_BOUNDARY__";

const Fields = v.looseObject({
  /** [""]: no systemPrompt option (the minimal default); [text…]: the program's own prompt. Absent: the preset. */
  systemPrompt: v.optional(v.array(v.string("must be a list of strings"), "must be a list of strings")),
  appendSystemPrompt: v.optional(v.string("must be a string")),
  agents: v.optional(v.record(v.string(), v.looseObject({}), "must be an object of agent definitions")),
  jsonSchema: v.optional(v.record(v.string(), v.unknown(), "must be a JSON Schema object")),
  disallowedTools: v.optional(v.array(v.string("must be a list of rules"), "must be a list of rules")),
  mcpServers: v.optional(v.record(v.string(), v.looseObject({}), "must be an object of MCP server configurations")),
});

export type InitializeOptions = { options: Options; applied: Set<string> };

/** `options` with the initialize request's fields applied on top; throws Error naming a bad field. */
export function initializeOptions(options: Options, init: Record<string, unknown> | undefined): InitializeOptions {
  const applied = new Set<string>();
  if (!init) return { options, applied };
  const parsed = v.safeParse(Fields, init);
  if (!parsed.success) throw new Error(`initialize: ${v.getDotPath(parsed.issues[0]) ?? "request"} ${parsed.issues[0].message}`);
  const f = parsed.output;
  const next: Options = { ...options };
  const use = (field: keyof typeof f, change: () => void) => {
    if (f[field] === undefined) return;
    change();
    applied.add(String(field));
  };
  use("systemPrompt", () => {
    const parts = f.systemPrompt!.filter((p) => p !== DYNAMIC_BOUNDARY);
    const text = parts.join("\n\n");
    next.systemPrompt = text === "" ? SDK_DEFAULT_PROMPT : text;
  });
  use("appendSystemPrompt", () => (next.appendSystemPrompt = [options.appendSystemPrompt, f.appendSystemPrompt].filter(Boolean).join("\n\n")));
  use("agents", () => (next.agents = JSON.stringify({ ...(options.agents ? JSON.parse(options.agents) : {}), ...f.agents })));
  use("jsonSchema", () => (next.jsonSchema = JSON.stringify(f.jsonSchema)));
  use("disallowedTools", () => (next.disallowedTools = [...options.disallowedTools, ...f.disallowedTools!]));
  use("mcpServers", () => (next.mcpConfig = [...options.mcpConfig, JSON.stringify({ mcpServers: f.mcpServers })]));
  return { options: next, applied };
}
