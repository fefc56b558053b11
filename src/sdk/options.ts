// The SDK's options and how each becomes a flag of the nanocode binary. Names follow Claude Code's
// Agent SDK, so code written for it ports by changing the import.

export type PermissionMode = "default" | "acceptEdits" | "plan" | "bypassPermissions" | "dontAsk";

/** A sub-agent type, as Claude Code's SDK defines one. */
export type AgentDefinition = {
  description: string;
  /** Its system prompt. */
  prompt: string;
  tools?: string[];
  disallowedTools?: string[];
  /** An alias or id, or "inherit". */
  model?: string;
  maxTurns?: number;
  /** Its thinking budget: none, 8k, 16k, 32k tokens, or as much as the model allows. */
  effort?: "low" | "medium" | "high" | "xhigh" | "max";
  /** Its mode, within what the run's mode allows: it may let less run, never more. */
  permissionMode?: PermissionMode;
  /** Skills put in full into its first message. */
  skills?: string[];
  /** Always started in the background. */
  background?: boolean;
};

export type Options = {
  /** Working directory of the run (default: the current one). */
  cwd?: string;
  /** Model id or alias (opus, sonnet, haiku). */
  model?: string;
  /** A model to switch to when the model stays overloaded. */
  fallbackModel?: string;
  /** Extended thinking's token budget (0: off). */
  maxThinkingTokens?: number;
  /** Sub-agent types for this run, by name. */
  agents?: Record<string, AgentDefinition>;
  maxTurns?: number;
  maxBudgetUsd?: number;
  /** Replaces the built-in system prompt; `{ type: "preset", append }` keeps it and adds to it. */
  systemPrompt?: string | { type: "preset"; preset?: string; append?: string };
  appendSystemPrompt?: string;
  /** Permission rules that pass without asking, e.g. `["Read", "Bash(npm test:*)"]`. */
  allowedTools?: string[];
  disallowedTools?: string[];
  permissionMode?: PermissionMode;
  /** Folders besides `cwd` that tools may work in. */
  additionalDirectories?: string[];
  /** MCP servers by name, in `.mcp.json`'s format. */
  mcpServers?: Record<string, unknown>;
  /** Only `mcpServers`: none from settings or `.mcp.json`. */
  strictMcpConfig?: boolean;
  /** Which settings files are read (default: all three). */
  settingSources?: ("user" | "project" | "local")[];
  /** nanocode's own: trust `cwd`, so its repository configuration (allow rules, env, hooks, .mcp.json servers…) applies (--trust). */
  trust?: boolean;
  /** Continue the session with this id, or the most recent one in `cwd`. */
  resume?: string;
  continue?: boolean;
  forkSession?: boolean;
  /** Also yield the raw model stream events (`stream_event` messages). */
  includePartialMessages?: boolean;
  /** The final answer must fit this JSON Schema; the result carries `structured_output`. */
  outputFormat?: { type: "json_schema"; schema: Record<string, unknown> };
  /** Aborting it stops the run: the last message is still its `result`. */
  abortController?: AbortController;
  /** Environment of the nanocode process (default: this process's). */
  env?: Record<string, string | undefined>;
  /** The nanocode binary (default: `$NANOCODE_BIN`, the npm platform package, then `nanocode` on PATH). */
  pathToNanocodeExecutable?: string;
  /** More flags, as `{ "flag-name": "value" }` (null for a flag without a value). */
  extraArgs?: Record<string, string | null>;
  /** Receives what the binary writes on stderr (notices, errors). */
  stderr?: (data: string) => void;
};

/** The command-line flags for `options`, after print mode's stream-json in and out. */
export function flagsFor(options: Options): string[] {
  const flags = ["-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json"];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) flags.push(flag, String(value));
  };
  add("--model", options.model);
  add("--fallback-model", options.fallbackModel);
  add("--max-thinking-tokens", options.maxThinkingTokens);
  if (options.agents) add("--agents", JSON.stringify(options.agents));
  add("--max-turns", options.maxTurns);
  add("--max-budget-usd", options.maxBudgetUsd);
  const system = options.systemPrompt;
  if (typeof system === "string") add("--system-prompt", system);
  const append = [typeof system === "object" ? system.append : undefined, options.appendSystemPrompt].filter(Boolean).join("\n\n");
  if (append) add("--append-system-prompt", append);
  // One flag per rule: a rule may hold a comma of its own.
  for (const rule of options.allowedTools ?? []) add("--allowedTools", rule);
  for (const rule of options.disallowedTools ?? []) add("--disallowedTools", rule);
  add("--permission-mode", options.permissionMode);
  for (const dir of options.additionalDirectories ?? []) add("--add-dir", dir);
  if (options.mcpServers) add("--mcp-config", JSON.stringify({ mcpServers: options.mcpServers }));
  if (options.strictMcpConfig) flags.push("--strict-mcp-config");
  add("--setting-sources", options.settingSources?.join(","));
  if (options.trust) flags.push("--trust");
  add("--resume", options.resume);
  if (options.continue) flags.push("--continue");
  if (options.forkSession) flags.push("--fork-session");
  if (options.includePartialMessages) flags.push("--include-partial-messages");
  if (options.outputFormat?.type === "json_schema") add("--json-schema", JSON.stringify(options.outputFormat.schema));
  for (const [name, value] of Object.entries(options.extraArgs ?? {})) {
    flags.push(`--${name}`);
    if (value !== null) flags.push(value);
  }
  return flags;
}
