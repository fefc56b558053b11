import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as v from "valibot";
import { fsCause, isPresent, readConfigText } from "../fs/fs-error.ts";
import { nearestName } from "../fs/near-names.ts";
import { HOOK_EVENTS, type HookEvent } from "./hook-events.ts";
import { compileMatcher } from "./hook-matcher.ts";
import { jsonErrorPlace } from "./json-spans.ts";
import { foldRepeatedKeys } from "./repeated-keys.ts";
import { PERMISSION_MODES } from "../permissions/gate.ts";
import { parseRuleText } from "./rule-syntax.ts";
import { SandboxSettings } from "./sandbox-settings.ts";
import { TrustedFolderList } from "./trusted-folders.ts";

const PermissionModeName = v.picklist(PERMISSION_MODES);

/** One permission rule, such as `Bash(npm test:*)`: a malformed one is reported and skipped alone. */
const RuleText = v.pipe(
  v.string(),
  v.check((text) => typeof parseRuleText(text) !== "string", (issue) => String(parseRuleText(String(issue.input)))),
);


const matcherProblem = (matcher: string) => {
  const compiled = compileMatcher(matcher);
  return "invalid" in compiled ? compiled.invalid : undefined;
};

/** `{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "…", "timeout": 30 }] }` */
export const HookMatcher = v.object({
  matcher: v.optional(v.pipe(v.string(), v.check((m) => !matcherProblem(m), (issue) => matcherProblem(String(issue.input))!))),
  hooks: v.array(
    v.looseObject({
      type: v.literal("command", 'only hooks of type "command" are supported'),
      command: v.pipe(v.string(), v.nonEmpty("the command is empty")),
      /** Seconds. */
      timeout: v.optional(v.pipe(v.number(), v.minValue(0.001, "must be positive"))),
    }),
  ),
});
export type HookMatcher = v.InferOutput<typeof HookMatcher>;

const Count = v.pipe(v.number(), v.integer(), v.minValue(1));
const Price = v.pipe(v.number(), v.minValue(0));

/** What a provider entry may say about one of its models; the rest comes from the model table. */
export const ModelSettings = v.object({
  contextWindow: v.optional(Count),
  maxOutput: v.optional(Count),
  images: v.optional(v.boolean()),
  thinking: v.optional(v.boolean()),
  caching: v.optional(v.boolean()),
  /** USD per million tokens. */
  price: v.optional(v.object({ input: Price, output: Price, cacheWrite: v.optional(Price, 0), cacheRead: v.optional(Price, 0) })),
});

/** A named model server: `--model <name>/<model>` or `--provider <name>` selects it. */
export const ProviderSettings = v.object({
  type: v.picklist(["openai", "anthropic"], 'must be "openai" or "anthropic"'),
  baseURL: v.pipe(v.string(), v.url("must be a URL")),
  /** The key itself, or "$NAME" to read it from the environment variable NAME. */
  apiKey: v.optional(v.string()),
  /** Model ids (the first is the default), or ids mapped to what the model table should know of them. */
  models: v.optional(v.union([v.array(v.string()), v.record(v.string(), ModelSettings)], "must be a list of model ids or an object of them")),
  /** The model for side jobs and Explore agents; default: the run's model (Anthropic's: Haiku). */
  smallModel: v.optional(v.string()),
  promptCaching: v.optional(v.boolean()),
  headers: v.optional(v.record(v.string(), v.string())),
});
export type ProviderSettings = v.InferOutput<typeof ProviderSettings>;

/**
 * settings.json, as Claude Code documents it; nanocode reads the same files. Each top-level key is
 * checked on its own, so one wrong field costs only that field, never the file's other rules.
 * Unknown keys are kept (Claude Code has many we do not use).
 */
export const Settings = v.looseObject({
  permissions: v.optional(
    v.looseObject({
      allow: v.optional(v.array(RuleText)),
      ask: v.optional(v.array(RuleText)),
      deny: v.optional(v.array(RuleText)),
      defaultMode: v.optional(PermissionModeName),
      additionalDirectories: v.optional(v.array(v.string())),
    }),
  ),
  // Each event is checked on its own and each matcher group item by item; a name that is no event is reported.
  hooks: v.optional(v.strictObject(Object.fromEntries(HOOK_EVENTS.map((event) => [event, v.optional(v.array(HookMatcher))])) as Record<HookEvent, v.OptionalSchema<v.ArraySchema<typeof HookMatcher, undefined>, undefined>>, "no hook event has this name")),
  env: v.optional(v.record(v.string(), v.string())),
  model: v.optional(v.string()),
  /** The output style: "default", a built-in one's name or one of output-styles/ (see context/output-styles.ts). */
  outputStyle: v.optional(v.string()),
  /** Extended thinking on for every session (Claude Code's key). */
  alwaysThinkingEnabled: v.optional(v.boolean()),
  /** Extended thinking's token budget; 0 turns it off. */
  thinkingBudget: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Models to switch to when the model stays overloaded: a comma list or an array, like --fallback-model. */
  fallbackModel: v.optional(v.union([v.string(), v.array(v.string())])),
  /** "anthropic", "openai" or a name from `providers`. */
  provider: v.optional(v.string()),
  providers: v.optional(v.record(v.string(), ProviderSettings)),
  // MCP servers by name; each is validated on its own by src/mcp/config.ts.
  mcpServers: v.optional(v.record(v.string(), v.unknown())),
  enableAllProjectMcpServers: v.optional(v.boolean()),
  enabledMcpjsonServers: v.optional(v.array(v.string())),
  disabledMcpjsonServers: v.optional(v.array(v.string())),
  // Language servers by name, in Claude Code's `.lsp.json` shape; each is validated on its own by src/lsp/config.ts.
  lspServers: v.optional(v.record(v.string(), v.unknown())),
  /** How long an edit waits for the language server's diagnostics of the files it touched (ms, default 3000; 0: no wait). */
  lspDiagnosticsTimeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Summarise the conversation automatically when it nears the context window (default true). */
  autoCompact: v.optional(v.boolean()),
  /** Folders (and the folders in them) whose repository configuration applies: see repository-config.ts. Read from the user's own settings only. */
  trustedFolders: v.optional(TrustedFolderList),
  /** Plugins by `name@marketplace`: true loads one (src/plugins), false keeps it off where a lower scope turned it on. */
  enabledPlugins: v.optional(v.record(v.string(), v.boolean("must be true or false"))),
  /** Each plugin's userConfig answers by `name@marketplace`: `{ "options": { "KEY": value } }`. */
  pluginConfigs: v.optional(v.record(v.string(), v.looseObject({ options: v.optional(v.record(v.string(), v.unknown())) }))),
  /** Marketplaces a team offers (project settings): `nanocode plugin` names them; nothing is added or installed without the user. */
  extraKnownMarketplaces: v.optional(v.record(v.string(), v.looseObject({ source: v.looseObject({ source: v.string(), repo: v.optional(v.string()), url: v.optional(v.string()), path: v.optional(v.string()) }) }))),
  /** The OS sandbox for Bash commands (src/sandbox). */
  sandbox: v.optional(SandboxSettings),
});
export type Settings = v.InferOutput<typeof Settings>;

/** The settings files `--setting-sources` chooses from, by Claude Code's names. */
export const SETTING_SOURCES = ["user", "project", "local"] as const;
/** `flag`: `--settings` (see settings-flag.ts). */
export type SettingsScope = (typeof SETTING_SOURCES)[number] | "flag";
/**
 * `root`: the folder a `/path` permission rule in this file is relative to, as Claude Code
 * anchors them: the file's own folder for user settings, the project for the project's files.
 */
export type SettingsFile = { scope: SettingsScope; path: string; root: string };

/** Every settings file, lowest precedence first. In each pair `.nanocode/` comes after `.claude/`, so it wins. */
export function settingsFiles(cwd: string, home = homedir()): SettingsFile[] {
  const pair = (scope: SettingsScope, base: string, name: string): SettingsFile[] =>
    [".claude", ".nanocode"].map((dir) => ({ scope, path: join(base, dir, name), root: scope === "user" ? join(base, dir) : base }));
  const all = [...pair("user", home, "settings.json"), ...pair("project", cwd, "settings.json"), ...pair("local", cwd, "settings.local.json")];
  // Working in the home folder, the user's files are the project's: read once, as the project's.
  return all.filter((file, i) => all.findLastIndex((other) => other.path === file.path) === i);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Later wins for values; arrays (rules, directories, hooks) accumulate without repeats; objects merge. */
export function mergeSettings(into: Record<string, Json>, from: Record<string, Json>): Record<string, Json> {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key];
    if (Array.isArray(current) && Array.isArray(value)) {
      const seen = new Set(current.map((x) => JSON.stringify(x)));
      into[key] = [...current, ...value.filter((x) => !seen.has(JSON.stringify(x)))];
    } else if (isObject(current) && isObject(value)) into[key] = mergeSettings({ ...current }, value);
    else into[key] = value;
  }
  return into;
}

const isObject = (x: unknown): x is Record<string, Json> => typeof x === "object" && x !== null && !Array.isArray(x);

type SchemaNode = v.GenericSchema & { wrapped?: SchemaNode; entries?: Record<string, SchemaNode>; item?: SchemaNode; value?: SchemaNode; message?: unknown };

/**
 * Validates `value` field by field, keeping every valid field and reporting each invalid one, so a
 * typo in one rule never drops the file's other rules (a lost deny rule would be a silent hole).
 */
function salvage(schema: SchemaNode, value: Record<string, Json>, path: string[], report: (field: string, message: string) => void): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    let entry = schema.entries?.[key];
    while (entry?.wrapped) entry = entry.wrapped;
    if (!entry && schema.type === "strict_object") {
      const meant = nearestName(key, Object.keys(schema.entries!));
      report([...path, key].join("."), `${schema.message}${meant ? ` (did you mean "${meant}"?)` : ""}`);
    } else if (!entry) out[key] = item;
    // valibot takes a list for an object (its keys "0", "1"…): `"mcpServers": [ … ]` would pass as servers named 0, 1.
    else if ((entry.entries || entry.type === "record") && Array.isArray(item)) report([...path, key].join("."), "must be an object of names and values, not a list");
    else if (entry.entries && isObject(item)) out[key] = salvage(entry, item, [...path, key], report);
    else if (entry.item && Array.isArray(item)) {
      const itemSchema = entry.item;
      out[key] = item.filter((x, i) => {
        const ok = v.safeParse(itemSchema, x);
        if (!ok.success) report([...path, key, String(i)].join("."), ok.issues[0].message);
        return ok.success;
      });
    } else if (entry.value && isObject(item)) {
      // A record (env, providers): each entry stands or falls on its own.
      const valueSchema = entry.value;
      const kept: Record<string, Json> = {};
      for (const [name, x] of Object.entries(item)) {
        const ok = v.safeParse(valueSchema, x);
        if (ok.success) kept[name] = ok.output as Json;
        else report([...path, key, name, v.getDotPath(ok.issues[0])].filter(Boolean).join("."), ok.issues[0].message);
      }
      out[key] = kept;
    } else {
      const checked = v.safeParse(entry, item);
      if (checked.success) out[key] = checked.output as Json;
      else report([...path, key, v.getDotPath(checked.issues[0])].filter(Boolean).join("."), checked.issues[0].message);
    }
  }
  return out;
}

type ReadSettings = { settings: Record<string, Json>; problems: string[] };

/** Reads one settings file; returns the valid part and one line per problem. */
export function readSettingsFile(path: string): ReadSettings {
  const file = readConfigText(path);
  if (!("text" in file)) return { settings: {}, problems: "problem" in file ? [`${file.problem}; this file is ignored`] : [] };
  const read = parseSettings(file.text, path);
  return "invalid" in read ? { settings: {}, problems: [`${path}: ${read.invalid}; this file is ignored`] } : read;
}

/**
 * Settings JSON from `origin` (a file's path, or `--settings`): the valid part and one line per
 * bad field, naming `origin`; or, when it is not a JSON object at all, why (`invalid`).
 */
export function parseSettings(text: string, origin: string): ReadSettings | { invalid: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const place = jsonErrorPlace(text);
    return { invalid: `invalid JSON at ${place ? `line ${place.line}, column ${place.column}: ${place.message}` : (error as Error).message}` };
  }
  if (!isObject(json)) return { invalid: "must hold a JSON object" };
  const problems: string[] = [];
  for (const { field, times } of foldRepeatedKeys(text, json)) {
    problems.push(`${origin}: field "${field}" is given ${times} times in one object; the last is used, with the deny and ask rules of every one kept`);
  }
  const settings = salvage(Settings, json, [], (field, message) => problems.push(`${origin}: field "${field}": ${message}; that field is ignored`));
  return { settings, problems };
}

/** A settings file that exists, with its own valid fields: a permission rule's meaning depends on its file. */
export type LoadedSettingsFile = SettingsFile & { settings: Settings };
export type LoadedSettings = { settings: Settings; files: LoadedSettingsFile[]; problems: string[] };

/**
 * Which settings a run reads: `sources` (`--setting-sources`; default all three) chooses among the
 * files, and `flag` (`--settings`, read by settings-flag.ts) comes last, above them all.
 */
export type SettingsChoice = { sources?: readonly SettingsScope[]; flag?: { file: LoadedSettingsFile; problems: string[] } };

/**
 * Why `.claude` or `.nanocode` is there but is no folder (a file, a link into a loop), said once
 * for every file it would hold; undefined when it is a folder or absent.
 */
function folderProblem(dir: string): string | undefined {
  if (!isPresent(dir)) return undefined;
  let cause: string;
  try {
    if (statSync(dir).isDirectory()) return undefined;
    cause = "is a file, not a folder";
  } catch (error) {
    cause = fsCause(error) ?? (error as Error).message;
  }
  return `${dir}: ${cause}; the settings, skills, commands, agents and rules it would hold are not read`;
}

/** Merges every settings file that exists (of the sources chosen). Broken files or fields are reported, never fatal. */
export function loadSettings(cwd: string, home = homedir(), choice: SettingsChoice = {}): LoadedSettings {
  const merged: Record<string, Json> = {};
  const files: LoadedSettingsFile[] = [];
  const problems: string[] = [];
  for (const file of settingsFiles(cwd, home)) {
    if (choice.sources && !choice.sources.includes(file.scope)) continue;
    const folder = folderProblem(dirname(file.path));
    if (folder && !problems.includes(folder)) problems.push(folder);
    if (folder || !isPresent(file.path)) continue;
    const read = readSettingsFile(file.path);
    files.push({ ...file, settings: read.settings as Settings });
    problems.push(...read.problems);
    mergeSettings(merged, read.settings);
  }
  if (choice.flag) {
    files.push(choice.flag.file);
    problems.push(...choice.flag.problems);
    mergeSettings(merged, choice.flag.file.settings as Record<string, Json>);
  }
  return { settings: merged as Settings, files, problems };
}
