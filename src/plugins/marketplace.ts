// Marketplaces: a folder or git repository holding `.claude-plugin/marketplace.json`, recorded in
// `known_marketplaces.json` in Claude Code's shape, so Claude Code's own list is read the same way.

import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import * as v from "valibot";
import { atomicWrite } from "../fs/atomic-write.ts";
import { isDirectory, readConfigText } from "../fs/fs-error.ts";
import { isInside } from "../fs/paths.ts";
import { cloneAt, cloneUrl, FetchError, isGitUrl, pull } from "./fetch.ts";
import { claudePluginsHome, pluginsHome } from "./installed.ts";

const Name = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-' (no spaces)"));

/** Where a marketplace entry's plugin comes from, as Claude Code documents the kinds. */
export const PluginSource = v.union(
  [
    v.string(),
    v.looseObject({ source: v.literal("github"), repo: v.string(), ref: v.optional(v.string()), sha: v.optional(v.string()) }),
    v.looseObject({ source: v.literal("url"), url: v.string(), ref: v.optional(v.string()), sha: v.optional(v.string()) }),
    v.looseObject({ source: v.literal("git-subdir"), url: v.string(), path: v.string(), ref: v.optional(v.string()), sha: v.optional(v.string()) }),
    v.looseObject({ source: v.literal("npm"), package: v.string(), version: v.optional(v.string()), registry: v.optional(v.string()) }),
  ],
  'must be a relative path or an object with "source": "github", "url", "git-subdir" or "npm"',
);
export type PluginSource = v.InferOutput<typeof PluginSource>;

export const MarketplaceEntry = v.looseObject({ name: Name, source: PluginSource, description: v.optional(v.string()), version: v.optional(v.string()) });
export type MarketplaceEntry = v.InferOutput<typeof MarketplaceEntry>;

const MarketplaceFile = v.looseObject({
  name: Name,
  owner: v.optional(v.looseObject({ name: v.optional(v.string()) })),
  metadata: v.optional(v.looseObject({ pluginRoot: v.optional(v.string()), description: v.optional(v.string()) })),
  plugins: v.array(MarketplaceEntry),
});
export type Marketplace = v.InferOutput<typeof MarketplaceFile> & { root: string };

/** How a marketplace was added: a folder used in place, a git repository cloned, or a marketplace.json downloaded, under the plugins folder. */
const Source = v.union([v.looseObject({ source: v.literal("directory"), path: v.string() }), v.looseObject({ source: v.picklist(["git", "github", "url"]), url: v.optional(v.string()), repo: v.optional(v.string()) })]);
const Known = v.record(v.string(), v.looseObject({ source: Source, installLocation: v.string(), lastUpdated: v.optional(v.string()) }));
export type Known = v.InferOutput<typeof Known>;

export const MARKETPLACE_FILE = join(".claude-plugin", "marketplace.json");

function readKnownFile(home: string): Known {
  const read = readConfigText(join(home, "known_marketplaces.json"));
  if (!("text" in read)) return {};
  try {
    const parsed = v.safeParse(Known, JSON.parse(read.text));
    return parsed.success ? parsed.output : {};
  } catch {
    return {};
  }
}

/** nanocode's marketplaces, and Claude Code's that nanocode does not have under the same name (read only). */
export function knownMarketplaces(home?: string): { own: Known; all: Known } {
  const own = readKnownFile(pluginsHome());
  return { own, all: { ...readKnownFile(claudePluginsHome(home)), ...own } };
}

const saveKnown = (known: Known) => atomicWrite(join(pluginsHome(), "known_marketplaces.json"), `${JSON.stringify(known, null, 2)}\n`);

/** Reads and checks a marketplace's file in `root`; throws FetchError naming the file and field. */
export function readMarketplace(root: string): Marketplace {
  const path = join(root, MARKETPLACE_FILE);
  const read = readConfigText(path);
  if (!("text" in read)) throw new FetchError("problem" in read ? read.problem : `${path} does not exist: not a marketplace`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    throw new FetchError(`${path}: invalid JSON (${(error as Error).message})`);
  }
  const parsed = v.safeParse(MarketplaceFile, json);
  if (!parsed.success) throw new FetchError(`${path}: field "${v.getDotPath(parsed.issues[0]) ?? "the file"}": ${parsed.issues[0].message}`);
  return { ...parsed.output, root };
}

/** `marketplace add`: a local folder (used in place), a git URL (file:// too) or a GitHub owner/repo (cloned), or the URL of a marketplace.json. */
export async function addMarketplace(spec: string, cwd: string): Promise<Marketplace> {
  const { own } = knownMarketplaces();
  const local = resolve(cwd, spec);
  let marketplace: Marketplace;
  let source: Known[string]["source"];
  if (!isGitUrl(spec) && isDirectory(local)) {
    marketplace = readMarketplace(local);
    source = { source: "directory", path: local };
  } else if (/^https?:\/\/.*\.json$/.test(spec)) {
    marketplace = await download(spec);
    source = { source: "url", url: spec };
  } else if (isGitUrl(spec) || /^[\w.-]+\/[\w.-]+$/.test(spec)) {
    const temp = join(pluginsHome(), "marketplaces", `.adding-${process.pid}`);
    rmSync(temp, { recursive: true, force: true });
    cloneAt(cloneUrl(spec), temp);
    try {
      marketplace = readMarketplace(temp);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
    const at = join(pluginsHome(), "marketplaces", marketplace.name);
    rmSync(at, { recursive: true, force: true });
    renameSync(temp, at);
    marketplace = { ...marketplace, root: at };
    source = isGitUrl(spec) ? { source: "git", url: spec } : { source: "github", repo: spec };
  } else throw new FetchError(`${spec} is neither a folder, a git URL nor a GitHub owner/repo`);
  if (own[marketplace.name] && own[marketplace.name]!.installLocation !== marketplace.root) throw new FetchError(`a marketplace named "${marketplace.name}" is added already (nanocode plugin marketplace remove ${marketplace.name} first)`);
  await saveKnown({ ...own, [marketplace.name]: { source, installLocation: marketplace.root, lastUpdated: new Date().toISOString() } });
  return marketplace;
}

/** A marketplace.json at a URL, kept at `marketplaces/<name>/` (its plugins need sources of their own: there is no folder to be relative to). */
async function download(url: string): Promise<Marketplace> {
  let text: string;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new FetchError(`${url}: HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw error instanceof FetchError ? error : new FetchError(`${url}: ${(error as Error).message}`);
  }
  const temp = join(pluginsHome(), "marketplaces", `.downloading-${process.pid}`);
  await atomicWrite(join(temp, MARKETPLACE_FILE), text);
  try {
    const { name } = readMarketplace(temp);
    const at = join(pluginsHome(), "marketplaces", name);
    rmSync(at, { recursive: true, force: true });
    renameSync(temp, at);
    return readMarketplace(at);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The added marketplace `name`, read from where it lives; throws FetchError when there is none. */
export function marketplaceNamed(name: string): Marketplace {
  const entry = knownMarketplaces().all[name];
  if (!entry) throw new FetchError(`no marketplace named "${name}" (nanocode plugin marketplace list)`);
  return readMarketplace(entry.installLocation);
}

/** `marketplace update`: pulls a cloned marketplace (a folder is read in place, so it is always current). */
export async function updateMarketplace(name: string): Promise<string> {
  const { own } = knownMarketplaces();
  const entry = own[name];
  if (!entry) throw new FetchError(`no marketplace named "${name}" added with nanocode`);
  if (entry.source.source === "url") await download(entry.source.url!);
  const commit = entry.source.source === "directory" || entry.source.source === "url" ? undefined : pull(entry.installLocation);
  readMarketplace(entry.installLocation);
  await saveKnown({ ...own, [name]: { ...entry, lastUpdated: new Date().toISOString() } });
  return commit ? `at ${commit.slice(0, 12)}` : entry.source.source === "url" ? "downloaded again" : "read in place";
}

/** `marketplace remove`: forgets it and deletes its clone (never a folder added by path). Installed plugins stay. */
export async function removeMarketplace(name: string): Promise<void> {
  const { own } = knownMarketplaces();
  const entry = own[name];
  if (!entry) throw new FetchError(`no marketplace named "${name}" added with nanocode`);
  if (isInside(join(pluginsHome(), "marketplaces"), entry.installLocation) && existsSync(entry.installLocation)) rmSync(entry.installLocation, { recursive: true, force: true });
  const { [name]: _, ...rest } = own;
  mkdirSync(pluginsHome(), { recursive: true });
  await saveKnown(rest);
}
