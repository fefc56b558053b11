// Installing a marketplace's plugin: fetched once into nanocode's plugin cache with its version or
// commit recorded, then turned on in the settings of one scope. Start-up only reads what is here.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { editSettingsFile } from "../config/edit-settings.ts";
import { isInside } from "../fs/paths.ts";
import { cloneAt, cloneUrl, commitOf, copyInto, FetchError, npmPack } from "./fetch.ts";
import { type Installation, type Installed, PLUGIN_SCOPES, pluginDataDir, pluginsHome, readInstalled, writeInstalled } from "./installed.ts";
import { type Marketplace, type MarketplaceEntry, marketplaceNamed } from "./marketplace.ts";
import { readPlugin } from "./read.ts";

export type PluginScope = (typeof PLUGIN_SCOPES)[number];

/** The settings file `enabledPlugins` of `scope` is written to. */
export function scopeSettings(scope: PluginScope, cwd: string, home = homedir()): string {
  if (scope === "user") return join(home, ".nanocode", "settings.json");
  return join(cwd, ".nanocode", scope === "project" ? "settings.json" : "settings.local.json");
}

/** `name@marketplace`, or a bare name found in exactly one added marketplace. */
export function findEntry(spec: string, marketplaces: string[]): { id: string; marketplace: Marketplace; entry: MarketplaceEntry } {
  const [name, at] = spec.split("@");
  const candidates = (at ? [at] : marketplaces).map((m) => marketplaceNamed(m)).filter((m) => m.plugins.some((p) => p.name === name));
  if (candidates.length === 0) throw new FetchError(`no plugin "${name}" in ${at ? `marketplace "${at}"` : "the added marketplaces"}`);
  if (candidates.length > 1) throw new FetchError(`"${name}" is in several marketplaces (${candidates.map((m) => m.name).join(", ")}): name one, as ${name}@<marketplace>`);
  const marketplace = candidates[0]!;
  return { id: `${name}@${marketplace.name}`, marketplace, entry: marketplace.plugins.find((p) => p.name === name)! };
}

/** Fetches an entry's plugin into a fresh folder; returns it and the commit (or the npm version) it came from. */
function fetchSource(marketplace: Marketplace, entry: MarketplaceEntry, into: string): { dir: string; commit?: string; version?: string } {
  const source = entry.source;
  if (typeof source === "string") {
    const base = resolve(marketplace.root, marketplace.metadata?.pluginRoot ?? ".");
    const dir = resolve(base, source);
    if (!isInside(marketplace.root, dir)) throw new FetchError(`plugin ${entry.name}: source ${source} leads outside the marketplace`);
    if (!existsSync(dir)) throw new FetchError(`plugin ${entry.name}: source ${source} does not exist in the marketplace`);
    return { dir, commit: commitOf(marketplace.root) };
  }
  if (source.source === "npm") {
    const { dir, version } = npmPack(source.version ? `${source.package}@${source.version}` : source.package, into, source.registry);
    return { dir, version };
  }
  const url = source.source === "github" ? cloneUrl(source.repo) : source.url;
  const commit = cloneAt(url, into, { ref: source.ref, sha: source.sha });
  const dir = source.source === "git-subdir" ? resolve(into, source.path) : into;
  if (!isInside(into, dir) || !existsSync(dir)) throw new FetchError(`plugin ${entry.name}: path ${source.source === "git-subdir" ? source.path : ""} is not in the repository`);
  return { dir, commit };
}

/**
 * Fetches `entry` into the cache (`cache/<marketplace>/<plugin>/<version or commit>`), checks
 * that it loads, and records it for `scope`. Returns the installation.
 */
async function fetchAndRecord(id: string, marketplace: Marketplace, entry: MarketplaceEntry, scope: PluginScope, cwd: string): Promise<Installation> {
  mkdirSync(pluginsHome(), { recursive: true });
  const scratch = mkdtempSync(join(pluginsHome(), ".fetch-"));
  try {
    const { dir, commit, version: packed } = fetchSource(marketplace, entry, join(scratch, "repo"));
    const read = readPlugin(dir, { id, fallbackName: entry.name, dataDir: pluginDataDir });
    if ("broken" in read) throw new FetchError(read.broken.replace(/; it is skipped$/, "; not installed"));
    const version = entry.version ?? read.plugin.manifest?.version ?? packed ?? commit?.slice(0, 12) ?? "unknown";
    const installPath = join(pluginsHome(), "cache", marketplace.name, entry.name, version);
    copyInto(dir, installPath);
    const now = new Date().toISOString();
    const installation: Installation = { scope, installPath, version, ...(commit ? { gitCommitSha: commit } : {}), installedAt: now, lastUpdated: now, ...(scope === "user" ? {} : { projectPath: cwd }) };
    const installed = readInstalled(pluginsHome(), []);
    const others = (installed[id] ?? []).filter((i) => !sameSlot(i, installation));
    await writeInstalled(pluginsHome(), { ...installed, [id]: [...others, installation] });
    return installation;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const sameSlot = (a: Installation, b: Pick<Installation, "scope" | "projectPath">) => a.scope === b.scope && a.projectPath === b.projectPath;

export async function setEnabled(id: string, on: boolean | undefined, scope: PluginScope, cwd: string): Promise<void> {
  await editSettingsFile(scopeSettings(scope, cwd), "the plugin settings", (settings) => {
    const enabled = (settings.enabledPlugins ??= {}) as Record<string, boolean>;
    if (on === undefined) delete enabled[id];
    else enabled[id] = on;
  });
}

export async function installPlugin(spec: string, scope: PluginScope, cwd: string, marketplaces: string[]): Promise<{ id: string; installation: Installation }> {
  const { id, marketplace, entry } = findEntry(spec, marketplaces);
  const installation = await fetchAndRecord(id, marketplace, entry, scope, cwd);
  await setEnabled(id, true, scope, cwd);
  return { id, installation };
}

/** Fetches the marketplace's current version again; says so when nothing changed. */
export async function updatePlugin(spec: string, scope: PluginScope, cwd: string, marketplaces: string[]): Promise<{ id: string; from?: Installation; to: Installation }> {
  const { id, marketplace, entry } = findEntry(spec, marketplaces);
  const from = installedIn(readInstalled(pluginsHome(), []), id, scope, cwd);
  if (!from) throw new FetchError(`${id} is not installed at ${scope} scope`);
  return { id, from, to: await fetchAndRecord(id, marketplace, entry, scope, cwd) };
}

export function installedIn(installed: Installed, id: string, scope: PluginScope, cwd: string): Installation | undefined {
  return (installed[id] ?? []).find((i) => sameSlot(i, { scope, projectPath: scope === "user" ? undefined : cwd }));
}

/** Forgets the installation of `scope`, its cache folder once no other installation uses it, and its enabledPlugins entry. */
export async function uninstallPlugin(id: string, scope: PluginScope, cwd: string): Promise<void> {
  const installed = readInstalled(pluginsHome(), []);
  const gone = installedIn(installed, id, scope, cwd);
  if (!gone) throw new FetchError(`${id} is not installed at ${scope} scope`);
  const rest = (installed[id] ?? []).filter((i) => i !== gone);
  const { [id]: _, ...others } = installed;
  await writeInstalled(pluginsHome(), rest.length ? { ...others, [id]: rest } : others);
  const stillUsed = Object.values(installed).flat().some((i) => i !== gone && i.installPath === gone.installPath);
  if (!stillUsed && isInside(join(pluginsHome(), "cache"), gone.installPath)) rmSync(gone.installPath, { recursive: true, force: true });
  await setEnabled(id, undefined, scope, cwd);
}
