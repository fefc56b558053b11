import { realpathSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import * as v from "valibot";
import { parseSettings } from "../config/settings.ts";
import { isDirectory, isPresent, readConfigText } from "../fs/fs-error.ts";
import { isInside } from "../fs/paths.ts";
import { FOLDER_KINDS, type FolderKind, type HookConfig, type Plugin, PluginManifest, unknownManifestKeys } from "./manifest.ts";

/** Why a plugin cannot be used: it is skipped whole, with one line naming it and this. */
class Broken extends Error {}

export const MANIFEST = join(".claude-plugin", "plugin.json");

/**
 * The environment of a plugin's hooks and servers: its folders, and each userConfig value as
 * CLAUDE_PLUGIN_OPTION_<KEY>.
 */
export function pluginVariables(plugin: Pick<Plugin, "root" | "dataDir" | "options">): Record<string, string> {
  const options = Object.entries(plugin.options).map(([key, value]) => [`CLAUDE_PLUGIN_OPTION_${key.toUpperCase()}`, value]);
  return { CLAUDE_PLUGIN_ROOT: plugin.root, CLAUDE_PLUGIN_DATA: plugin.dataDir, ...Object.fromEntries(options) };
}

/** `${CLAUDE_PLUGIN_ROOT}`, `${CLAUDE_PLUGIN_DATA}` and `${user_config.KEY}` in every string of a hook or server config. */
export function expandPluginVariables<T>(value: T, plugin: Pick<Plugin, "root" | "dataDir" | "options">): T {
  if (typeof value === "string") {
    return value.replace(/\$\{(CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA|user_config\.([A-Za-z0-9_-]+))\}/g, (written, name: string, key?: string) => {
      if (key !== undefined) return plugin.options[key] ?? written;
      return name === "CLAUDE_PLUGIN_ROOT" ? plugin.root : plugin.dataDir;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((x) => expandPluginVariables(x, plugin)) as T;
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, expandPluginVariables(x, plugin)])) as T;
  return value;
}

/** The userConfig values: the user's from settings, else each option's default; a required one unset is a warning. */
function optionValues(manifest: PluginManifest | undefined, given: Record<string, unknown>, id: string, warnings: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, option] of Object.entries(manifest?.userConfig ?? {})) {
    const value = given[key] ?? option.default;
    if (value !== undefined) values[key] = typeof value === "string" ? value : JSON.stringify(value);
    else if (option.required) warnings.push(`plugin ${id}: its option "${key}"${option.title ? ` (${option.title})` : ""} is not set: set pluginConfigs["${id}"].options.${key} in settings`);
  }
  return values;
}

function readJson(path: string, what: string): unknown {
  const read = readConfigText(path);
  if ("missing" in read) throw new Broken(`${what} ${path} does not exist`);
  if ("problem" in read) throw new Broken(read.problem);
  try {
    return JSON.parse(read.text);
  } catch (error) {
    throw new Broken(`${path}: invalid JSON (${(error as Error).message})`);
  }
}

/** A path the manifest names, made absolute; one leading outside the plugin's folder (by `..` or a link) breaks the plugin. */
function inside(root: string, path: string, field: string): string {
  const full = resolve(root, path);
  const real = isPresent(full) ? realpathSync(full) : full;
  if (!isInside(root, full) || !isInside(realpathSync(root), real)) throw new Broken(`"${field}" path ${path} leads outside the plugin's folder`);
  if (!isPresent(full)) throw new Broken(`"${field}" path ${path} does not exist`);
  return full;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Hook files and inline hooks, each checked as settings' `hooks` are: a bad entry costs only itself (a warning). */
function readHooks(root: string, manifest: PluginManifest | undefined, own: Pick<Plugin, "root" | "dataDir" | "options">, warnings: string[]): HookConfig {
  const standard = join(root, "hooks", "hooks.json");
  const sources: Array<{ json: unknown; origin: string }> = isPresent(standard) ? [{ json: readJson(standard, "hooks file"), origin: standard }] : [];
  for (const entry of list(manifest?.hooks)) {
    if (typeof entry === "string") sources.push({ json: readJson(inside(root, entry, "hooks"), "hooks file"), origin: join(root, entry) });
    else sources.push({ json: entry, origin: join(root, MANIFEST) });
  }
  const merged: HookConfig = {};
  for (const { json, origin } of sources) {
    // A hooks file holds `{ "hooks": { event: [...] } }`; inline hooks may be the events themselves.
    const events = typeof json === "object" && json !== null && "hooks" in json ? (json as { hooks: unknown }).hooks : json;
    const read = parseSettings(JSON.stringify({ hooks: events }), origin);
    if ("invalid" in read) throw new Broken(`${origin}: ${read.invalid}`);
    warnings.push(...read.problems);
    for (const [event, groups] of Object.entries(read.settings.hooks ?? {}) as Array<[keyof HookConfig, HookConfig[keyof HookConfig]]>) {
      const expanded = (groups ?? []).map((group) => ({ ...group, hooks: group.hooks.map((hook) => ({ ...hook, command: expandPluginVariables(hook.command, own) })) }));
      merged[event] = [...(merged[event] ?? []), ...expanded];
    }
  }
  return merged;
}

/** `.mcp.json` (servers at the top or under `mcpServers`) and the manifest's files or inline servers, later ones winning by name. */
function readServers(root: string, manifest: PluginManifest | undefined, field: "mcpServers" | "lspServers", file: string): Record<string, unknown> {
  const standard = join(root, file);
  const objects = isPresent(standard) ? [readJson(standard, `${field} file`)] : [];
  for (const entry of list(manifest?.[field])) objects.push(typeof entry === "string" ? readJson(inside(root, entry, field), `${field} file`) : entry);
  const servers: Record<string, unknown> = {};
  for (const json of objects) {
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Broken(`${field} must be an object of servers by name`);
    Object.assign(servers, field in json ? (json as Record<string, unknown>)[field] : json);
  }
  return servers;
}

/**
 * Reads the plugin in `root`. `fallbackName`: its name when it has no manifest (the marketplace
 * entry's), else the folder's. Returns the plugin and warnings, or the one line that says why it is skipped.
 */
export function readPlugin(root: string, options: { id?: string; fallbackName?: string; dataDir: (id: string) => string; /** settings' `pluginConfigs` */ configs?: Record<string, { options?: Record<string, unknown> }>; /** `validate`: unknown manifest fields are warned about (loading drops them in silence, as Claude Code does). */ lint?: boolean }): { plugin: Plugin; warnings: string[] } | { broken: string } {
  const label = options.id ?? options.fallbackName ?? basename(root);
  try {
    if (!isDirectory(root)) throw new Broken(`its folder ${root} does not exist`);
    const warnings: string[] = [];
    let manifest: PluginManifest | undefined;
    if (isPresent(join(root, MANIFEST))) {
      const json = readJson(join(root, MANIFEST), "manifest");
      const parsed = v.safeParse(PluginManifest, json);
      if (!parsed.success) throw new Broken(`${join(root, MANIFEST)}: field "${v.getDotPath(parsed.issues[0]) ?? "the file"}": ${parsed.issues[0].message}`);
      manifest = parsed.output;
      if (options.lint) for (const key of unknownManifestKeys(json as Record<string, unknown>)) warnings.push(`${join(root, MANIFEST)}: unknown field "${key}" is ignored`);
    }
    const name = manifest?.name ?? options.fallbackName ?? basename(root);
    const id = options.id ?? `${name}@inline`;
    const own = { root, dataDir: options.dataDir(id), options: optionValues(manifest, options.configs?.[id]?.options ?? {}, id, warnings) };
    const folders = Object.fromEntries(
      (Object.keys(FOLDER_KINDS) as FolderKind[]).map((kind) => {
        const standard = join(root, FOLDER_KINDS[kind]);
        const named = list(manifest?.[kind]).map((path) => inside(root, path, kind));
        return [kind, [...new Set([...(isDirectory(standard) ? [standard] : []), ...named])]];
      }),
    ) as Record<FolderKind, string[]>;
    const plugin: Plugin = {
      name,
      id,
      root,
      dataDir: own.dataDir,
      options: own.options,
      manifest,
      folders,
      hooks: readHooks(root, manifest, own, warnings),
      mcpServers: expandPluginVariables(readServers(root, manifest, "mcpServers", ".mcp.json"), own),
      lspServers: expandPluginVariables(readServers(root, manifest, "lspServers", ".lsp.json"), own),
      ...(isDirectory(join(root, "bin")) ? { bin: join(root, "bin") } : {}),
    };
    return { plugin, warnings };
  } catch (error) {
    if (error instanceof Broken) return { broken: `plugin ${label}: ${error.message}; it is skipped` };
    throw error;
  }
}
