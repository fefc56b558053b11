// What a repository's own configuration may do in a folder the user has not trusted. The project's
// and local settings files (`.claude/` and `.nanocode/`, settings.json and settings.local.json) are
// written by whoever wrote the repository: until the user trusts the folder they may only make a
// session safer (deny and ask rules, plan mode). Everything that widens permissions, runs a
// program, changes where requests and keys go, or reaches outside the project is left out here,
// in one place, so every consumer (permission engine, env, hooks, providers, MCP) sees the result.

import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { displayPath } from "../fs/paths.ts";
import type { PermissionMode } from "../permissions/gate.ts";
import { type HookMatcher, type LoadedSettings, type LoadedSettingsFile, mergeSettings, Settings } from "./settings.ts";

/** One thing the repository's configuration would have done: `key` as in the file, `detail` for the user to judge it by. */
/** `reported`: a line of its own says it was left out (an @import the memory loader skips), so the summary line leaves it out. */
export type IgnoredSetting = { source: string; key: string; detail: string; reported?: boolean };

/** Modes a repository may ask for: they let less run, never more. */
const NARROWING_MODES: readonly PermissionMode[] = ["default", "plan", "dontAsk"];

type Json = Parameters<typeof mergeSettings>[0];

const names = (record: object) => Object.keys(record).join(", ");

/**
 * Each top-level key a repository may set without trust, and the part of its value kept. A key not
 * listed is dropped: a setting added to nanocode later stays out of an untrusted folder until it is
 * judged here. Known keys that are dropped are reported; unknown keys do nothing anyway.
 */
const SAFE: Record<string, true | ((value: never, ignore: (key: string, detail: string) => void) => unknown)> = {
  permissions: (permissions: NonNullable<Settings["permissions"]>, ignore) => {
    const { allow, defaultMode, additionalDirectories, ask, deny } = permissions;
    if (allow?.length) ignore("permissions.allow", allow.join(", "));
    if (additionalDirectories?.length) ignore("permissions.additionalDirectories", additionalDirectories.join(", "));
    const narrowing = defaultMode === undefined || NARROWING_MODES.includes(defaultMode);
    if (!narrowing) ignore("permissions.defaultMode", defaultMode);
    return { ...(ask ? { ask } : {}), ...(deny ? { deny } : {}), ...(narrowing && defaultMode ? { defaultMode } : {}) };
  },
  hooks: (hooks: NonNullable<Settings["hooks"]>, ignore) => {
    for (const [event, groups] of Object.entries(hooks)) {
      const commands = (Array.isArray(groups) ? (groups as HookMatcher[]) : []).flatMap((group) => group.hooks.map((hook) => hook.command));
      if (commands.length) ignore(`hooks.${event}`, commands.join("; "));
    }
  },
  env: (env: Record<string, string>, ignore) => {
    for (const [name, value] of Object.entries(env)) ignore(`env.${name}`, value);
  },
  providers: (providers: NonNullable<Settings["providers"]>, ignore) => {
    for (const [name, entry] of Object.entries(providers)) ignore(`providers.${name}`, entry.baseURL);
  },
  mcpServers: (servers: Record<string, unknown>, ignore) => {
    if (Object.keys(servers).length) ignore("mcpServers", names(servers));
  },
  enableAllProjectMcpServers: (on: boolean, ignore) => {
    if (on) ignore("enableAllProjectMcpServers", "every server of .mcp.json");
  },
  enabledMcpjsonServers: (list: string[], ignore) => {
    if (list.length) ignore("enabledMcpjsonServers", list.join(", "));
  },
  // Which of the user's providers gets the requests (and its key) is theirs to choose.
  provider: (name: string, ignore) => {
    ignore("provider", name);
  },
  trustedFolders: (list: string[], ignore) => {
    if (list.length) ignore("trustedFolders", list.join(", "));
  },
  disabledMcpjsonServers: true,
  model: true,
  fallbackModel: true,
  alwaysThinkingEnabled: true,
  thinkingBudget: true,
  autoCompact: true,
};

/** The part of one repository settings file that applies without trust, and what was left out. */
export function untrustedPart(settings: Settings, source: string): { kept: Settings; ignored: IgnoredSetting[] } {
  const kept: Record<string, unknown> = {};
  const ignored: IgnoredSetting[] = [];
  const ignore = (key: string, detail: string) => ignored.push({ source, key, detail });
  for (const [key, value] of Object.entries(settings)) {
    const rule = SAFE[key];
    if (rule === true) kept[key] = value;
    else if (rule) {
      const part = rule(value as never, ignore);
      if (part !== undefined) kept[key] = part;
    } else if (key in Settings.entries) ignore(key, JSON.stringify(value));
  }
  return { kept: kept as Settings, ignored };
}

/**
 * Whether a settings file is the repository's: the project's and local files, unless the project
 * is the home folder, where those files are the user's own (~/.claude, ~/.nanocode).
 */
export function isRepositoryFile(file: Pick<LoadedSettingsFile, "scope" | "path">, home = homedir()): boolean {
  if (file.scope !== "project" && file.scope !== "local") return false;
  const dir = dirname(file.path);
  return dir !== join(home, ".claude") && dir !== join(home, ".nanocode");
}

/**
 * `loaded` as it applies in a folder the user has not trusted: each repository file cut down to
 * what is safe, the merge done again in the same order; `ignored` lists what was left out.
 */
export function withoutRepositoryConfig(loaded: LoadedSettings, cwd: string, home = homedir()): { loaded: LoadedSettings; ignored: IgnoredSetting[] } {
  const ignored: IgnoredSetting[] = [];
  const files = loaded.files.map((file) => {
    if (!isRepositoryFile(file, home)) return file;
    const part = untrustedPart(file.settings, displayPath(cwd, file.path));
    ignored.push(...part.ignored);
    return { ...file, settings: part.kept };
  });
  const settings = files.reduce((merged, file) => mergeSettings(merged, file.settings as Json), {} as Json) as Settings;
  return { loaded: { ...loaded, settings, files }, ignored };
}
