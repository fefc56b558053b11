import * as v from "valibot";
import type { Settings } from "../config/settings.ts";

export type HookConfig = NonNullable<Settings["hooks"]>;

/** One path or several, each relative to the plugin's folder (Claude Code writes them `./…`). */
const Paths = v.union([v.string(), v.array(v.string())], "must be a path or a list of paths");
/** A file of the component's config, several, or the config written inline. */
const PathsOrInline = v.union([v.string(), v.array(v.union([v.string(), v.record(v.string(), v.unknown())])), v.record(v.string(), v.unknown())], "must be a path, a list of paths or an object");

/** `.claude-plugin/plugin.json`, as Claude Code documents it. Only `name` is required when the file is there. */
export const PluginManifest = v.looseObject({
  name: v.pipe(v.string("must be a string"), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-' (no spaces)")),
  version: v.optional(v.string()),
  description: v.optional(v.string()),
  author: v.optional(v.union([v.string(), v.looseObject({ name: v.optional(v.string()) })])),
  commands: v.optional(Paths),
  agents: v.optional(Paths),
  skills: v.optional(Paths),
  outputStyles: v.optional(Paths),
  hooks: v.optional(PathsOrInline),
  mcpServers: v.optional(PathsOrInline),
  lspServers: v.optional(PathsOrInline),
  /** Options the user gives the plugin: values from settings' `pluginConfigs[id].options`, else `default`. */
  userConfig: v.optional(v.record(v.string(), v.looseObject({ title: v.optional(v.string()), description: v.optional(v.string()), required: v.optional(v.boolean()), default: v.optional(v.unknown()) }))),
});
export type PluginManifest = v.InferOutput<typeof PluginManifest>;

/** Keys Claude Code documents besides the ones read above: kept without a word. */
const DOCUMENTED = ["homepage", "repository", "license", "keywords", "dependencies", "channels", "monitors", "themes", "settings", "$schema", "strict", "category", "tags"];

/** Unknown top-level keys of a manifest: a warning each, as Claude Code gives, never a failure. */
export function unknownManifestKeys(json: Record<string, unknown>): string[] {
  const known = new Set([...Object.keys(PluginManifest.entries), ...DOCUMENTED]);
  return Object.keys(json).filter((key) => !known.has(key));
}

/** The component kinds found in folders: the standard one and the manifest's field naming more. */
export const FOLDER_KINDS = { commands: "commands", agents: "agents", skills: "skills", outputStyles: "output-styles" } as const;
export type FolderKind = keyof typeof FOLDER_KINDS;

/** A plugin as a session uses it: where its parts are, all paths absolute and inside `root`. */
export type Plugin = {
  /** The namespace of its commands, skills and agents (`/name:command`). */
  name: string;
  /** `name@marketplace`; `name@inline` for a --plugin-dir folder, as Claude Code names it. */
  id: string;
  root: string;
  /** Its writable folder ($CLAUDE_PLUGIN_DATA), kept across updates. */
  dataDir: string;
  manifest?: PluginManifest;
  folders: Record<FolderKind, string[]>;
  /** Its hooks by event, `${CLAUDE_PLUGIN_ROOT}` already replaced in their commands. */
  hooks: HookConfig;
  /** Raw `mcpServers` by name, still to be validated with the plugin's variables (see parts.ts). */
  mcpServers: Record<string, unknown>;
  /** Raw `lspServers` by name: read and checked to be an object; the LSP client is configured elsewhere. */
  lspServers: Record<string, unknown>;
  /** Its userConfig values by key, as text. */
  options: Record<string, string>;
  /** Its `bin/` folder, put on the Bash tool's PATH. */
  bin?: string;
};
