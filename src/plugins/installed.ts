// The installed-plugins file, in Claude Code's layout (`installed_plugins.json`, version 2: each
// `name@marketplace` has its installations), so nanocode reads Claude Code's as it reads its own.

import { homedir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { configDir } from "../config/paths.ts";
import { atomicWrite } from "../fs/atomic-write.ts";
import { readConfigText } from "../fs/fs-error.ts";

export const PLUGIN_SCOPES = ["user", "project", "local"] as const;

const Installation = v.looseObject({
  scope: v.optional(v.string()),
  installPath: v.string(),
  version: v.optional(v.string()),
  gitCommitSha: v.optional(v.string()),
  installedAt: v.optional(v.string()),
  lastUpdated: v.optional(v.string()),
  /** For a project or local installation: the project it was made in. */
  projectPath: v.optional(v.string()),
});
export type Installation = v.InferOutput<typeof Installation>;

// Version 1 kept one installation per plugin; version 2 a list.
const InstalledFile = v.looseObject({ version: v.optional(v.number()), plugins: v.record(v.string(), v.union([Installation, v.array(Installation)])) });

/** nanocode's plugin folder: its registry files, the marketplaces it fetched and the plugin cache. */
export const pluginsHome = () => join(configDir(), "plugins");
/** Claude Code's, read only: plugins installed with Claude Code are used from there. */
export const claudePluginsHome = (home = homedir()) => join(home, ".claude", "plugins");

export type Installed = Record<string, Installation[]>;

/** The installations recorded in `home`'s file; a file that cannot be read is one line in `problems`. */
export function readInstalled(home: string, problems: string[]): Installed {
  const path = join(home, "installed_plugins.json");
  const read = readConfigText(path);
  if ("missing" in read) return {};
  if ("problem" in read) {
    problems.push(`${read.problem}; the plugins it lists are not loaded`);
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    problems.push(`${path}: invalid JSON (${(error as Error).message}); the plugins it lists are not loaded`);
    return {};
  }
  const parsed = v.safeParse(InstalledFile, json);
  if (!parsed.success) {
    problems.push(`${path}: field "${v.getDotPath(parsed.issues[0]) ?? "plugins"}": ${parsed.issues[0].message}; the plugins it lists are not loaded`);
    return {};
  }
  return Object.fromEntries(Object.entries(parsed.output.plugins).map(([id, entry]) => [id, Array.isArray(entry) ? entry : [entry]]));
}

export async function writeInstalled(home: string, installed: Installed): Promise<void> {
  await atomicWrite(join(home, "installed_plugins.json"), `${JSON.stringify({ version: 2, plugins: installed }, null, 2)}\n`);
}

/** The installation of `id` that applies in `cwd`: one made for this project, else one for the user. */
export function installationFor(installed: Installed, id: string, cwd: string): Installation | undefined {
  const all = installed[id] ?? [];
  return all.find((i) => i.projectPath === cwd) ?? all.find((i) => i.projectPath === undefined);
}

/** Where a plugin keeps data across updates ($CLAUDE_PLUGIN_DATA): its id with every other character a `-`. */
export const pluginDataDir = (id: string) => join(pluginsHome(), "data", id.replace(/[^A-Za-z0-9_.-]/g, "-"));
