import { resolve } from "node:path";
import type { Settings } from "../config/settings.ts";
import { FetchError } from "../plugins/fetch.ts";
import { PLUGIN_SCOPES, claudePluginsHome, pluginDataDir, pluginsHome, readInstalled } from "../plugins/installed.ts";
import { installPlugin, type PluginScope, setEnabled, uninstallPlugin, updatePlugin } from "../plugins/install.ts";
import { loadPlugins } from "../plugins/load.ts";
import type { Plugin } from "../plugins/manifest.ts";
import { addMarketplace, knownMarketplaces, MARKETPLACE_FILE, readMarketplace, removeMarketplace, updateMarketplace } from "../plugins/marketplace.ts";
import { readPlugin } from "../plugins/read.ts";
import { isPresent } from "../fs/fs-error.ts";
import { fail } from "./args.ts";

export const PLUGIN_HELP = `Usage: nanocode plugin <command>

  marketplace add <folder | git URL | owner/repo>   Add a marketplace (a folder is read in place, a repository cloned)
  marketplace list | update [name] | remove <name>
  install <plugin>[@marketplace] [--scope s]        Fetch a plugin into the cache and enable it (scope: user, project, local)
  uninstall | enable | disable <plugin@marketplace> [--scope s]
  update <plugin@marketplace> [--scope s]           Fetch the marketplace's current version again
  list                                              Installed and enabled plugins, and what each adds
  validate <folder>                                 Check a plugin or a marketplace folder

Plugins load at start-up from settings' enabledPlugins and --plugin-dir; nothing is fetched then.
`;

/** A mistake in what was asked: one line, exit 1. */
class Refused extends Error {}

/** What an enabled plugin adds, for `list`: a plugin runs code, so the user sees what before trusting it. */
export function pluginParts(plugin: Plugin): string {
  const hooks = Object.values(plugin.hooks).flat().length;
  const parts = [
    ...(["commands", "skills", "agents", "outputStyles"] as const).filter((kind) => plugin.folders[kind].length > 0).map((kind) => kind),
    ...(hooks ? [`${hooks} hook group${hooks === 1 ? "" : "s"}`] : []),
    ...Object.keys(plugin.mcpServers).map((name) => `MCP server ${name}`),
    ...Object.keys(plugin.lspServers).map((name) => `LSP server ${name}`),
    ...(plugin.bin ? ["bin/ on PATH"] : []),
  ];
  return parts.join(", ") || "nothing";
}

function list(settings: Settings, cwd: string, say: (line: string) => void): number {
  const problems: string[] = [];
  const own = readInstalled(pluginsHome(), problems);
  const claude = readInstalled(claudePluginsHome(), problems);
  const { plugins } = loadPlugins({ settings, dirs: [], cwd });
  const ids = new Set([...Object.keys(settings.enabledPlugins ?? {}), ...Object.keys(own), ...Object.keys(claude)]);
  if (ids.size === 0) say("No plugins installed. Add a marketplace and install one: nanocode plugin marketplace add <source>");
  for (const [name, entry] of Object.entries(knownMarketplaces().all)) {
    const available = availableIn(entry.installLocation).filter((p) => !ids.has(`${p.name}@${name}`));
    if (available.length) say(`Available in ${name}:\n${available.map((p) => `    ${p.name}${p.description ? `: ${p.description}` : ""}`).join("\n")}`);
  }
  for (const id of [...ids].sort()) {
    const plugin = plugins.find((p) => p.id === id);
    const installs = [...(own[id] ?? []).map((i) => `${i.scope ?? "user"} ${i.version ?? ""}`.trim()), ...(claude[id] ?? []).map((i) => `${i.scope ?? "user"} ${i.version ?? ""} (Claude Code's)`.trim())];
    const state = plugin ? "enabled" : settings.enabledPlugins?.[id] ? "enabled, not loaded" : "disabled";
    say(`${id}: ${state}${installs.length ? ` · installed: ${installs.join("; ")}` : " · not installed"}${plugin ? `\n    adds: ${pluginParts(plugin)}` : ""}`);
  }
  for (const problem of problems) say(`⚠ ${problem}`);
  return 0;
}

/** A marketplace's plugins, for `list`; one that cannot be read offers none. */
function availableIn(root: string): { name: string; description?: string }[] {
  try {
    return readMarketplace(root).plugins;
  } catch {
    return [];
  }
}

/** Checks a plugin folder, or a marketplace folder and every plugin of it that lives in it. */
function validate(path: string, say: (line: string) => void): number {
  const root = resolve(path);
  const checks: Array<{ dir: string; name?: string }> = [];
  if (isPresent(resolve(root, MARKETPLACE_FILE))) {
    const marketplace = readMarketplace(root);
    say(`marketplace ${marketplace.name}: ${marketplace.plugins.length} plugin${marketplace.plugins.length === 1 ? "" : "s"}`);
    for (const entry of marketplace.plugins) if (typeof entry.source === "string") checks.push({ dir: resolve(root, marketplace.metadata?.pluginRoot ?? ".", entry.source), name: entry.name });
  } else checks.push({ dir: root });
  let broken = 0;
  for (const { dir, name } of checks) {
    const read = readPlugin(dir, { fallbackName: name, dataDir: pluginDataDir, lint: true });
    if ("broken" in read) {
      broken++;
      say(`✗ ${read.broken.replace(/; it is skipped$/, "")}`);
      continue;
    }
    for (const warning of read.warnings) say(`⚠ ${warning}`);
    say(`✓ plugin ${read.plugin.name}: ${pluginParts(read.plugin)}`);
  }
  return broken ? 1 : 0;
}

/**
 * Marketplaces `extraKnownMarketplaces` offers that are not added, each with the command that adds
 * it: the user decides, since a marketplace's plugins run code.
 */
function offered(settings: Settings): { name: string; add: string }[] {
  const known = knownMarketplaces().all;
  return Object.entries(settings.extraKnownMarketplaces ?? {})
    .filter(([name]) => !known[name])
    .map(([name, { source }]) => ({ name, add: `nanocode plugin marketplace add ${source.repo ?? source.url ?? source.path ?? "?"}` }));
}

async function marketplace(words: string[], settings: Settings, cwd: string, say: (line: string) => void): Promise<number> {
  const [command, name] = words;
  if (command === "add" && name) {
    const added = await addMarketplace(name, cwd);
    say(`Added marketplace ${added.name} (${added.plugins.length} plugin${added.plugins.length === 1 ? "" : "s"}) from ${name}`);
  } else if (command === "list") {
    const { all } = knownMarketplaces();
    if (Object.keys(all).length === 0) say("No marketplaces added. Add one with: nanocode plugin marketplace add <folder | git URL | owner/repo>");
    for (const [known, entry] of Object.entries(all)) say(`${known}: ${entry.source.source} ${entry.source.path ?? entry.source.url ?? entry.source.repo ?? ""} · ${entry.installLocation}`);
    for (const offer of offered(settings)) say(`${offer.name}: offered by the project's settings, not added (${offer.add})`);
  } else if (command === "update") {
    for (const known of name ? [name] : Object.keys(knownMarketplaces().own)) say(`Updated marketplace ${known}: ${await updateMarketplace(known)}`);
  } else if (command === "remove" && name) {
    await removeMarketplace(name);
    say(`Removed marketplace ${name}; plugins installed from it stay installed`);
  } else throw new Refused(`nanocode plugin marketplace: unknown command\n${PLUGIN_HELP}`);
  return 0;
}

/** Runs `nanocode plugin …` (or the REPL's `/plugin …`): each line of its answer goes to `say`; returns the exit code. */
export async function pluginCommand(argv: string[], settings: Settings, cwd: string, say: (line: string) => void): Promise<number> {
  const scopeAt = argv.findIndex((a) => a === "--scope" || a === "-s");
  const scope = (scopeAt >= 0 ? argv[scopeAt + 1] : "user") as PluginScope;
  if (!PLUGIN_SCOPES.includes(scope)) throw new Refused(`--scope must be user, project or local (got '${scope}')`);
  const [command, target, ...extra] = argv.filter((_, i) => scopeAt < 0 || (i !== scopeAt && i !== scopeAt + 1));
  if (command === "marketplace") return marketplace([target ?? "", ...extra], settings, cwd, say);
  if (command === "list") return list(settings, cwd, say);
  if (!target || extra.length > 0) throw new Refused(command && command !== "help" && command !== "--help" ? `nanocode plugin ${command}: give one plugin\n${PLUGIN_HELP}` : PLUGIN_HELP.trimEnd());
  const marketplaces = Object.keys(knownMarketplaces().all);
  const id = target.includes("@") ? target : undefined;
  switch (command) {
    case "validate":
      return validate(target, say);
    case "install": {
      const offer = offered(settings).find((o) => target.endsWith(`@${o.name}`));
      if (offer) throw new Refused(`marketplace ${offer.name} is offered by the project's settings but not added; add it first if you trust it: ${offer.add}`);
      const done = await installPlugin(target, scope, cwd, marketplaces);
      say(`Installed ${done.id} ${done.installation.version} at ${scope} scope${done.installation.gitCommitSha ? ` (commit ${done.installation.gitCommitSha.slice(0, 12)})` : ""}; it loads in new sessions`);
      return 0;
    }
    case "update": {
      const { id: updated, from, to } = await updatePlugin(target, scope, cwd, marketplaces);
      const same = from?.version === to.version && from?.gitCommitSha === to.gitCommitSha;
      say(same ? `${updated} is up to date (${to.version})` : `Updated ${updated} from ${from?.version} to ${to.version}`);
      return 0;
    }
    case "uninstall":
    case "enable":
    case "disable": {
      if (!id) throw new Refused(`nanocode plugin ${command}: name the plugin as <plugin>@<marketplace>`);
      if (command === "uninstall") await uninstallPlugin(id, scope, cwd);
      else {
        const installed = [pluginsHome(), claudePluginsHome()].some((home) => id in readInstalled(home, []));
        if (command === "enable" && !installed) throw new Refused(`${id} is not installed (nanocode plugin install ${id})`);
        await setEnabled(id, command === "enable", scope, cwd);
      }
      say(`${command === "uninstall" ? "Uninstalled" : command === "enable" ? "Enabled" : "Disabled"} ${id} at ${scope} scope`);
      return 0;
    }
    default:
      throw new Refused(`nanocode plugin: unknown command '${command}'\n${PLUGIN_HELP}`);
  }
}

/** Why a plugin command could not be done, in one line; anything else is a bug and is thrown on. */
export function pluginCommandError(error: unknown): string {
  if (error instanceof Refused || error instanceof FetchError || (error as { code?: string }).code) return (error as Error).message;
  throw error;
}

export async function runPluginCommand(argv: string[], settings: Settings, cwd: string): Promise<number> {
  try {
    return await pluginCommand(argv, settings, cwd, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    return fail(pluginCommandError(error));
  }
}
