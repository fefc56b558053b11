import { join, resolve } from "node:path";
import * as v from "valibot";
import type { Settings } from "../config/settings.ts";
import { gitRoot } from "../config/extension-dirs.ts";
import { isPresent, parseConfigJson, readConfigText } from "../fs/fs-error.ts";
import type { Plugin } from "../plugins/manifest.ts";
import { pluginVariables } from "../plugins/read.ts";

const Strings = v.record(v.string(), v.string("must be a string"));
const Timeout = v.pipe(v.number("must be a number of milliseconds"), v.integer(), v.minValue(1));

/** One server entry, in Claude Code's `.mcp.json` shape. `timeout` (ms per tool call) is ours. */
export const ServerConfig = v.variant("type", [
  v.object({
    type: v.optional(v.literal("stdio"), "stdio"),
    command: v.pipe(v.string("command must be a string"), v.nonEmpty("command must not be empty")),
    args: v.optional(v.array(v.string("args must be strings")), []),
    env: v.optional(Strings),
    cwd: v.optional(v.string()),
    timeout: v.optional(Timeout),
  }),
  v.object({ type: v.literal("http"), url: v.pipe(v.string(), v.url("url must be a URL")), headers: v.optional(Strings), timeout: v.optional(Timeout) }),
  v.object({ type: v.literal("sse"), url: v.pipe(v.string(), v.url("url must be a URL")), headers: v.optional(Strings), timeout: v.optional(Timeout) }),
], 'type must be "stdio", "http" or "sse"');
export type ServerConfig = v.InferOutput<typeof ServerConfig>;

export type ServerScope = "user" | "project" | "local" | "flag" | "plugin";
/** `unsetVariables`: the `${VAR}`s of its entry that are not set (shown by /mcp and `mcp get`, as Claude Code shows them, not at start-up). */
export type ConfiguredServer = { name: string; config: ServerConfig; scope: ServerScope; origin: string; unsetVariables?: string[] };

/**
 * `${VAR}` and `${VAR:-default}` in every string of a config, as Claude Code expands them: an unset
 * VAR without a default stays as written (the server then fails to start if it needs it) and is
 * added to `missing`.
 */
export function expandVariables<T>(value: T, env: Record<string, string | undefined>, missing: Set<string>): T {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (written, name: string, fallback?: string) => {
      const set = env[name];
      if (set !== undefined) return set;
      if (fallback !== undefined) return fallback;
      missing.add(name);
      return written;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((x) => expandVariables(x, env, missing)) as T;
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, expandVariables(x, env, missing)])) as T;
  return value;
}

/** Validates each server of a `mcpServers` object on its own: one bad entry costs only itself. */
export function parseServers(raw: unknown, scope: ServerScope, origin: string, problems: string[], env: Record<string, string | undefined> = process.env): ConfiguredServer[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push(`${origin}: "mcpServers" must be an object of servers by name; ignored`);
    return [];
  }
  const servers: ConfiguredServer[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    const missing = new Set<string>();
    const parsed = v.safeParse(ServerConfig, expandVariables(entry, env, missing));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = v.getDotPath(issue);
      const why = field && issue.received === "undefined" ? `"${field}" is missing` : field && !issue.message.includes(field) ? `${field}: ${issue.message}` : issue.message;
      problems.push(`${origin}: MCP server "${name}": ${why}; this server is skipped`);
      continue;
    }
    servers.push({ name, config: parsed.output, scope, origin, ...(missing.size ? { unsetVariables: [...missing] } : {}) });
  }
  return servers;
}

/** Reads a JSON file or inline JSON holding `{ "mcpServers": { … } }` (the --mcp-config and .mcp.json format). */
export function readServersFile(source: string, scope: ServerScope, problems: string[], cwd: string): ConfiguredServer[] {
  const inline = source.trimStart().startsWith("{");
  const origin = inline ? "--mcp-config" : source;
  // A --mcp-config file the user named may be a pipe (`<(…)`); .mcp.json must be a regular file.
  const read = inline ? { text: source } : readConfigText(resolve(cwd, source), { pipes: scope === "flag" });
  if (!("text" in read)) {
    problems.push(`${"problem" in read ? read.problem : `${origin}: file not found`}; no MCP servers read from it`);
    return [];
  }
  const json = parseConfigJson(read.text, origin, "no MCP servers read from it", problems);
  if (json === undefined) return [];
  const servers = (json as { mcpServers?: unknown })?.mcpServers;
  if (servers === undefined) {
    problems.push(`${origin}: has no "mcpServers" object; no MCP servers read from it`);
    return [];
  }
  return parseServers(servers, scope, origin, problems);
}

/** The project's `.mcp.json`: in cwd, else at the git root. */
export function projectMcpFile(cwd: string): string {
  const here = join(cwd, ".mcp.json");
  const root = gitRoot(cwd);
  return isPresent(here) || !root ? here : join(root, ".mcp.json");
}

/**
 * Claude Code's approval of one `.mcp.json` server: rejected when `disabledMcpjsonServers` names
 * it (in any settings file), approved when `enabledMcpjsonServers` names it or
 * `enableAllProjectMcpServers` is on, else pending: the REPL asks, print mode starts it.
 */
export function projectServerStatus(name: string, settings: Settings): "approved" | "rejected" | "pending" {
  if (settings.disabledMcpjsonServers?.includes(name)) return "rejected";
  if (settings.enableAllProjectMcpServers || settings.enabledMcpjsonServers?.includes(name)) return "approved";
  return "pending";
}

/** The REPL's answer about pending `.mcp.json` servers. all: enableAllProjectMcpServers; these: enabledMcpjsonServers; none: disabledMcpjsonServers. */
export type ProjectServerAnswer = "all" | "these" | "none";

/**
 * `trusted`: whether the folder's repository configuration applies (src/cli/trust.ts): without it
 * `.mcp.json` is not read. `startPending`: nobody can be asked (print mode, the SDK), so a pending
 * `.mcp.json` server starts, as Claude Code's do.
 */
export type McpSources = { settings: Settings; flags: string[]; strict: boolean; cwd: string; trusted: boolean; startPending: boolean; plugins?: Plugin[] };

/**
 * A plugin's servers, named `plugin:<plugin>:<server>` as Claude Code names them, with
 * `${CLAUDE_PLUGIN_ROOT}` and `${CLAUDE_PLUGIN_DATA}` expanded and both in a stdio server's environment.
 */
function pluginServers(plugin: Plugin, problems: string[]): ConfiguredServer[] {
  const variables = pluginVariables(plugin);
  return parseServers(plugin.mcpServers, "plugin", `plugin ${plugin.id}`, problems, { ...process.env, ...variables }).map((server) => ({
    ...server,
    name: `plugin:${plugin.name}:${server.name}`,
    config: "command" in server.config ? { ...server.config, env: { ...variables, ...server.config.env } } : server.config,
  }));
}

/**
 * Every configured server, later sources overriding earlier ones by name: settings' `mcpServers`,
 * then the project's `.mcp.json` (only in a folder the user trusts, and only the servers approved,
 * or pending ones where nobody can be asked), then `--mcp-config`. With `--strict-mcp-config`, only
 * the flags count. `pending`: `.mcp.json` servers that wait for the user's answer (the REPL asks).
 */
export function configuredServers({ settings, flags, strict, cwd, trusted, startPending, plugins = [] }: McpSources): { servers: ConfiguredServer[]; pending: ConfiguredServer[]; problems: string[] } {
  const problems: string[] = [];
  const found: ConfiguredServer[] = [];
  const pending: ConfiguredServer[] = [];
  if (!strict) {
    if (settings.mcpServers !== undefined) found.push(...parseServers(settings.mcpServers, "user", "settings", problems));
    for (const plugin of plugins) found.push(...pluginServers(plugin, problems));
    const file = projectMcpFile(cwd);
    if (trusted && isPresent(file)) {
      for (const server of readServersFile(file, "project", problems, cwd)) {
        const status = projectServerStatus(server.name, settings);
        if (status === "approved" || (status === "pending" && startPending)) found.push(server);
        else if (status === "pending") pending.push(server);
      }
    }
  }
  for (const flag of flags) found.push(...readServersFile(flag, "flag", problems, cwd));
  const byName = new Map(found.map((s) => [s.name, s]));
  return { servers: [...byName.values()], pending, problems };
}
