import { mkdirSync } from "node:fs";
import { delimiter, resolve } from "node:path";
import { fsCause } from "../fs/fs-error.ts";
import type { Settings } from "../config/settings.ts";
import { claudePluginsHome, installationFor, pluginDataDir, pluginsHome, readInstalled } from "./installed.ts";
import type { HookConfig, Plugin } from "./manifest.ts";
import { pluginVariables, readPlugin } from "./read.ts";

export type LoadedPlugins = { plugins: Plugin[]; problems: string[] };

/**
 * The plugins of a session: each --plugin-dir folder as it is, then each `name@marketplace` that
 * `enabledPlugins` turns on, from nanocode's plugin cache or else from where Claude Code installed
 * it (read only). Nothing is fetched here. A plugin whose name is taken already is skipped with a line.
 */
export function loadPlugins(options: { settings: Settings; dirs: string[]; cwd: string; home?: string }): LoadedPlugins {
  const problems: string[] = [];
  const found: Array<{ root: string; id?: string; fallbackName?: string }> = options.dirs.map((dir) => ({ root: resolve(options.cwd, dir) }));
  const enabled = Object.entries(options.settings.enabledPlugins ?? {}).filter(([, on]) => on).map(([id]) => id);
  if (enabled.length > 0) {
    const own = readInstalled(pluginsHome(), problems);
    const claude = readInstalled(claudePluginsHome(options.home), problems);
    for (const id of enabled) {
      // One enabled but not installed (a team's settings name plugins each member installs) is passed
      // over in silence, as Claude Code does at start-up; `nanocode plugin list` shows it.
      const installation = installationFor(own, id, options.cwd) ?? installationFor(claude, id, options.cwd);
      if (installation) found.push({ root: installation.installPath, id, fallbackName: id.split("@")[0] });
    }
  }
  const plugins: Plugin[] = [];
  for (const { root, id, fallbackName } of found) {
    const read = readPlugin(root, { id, fallbackName, dataDir: pluginDataDir, configs: options.settings.pluginConfigs });
    if ("broken" in read) {
      problems.push(read.broken);
      continue;
    }
    problems.push(...read.warnings);
    if (plugins.some((p) => p.name === read.plugin.name)) problems.push(`plugin ${read.plugin.id}: another plugin named "${read.plugin.name}" is loaded already; it is skipped`);
    else plugins.push(withDataDir(read.plugin, problems));
  }
  return { plugins, problems };
}

/** $CLAUDE_PLUGIN_DATA exists before a plugin's hook or server may write there, as Claude Code makes it. */
function withDataDir(plugin: Plugin, problems: string[]): Plugin {
  const runsCode = Object.keys(plugin.hooks).length > 0 || Object.keys(plugin.mcpServers).length > 0 || Object.keys(plugin.lspServers).length > 0;
  if (!runsCode) return plugin;
  try {
    mkdirSync(plugin.dataDir, { recursive: true });
  } catch (error) {
    problems.push(`plugin ${plugin.id}: its data folder ${plugin.dataDir} cannot be made (${fsCause(error) ?? (error as Error).message})`);
  }
  return plugin;
}

/**
 * The settings' hooks with every plugin's after them, and the environment each plugin's commands
 * run with (CLAUDE_PLUGIN_ROOT, CLAUDE_PLUGIN_DATA).
 */
export function withPluginHooks(own: HookConfig | undefined, plugins: Plugin[]): { config: HookConfig; env: Map<string, Record<string, string>> } {
  const config: HookConfig = { ...own };
  const env = new Map<string, Record<string, string>>();
  for (const plugin of plugins) {
    for (const [event, groups] of Object.entries(plugin.hooks) as Array<[keyof HookConfig, HookConfig[keyof HookConfig]]>) {
      config[event] = [...(config[event] ?? []), ...(groups ?? [])];
      for (const group of groups ?? []) for (const hook of group.hooks) env.set(hook.command, pluginVariables(plugin));
    }
  }
  return { config, env };
}

/** Each plugin's `bin/` goes before the PATH the session's commands run with, while the plugin is enabled. */
export function putBinsOnPath(plugins: Plugin[], env: Record<string, string | undefined> = process.env): void {
  const bins = plugins.flatMap((p) => (p.bin ? [p.bin] : []));
  if (bins.length > 0) env.PATH = [...bins, env.PATH].filter(Boolean).join(delimiter);
}
