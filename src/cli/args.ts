import * as v from "valibot";
import { splitList } from "../model/select.ts";
import { PERMISSION_MODES } from "../permissions/gate.ts";
import { SETTING_SOURCES } from "../config/settings.ts";
import { Effort } from "../agents/definitions.ts";

/**
 * `list` flags may repeat; each value adds to the list. An `optional` flag takes the next argument
 * unless it starts with "-" (or `--flag=value`), and is `true` without one, as Claude Code's
 * `--resume [value]` is; with `values`, only one of those (so `--thinking "a prompt"` keeps its prompt).
 */
type Flag = { key: string; takes: "none" | "value" | "optional" | "list"; values?: readonly string[] };

const THINKING = ["adaptive", "enabled", "disabled"] as const;

// Claude Code's flag names, so scripts written for it work unchanged.
const FLAGS: Record<string, Flag> = {
  "-p": { key: "print", takes: "none" },
  "--print": { key: "print", takes: "none" },
  "--output-format": { key: "outputFormat", takes: "value" },
  "--model": { key: "model", takes: "value" },
  "--provider": { key: "provider", takes: "value" },
  "--fallback-model": { key: "fallbackModel", takes: "value" },
  "--max-turns": { key: "maxTurns", takes: "value" },
  "--permission-mode": { key: "permissionMode", takes: "value" },
  "--dangerously-skip-permissions": { key: "skipPermissions", takes: "none" },
  "--tools": { key: "tools", takes: "value" },
  "--allowedTools": { key: "allowedTools", takes: "list" },
  "--allowed-tools": { key: "allowedTools", takes: "list" },
  "--disallowedTools": { key: "disallowedTools", takes: "list" },
  "--disallowed-tools": { key: "disallowedTools", takes: "list" },
  "--add-dir": { key: "addDir", takes: "list" },
  "--replay": { key: "replay", takes: "value" },
  "--verbose": { key: "verbose", takes: "none" },
  "-r": { key: "resume", takes: "optional" },
  "--resume": { key: "resume", takes: "optional" },
  "-c": { key: "continue", takes: "none" },
  "--continue": { key: "continue", takes: "none" },
  "--fork-session": { key: "forkSession", takes: "none" },
  "--session-id": { key: "sessionId", takes: "value" },
  "--no-session-persistence": { key: "noSessionPersistence", takes: "none" },
  "--max-budget-usd": { key: "maxBudgetUsd", takes: "value" },
  "--input-format": { key: "inputFormat", takes: "value" },
  "--include-partial-messages": { key: "includePartialMessages", takes: "none" },
  "--replay-user-messages": { key: "replayUserMessages", takes: "none" },
  "--system-prompt": { key: "systemPrompt", takes: "value" },
  "--system-prompt-file": { key: "systemPromptFile", takes: "value" },
  "--append-system-prompt": { key: "appendSystemPrompt", takes: "value" },
  "--append-system-prompt-file": { key: "appendSystemPromptFile", takes: "value" },
  "--json-schema": { key: "jsonSchema", takes: "value" },
  "--thinking": { key: "thinking", takes: "optional", values: THINKING },
  "--effort": { key: "effort", takes: "value" },
  "--betas": { key: "betas", takes: "list" },
  "--allow-dangerously-skip-permissions": { key: "allowDangerouslySkipPermissions", takes: "none" },
  // The Agent SDK's: nanocode reads the initialize request before the session starts whenever it comes first.
  "--await-initialize": { key: "awaitInitialize", takes: "none" },
  "--initialize-fields": { key: "initializeFields", takes: "value" },
  "--max-thinking-tokens": { key: "maxThinkingTokens", takes: "value" },
  "--agents": { key: "agents", takes: "value" },
  "--settings": { key: "settings", takes: "value" },
  "--setting-sources": { key: "settingSources", takes: "value" },
  // nanocode's own: Claude Code has no print-mode flag for folder trust.
  "--trust": { key: "trust", takes: "none" },
  // Claude Code turns its sandbox on in settings or /sandbox only; print mode needs a switch too.
  "--sandbox": { key: "sandbox", takes: "none" },
  "--no-sandbox": { key: "noSandbox", takes: "none" },
  "--mcp-config": { key: "mcpConfig", takes: "list" },
  "--strict-mcp-config": { key: "strictMcpConfig", takes: "none" },
  "--plugin-dir": { key: "pluginDir", takes: "list" },
  "-h": { key: "help", takes: "none" },
  "--help": { key: "help", takes: "none" },
  "-v": { key: "version", takes: "none" },
  "--version": { key: "version", takes: "none" },
};

const Dollars = v.pipe(v.string(), v.regex(/^\d*\.?\d+$/, "must be an amount in dollars, e.g. 0.50"), v.transform(Number), v.gtValue(0, "must be more than 0"));
/** --fallback-model takes a comma list. */
const ModelList = v.pipe(v.string(), v.transform(splitList), v.minLength(1, "needs at least one model"));

/** --setting-sources: "user,project" (empty: none of the files). */
const SettingSources = v.pipe(
  v.string(),
  v.transform(splitList),
  v.check((list) => list.every((s) => (SETTING_SOURCES as readonly string[]).includes(s)), `must be a comma list of ${SETTING_SOURCES.join(", ")}`),
  v.transform((list) => list as (typeof SETTING_SOURCES)[number][]),
);

const Count = v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(1, "must be at least 1"));

export const Options = v.object({
  print: v.optional(v.boolean(), false),
  outputFormat: v.optional(v.picklist(["text", "json", "stream-json"], "must be text, json or stream-json"), "text"),
  inputFormat: v.optional(v.picklist(["text", "stream-json"], "must be text or stream-json"), "text"),
  includePartialMessages: v.optional(v.boolean(), false),
  replayUserMessages: v.optional(v.boolean(), false),
  systemPrompt: v.optional(v.string()),
  systemPromptFile: v.optional(v.string()),
  appendSystemPrompt: v.optional(v.string()),
  appendSystemPromptFile: v.optional(v.string()),
  jsonSchema: v.optional(v.string()),
  /** --thinking alone is "enabled"; "adaptive" thinks with the default budget (nanocode has no adaptive thinking); "disabled" overrides settings. */
  thinking: v.optional(v.pipe(v.union([v.literal(true), v.picklist(THINKING)], `must be ${THINKING.join(", ")}`), v.transform((t) => (t === true ? "enabled" : t)))),
  effort: v.optional(Effort),
  /** API beta headers (anthropic-beta), comma lists. */
  betas: v.optional(v.pipe(v.array(v.string()), v.transform((lists) => lists.flatMap(splitList))), []),
  /** bypassPermissions may be switched on during the session (set_permission_mode). */
  allowDangerouslySkipPermissions: v.optional(v.boolean(), false),
  awaitInitialize: v.optional(v.boolean(), false),
  initializeFields: v.optional(v.string()),
  /** Claude Code flags nanocode accepts and cannot honour: each gets one warning line (see UNHONOURED). */
  unhonoured: v.optional(v.array(v.string()), []),
  maxThinkingTokens: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number))),
  mcpConfig: v.optional(v.array(v.string()), []),
  strictMcpConfig: v.optional(v.boolean(), false),
  /** Plugin folders used as they are for this run, besides the plugins enabled in settings. */
  pluginDir: v.optional(v.array(v.string()), []),
  model: v.optional(v.string()),
  provider: v.optional(v.string()),
  fallbackModel: v.optional(ModelList),
  maxTurns: v.optional(Count),
  permissionMode: v.optional(v.picklist(PERMISSION_MODES, `must be one of ${PERMISSION_MODES.join(", ")}`)),
  skipPermissions: v.optional(v.boolean(), false),
  /** The built-in tools offered ("default": all, "": none); see src/cli/tools-flag.ts. */
  tools: v.optional(v.string()),
  allowedTools: v.optional(v.array(v.string()), []),
  disallowedTools: v.optional(v.array(v.string()), []),
  addDir: v.optional(v.array(v.string()), []),
  replay: v.optional(v.string()),
  verbose: v.optional(v.boolean(), false),
  /** A session id (or .jsonl path, or in the REPL a search term); `true` alone: pick one (REPL only). */
  resume: v.optional(v.union([v.literal(true), v.pipe(v.string(), v.nonEmpty("needs a session id"))], "needs a session id")),
  continue: v.optional(v.boolean(), false),
  forkSession: v.optional(v.boolean(), false),
  sessionId: v.optional(v.pipe(v.string(), v.uuid("must be a UUID"))),
  noSessionPersistence: v.optional(v.boolean(), false),
  maxBudgetUsd: v.optional(Dollars),
  agents: v.optional(v.string()),
  /** A settings file or JSON, above the user's, project's and local files. */
  settings: v.optional(v.string()),
  settingSources: v.optional(SettingSources),
  /** This run trusts the folder: its repository configuration applies (see src/cli/trust.ts). */
  trust: v.optional(v.boolean(), false),
  /** Bash commands run in the OS sandbox for this run, or not (`noSandbox`), whatever `sandbox.enabled` says. */
  sandbox: v.optional(v.boolean(), false),
  noSandbox: v.optional(v.boolean(), false),
  help: v.optional(v.boolean(), false),
  version: v.optional(v.boolean(), false),
  positional: v.array(v.string()),
});
export type Options = v.InferOutput<typeof Options>;

export class UsageError extends Error {}

/**
 * Flags the Agent SDK passes for Claude Code features nanocode does not have: accepted, so the
 * session starts, with one warning line each (see `unhonouredLines`). `value`: it takes one.
 */
export const UNHONOURED: Record<string, { takes: "none" | "value"; why: string }> = {
  "--include-hook-events": { takes: "none", why: "hooks run, but their start and answer are not printed as messages" },
  "--thinking-display": { takes: "value", why: "thinking is shown as the model sends it" },
  "--task-budget": { takes: "value", why: "nanocode has no task budgets (--max-budget-usd limits cost)" },
  "--agent": { takes: "value", why: "the main session cannot run as a sub-agent type" },
  "--debug": { takes: "none", why: "nanocode keeps no debug log (--verbose shows more on stderr)" },
  "--debug-file": { takes: "value", why: "nanocode keeps no debug log (--verbose shows more on stderr)" },
  "--permission-prompts": { takes: "value", why: "not a nanocode feature" },
  "--resume-session-at": { takes: "value", why: "a session resumes whole" },
  "--resume-drops-turn": { takes: "value", why: "a session resumes whole" },
  "--channels": { takes: "value", why: "nanocode has no channels" },
  "--session-mirror": { takes: "none", why: "nanocode mirrors no sessions" },
  "--project-config-root": { takes: "value", why: "the project's configuration is read from the working directory" },
  "--plugin-dir-no-mcp": { takes: "value", why: "a plugin folder's MCP servers cannot be left out (use --plugin-dir)" },
  "--managed-settings": { takes: "value", why: "nanocode reads no managed settings" },
  "--managed-settings-in-initialize": { takes: "none", why: "nanocode reads no managed settings" },
};

/** One line per unhonoured flag given, once each. */
export function unhonouredLines(options: Pick<Options, "unhonoured">): string[] {
  return [...new Set(options.unhonoured)].map((name) => `${name} is not supported: ${UNHONOURED[name]!.why}; ignored`);
}

/** The one line a user sees when a command line cannot run (misuse, bad configuration); returns the exit code. */
export function fail(message: string): number {
  process.stderr.write(`Error: ${message}\n`);
  return 1;
}

const flagName = (key: string) => Object.entries(FLAGS).find(([name, f]) => f.key === key && name.startsWith("--"))?.[0] ?? key;

/** Parses argv (without the program name); throws UsageError with one clear line on misuse. */
export function parseArgs(argv: string[]): Options {
  const raw: Record<string, unknown> = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      (raw.positional as string[]).push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      (raw.positional as string[]).push(arg);
      continue;
    }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const flag = FLAGS[name];
    if (!flag && Object.hasOwn(UNHONOURED, name)) {
      const { takes } = UNHONOURED[name]!;
      if (takes === "value" && inline === undefined) i++;
      raw.unhonoured = [...((raw.unhonoured as string[] | undefined) ?? []), name];
      continue;
    }
    if (!flag) throw new UsageError(`unknown option '${name}' (see nanocode --help)`);
    if (flag.takes === "none") {
      if (inline !== undefined) throw new UsageError(`option '${name}' takes no value`);
      raw[flag.key] = true;
    } else if (flag.takes === "optional") {
      const next = argv[i + 1];
      const takesNext = next !== undefined && !next.startsWith("-") && (!flag.values || flag.values.includes(next));
      raw[flag.key] = inline ?? (takesNext ? argv[++i] : true);
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
      raw[flag.key] = flag.takes === "list" ? [...((raw[flag.key] as string[] | undefined) ?? []), value] : value;
    }
  }
  const parsed = v.safeParse(Options, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = v.getDotPath(issue) ?? "";
    throw new UsageError(`option '${flagName(key)}' ${issue.message}${issue.input !== undefined ? ` (got '${String(issue.input)}')` : ""}`);
  }
  const o = parsed.output;
  if (o.resume !== undefined && o.continue) throw new UsageError("options '--resume' and '--continue' cannot be used together");
  if (o.sandbox && o.noSandbox) throw new UsageError("options '--sandbox' and '--no-sandbox' cannot be used together");
  if (o.forkSession && o.resume === undefined && !o.continue) throw new UsageError("option '--fork-session' needs --resume or --continue");
  // A resumed session keeps its id; only a fork of it can take the one given.
  if (o.sessionId && (o.resume !== undefined || o.continue) && !o.forkSession) throw new UsageError("option '--session-id' with --resume or --continue needs --fork-session");
  return o;
}

export const HELP = `Usage: nanocode [options] [prompt]
       nanocode tools
       nanocode lsp
       nanocode mcp list|get|add|add-json|remove
       nanocode update

A small, fast coding agent for the terminal.

Options:
  -p, --print                      Run the prompt to completion, print the answer and exit
  --output-format <format>         Print-mode output: text (default), json (one result object) or
                                   stream-json (one JSON message per line)
  --input-format <format>          text (default) or stream-json (user messages, one JSON per line on stdin)
  --include-partial-messages       stream-json: also print each raw model stream event
  --replay-user-messages           stream-json input: print each message back, with its id, as its turn starts
  --system-prompt <text>           Replace the built-in system prompt (--system-prompt-file <path>)
  --append-system-prompt <text>    Add to the end of the system prompt (--append-system-prompt-file <path>)
  --json-schema <schema>           Ask for a final answer that fits this JSON Schema (result: structured_output)
  --thinking [enabled|adaptive|disabled]  Extended thinking (budget: --max-thinking-tokens, MAX_THINKING_TOKENS or
                                   settings); adaptive thinks with the default budget; disabled overrides settings
  --max-thinking-tokens <n>        Extended thinking's token budget (0: off)
  --effort <level>                 low, medium, high, xhigh or max: a thinking budget (low: none)
  --betas <list>                   API beta features to ask for (the anthropic-beta header)
  --mcp-config <file or json>      MCP servers ({"mcpServers": {...}}); repeat for several
  --plugin-dir <path>              Load the plugin in this folder for this run (repeatable)
  --strict-mcp-config              Use only the --mcp-config servers
  --model <name>                   Model id or alias (opus, sonnet, haiku), or <provider>/<model> for a
                                   provider named in settings; default $ANTHROPIC_MODEL or sonnet
  --provider <name>                anthropic, openai (any OpenAI-compatible server) or a name from settings
  --fallback-model <a,b>           Models to switch to, in order, when the model stays overloaded
  --max-turns <n>                  Stop after n model turns
  --permission-mode <mode>         default, acceptEdits, plan, bypassPermissions or dontAsk
  --dangerously-skip-permissions   Run every tool call without asking
  --allow-dangerously-skip-permissions  Let the Agent SDK switch to bypassPermissions during the session
  --tools <names>                  Offer only these built-in tools, e.g. "Bash,Edit,Read" ("" none, "default" all)
  --allowedTools <rules>           Allow these calls without asking, e.g. "Bash(npm test:*),Edit"
  --disallowedTools <rules>        Deny these calls, e.g. "Bash(git push:*)" (repeatable)
  --add-dir <dir>                  Also allow edits in this directory (repeatable)
  --replay <file>                  Play recorded model turns from a JSON script (no API key needed)
  --verbose                        More detail on stderr
  -c, --continue                   Continue the most recent session in this directory
  -r, --resume [id]                Resume a session by id; without one, pick from this directory's sessions
  --fork-session                   With --resume/--continue: continue in a new session, leaving the old one as it was
  --session-id <uuid>              Use this id for the new session (or the fork) instead of a random one
  --no-session-persistence         Do not save this session to disk
  --max-budget-usd <amount>        Stop once the run has cost this much (print mode)
  --agents <json>                  Extra sub-agent types: '{"name": {"description", "prompt", "tools", "model"}}'
  --settings <file or json>        More settings, above the user's, project's and local files
  --setting-sources <list>         Which settings files to read: user,project,local (default all)
  --trust                          Trust this folder for this run: the project's settings may allow tools,
                                   set env, hooks and providers, and start its .mcp.json servers and modules
  --sandbox, --no-sandbox          Run Bash commands in the OS sandbox (bubblewrap, Seatbelt), or not,
                                   whatever the sandbox.enabled setting says
  -v, --version                    Print the version
  -h, --help                       Show this help

Commands:
  tools                            List every tool and where it comes from (MCP servers included)
  lsp                              Start the project's language servers, say which came up (and why not), stop them
  mcp                              Manage MCP servers (nanocode mcp --help)
  update                           Install the latest release over this binary

Environment:
  ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL, ANTHROPIC_MODEL, NANOCODE_CONFIG_DIR,
  MCP_TIMEOUT (ms to connect a server), MCP_TOOL_TIMEOUT (ms per MCP tool call)
  OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (the openai provider)
  API_TIMEOUT_MS, CLAUDE_CODE_MAX_RETRIES (request timeout and retries; defaults 600000 and 10)
`;
