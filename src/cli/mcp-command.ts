import { homedir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import type { Settings } from "../config/settings.ts";
import { atomicWrite } from "../fs/atomic-write.ts";
import { readConfigText } from "../fs/fs-error.ts";
import { type ConfiguredServer, configuredServers, projectMcpFile, ServerConfig } from "../mcp/config.ts";
import { McpConnection } from "../mcp/connection.ts";
import { fail } from "./args.ts";

export const MCP_HELP = `Usage: nanocode mcp <command>

  list                                 Every configured server, with a connection check
  get <name>                           One server's configuration and tools
  add [options] <name> <command or url> [args...]   (put -- before a command whose own options clash)
      -s, --scope local|project|user   local (default): .nanocode/settings.local.json; project: .mcp.json;
                                       user: ~/.nanocode/settings.json
      -t, --transport stdio|http|sse   default stdio
      -e, --env KEY=value              environment for a stdio server (repeatable)
      -H, --header "Name: value"       header for an http or sse server (repeatable)
  add-json [-s scope] <name> <json>    Add a server from its JSON configuration
  remove [-s scope] <name>             Remove a server (from every scope unless -s is given)

Servers also come from --mcp-config <file or json>. Values may use \${VAR} and \${VAR:-default}.
`;

type Scope = "local" | "project" | "user";

function scopeFile(scope: Scope, cwd: string, home = homedir()): string {
  if (scope === "project") return projectMcpFile(cwd);
  if (scope === "user") return join(home, ".nanocode", "settings.json");
  return join(cwd, ".nanocode", "settings.local.json");
}

/** A file `mcp add`/`remove` must change but cannot read: the command stops before writing anything. */
class UnusableFile extends Error {}

function readJson(path: string): Record<string, unknown> {
  const read = readConfigText(path);
  if ("missing" in read) return {};
  if ("problem" in read) throw new UnusableFile(`${read.problem}; nothing was changed`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    throw new UnusableFile(`${path} is not valid JSON (${(error as Error).message}); fix it first, nothing was changed`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new UnusableFile(`${path} does not hold a JSON object; fix it first, nothing was changed`);
  return json as Record<string, unknown>;
}

/** Changes one JSON file atomically, keeping every key it does not touch. */
async function editJson(path: string, change: (json: Record<string, unknown>) => void): Promise<void> {
  const json = readJson(path);
  change(json);
  await atomicWrite(path, `${JSON.stringify(json, null, 2)}\n`);
}

const serversOf = (json: Record<string, unknown>) => ((json.mcpServers ??= {}) as Record<string, unknown>);

async function addServer(name: string, config: unknown, scope: Scope, cwd: string): Promise<number> {
  const checked = v.safeParse(ServerConfig, config);
  if (!checked.success) return fail(`invalid server configuration: ${checked.issues[0].message}`);
  const file = scopeFile(scope, cwd);
  // Both files are read before either is written: a broken one leaves both as they were.
  if (scope === "project") readJson(scopeFile("local", cwd));
  await editJson(file, (json) => {
    serversOf(json)[name] = config;
  });
  // A server the user adds to .mcp.json is one they trust: enable it for themselves.
  if (scope === "project") {
    await editJson(scopeFile("local", cwd), (json) => {
      const enabled = new Set((json.enabledMcpjsonServers as string[] | undefined) ?? []);
      json.enabledMcpjsonServers = [...enabled.add(name)];
    });
  }
  process.stdout.write(`Added ${checked.output.type} MCP server "${name}" to ${file}\n`);
  return 0;
}

async function removeServer(name: string, scope: Scope | undefined, cwd: string): Promise<number> {
  const scopes: Scope[] = scope ? [scope] : ["local", "project", "user"];
  const removed: string[] = [];
  for (const s of scopes) {
    const file = scopeFile(s, cwd);
    if (!serversOf(readJson(file))[name]) continue;
    await editJson(file, (json) => {
      delete serversOf(json)[name];
    });
    removed.push(file);
  }
  if (removed.length === 0) return fail(`no MCP server named "${name}"${scope ? ` in the ${scope} scope` : ""}`);
  process.stdout.write(`Removed MCP server "${name}" from ${removed.join(", ")}\n`);
  return 0;
}

const describe = ({ config }: ConfiguredServer) => (config.type === "stdio" ? [config.command, ...config.args].join(" ") : `${config.url} (${config.type.toUpperCase()})`);

async function check(servers: ConfiguredServer[], cwd: string): Promise<McpConnection[]> {
  const connections = servers.map((s) => new McpConnection(s, cwd));
  await Promise.all(connections.map((c) => c.connect()));
  await Promise.all(connections.map((c) => c.close()));
  return connections;
}

/** Parses `-s x -t y -e K=V -H "N: v"` flags among positional words. */
function parseFlags(words: string[]): { flags: Record<string, string[]>; rest: string[] } {
  const names: Record<string, string> = { "-s": "scope", "--scope": "scope", "-t": "transport", "--transport": "transport", "-e": "env", "--env": "env", "-H": "header", "--header": "header" };
  const flags: Record<string, string[]> = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "--") {
      rest.push(...words.slice(i + 1));
      break;
    }
    const name = names[word];
    // After `--`, every word belongs to the server's command (`-- python -e …`).
    if (name) (flags[name] ??= []).push(words[++i] ?? "");
    else rest.push(word);
  }
  return { flags, rest };
}

/** `nanocode mcp …`. Returns the exit code. */
/** `settings` and `trusted` as the folder's trust decision leaves them (src/cli/trust.ts). */
export async function runMcpCommand(argv: string[], settings: Settings, trusted: boolean, cwd: string): Promise<number> {
  try {
    return await mcpCommand(argv, settings, trusted, cwd);
  } catch (error) {
    if (error instanceof UnusableFile) return fail(error.message);
    throw error;
  }
}

async function mcpCommand(argv: string[], settings: Settings, trusted: boolean, cwd: string): Promise<number> {
  const [command, ...words] = argv;
  const { flags: options, rest } = parseFlags(words);
  const scope = options.scope?.at(-1) as Scope | undefined;
  if (scope && !["local", "project", "user"].includes(scope)) return fail(`--scope must be local, project or user (got '${scope}')`);
  const listed = () => configuredServers({ settings, flags: [], strict: false, cwd, trusted, startPending: false });

  switch (command) {
    case "list": {
      const { servers, pending, problems } = listed();
      for (const problem of problems) process.stderr.write(`nanocode: ${problem}\n`);
      // A server nobody has answered for is not started to be checked: running it is what the question is about.
      for (const server of pending) process.stdout.write(`${server.name}: ${describe(server)} - ⏸ Pending approval (run nanocode here to answer, or use -p, which starts it)\n`);
      if (servers.length === 0 && pending.length === 0) {
        process.stdout.write("No MCP servers configured. Add one with: nanocode mcp add <name> <command> [args...]\n");
        return 0;
      }
      for (const c of await check(servers, cwd)) {
        const state = c.state === "connected" ? `✓ Connected (${c.tools.length} tools)` : `✗ Failed to connect: ${c.error}`;
        process.stdout.write(`${c.name}: ${describe(c.server)} - ${state}\n`);
      }
      return 0;
    }
    case "get": {
      const { servers, pending } = listed();
      const server = servers.find((s) => s.name === rest[0]);
      if (!server && pending.some((s) => s.name === rest[0])) return fail(`MCP server "${rest[0]}" of .mcp.json is pending approval: run nanocode here to answer, or use -p, which starts it`);
      if (!server) return fail(`no MCP server named "${rest[0] ?? ""}" (see nanocode mcp list)`);
      const [c] = await check([server], cwd);
      const { config } = server;
      const lines = [`${server.name}:`, `  Scope: ${server.scope} (${server.origin})`, `  Type: ${config.type}`];
      if (config.type === "stdio") lines.push(`  Command: ${config.command}`, `  Args: ${config.args.join(" ")}`, ...Object.keys(config.env ?? {}).map((k) => `  Env: ${k}=…`));
      else lines.push(`  URL: ${config.url}`, ...Object.keys(config.headers ?? {}).map((k) => `  Header: ${k}: …`));
      if (server.unsetVariables) lines.push(`  Unset environment variables: ${server.unsetVariables.join(", ")} (left as written; \${VAR:-default} gives a default)`);
      lines.push(`  Status: ${c!.state === "connected" ? "✓ Connected" : `✗ Failed to connect: ${c!.error}`}`);
      for (const tool of c!.tools) lines.push(`  Tool: ${tool.name}${tool.annotations?.readOnlyHint ? " (read-only)" : ""}`);
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    }
    case "add": {
      const [name, target, ...args] = rest;
      if (!name || !target) return fail("usage: nanocode mcp add [-s scope] [-t stdio|http|sse] [-e KEY=value] [-H 'Name: value'] <name> <command or url> [args...]");
      const transport = options.transport?.at(-1) ?? "stdio";
      const pairs = (list: string[] | undefined, separator: RegExp) =>
        list && Object.fromEntries(list.map((item) => { const at = item.search(separator); return at < 0 ? [item, ""] : [item.slice(0, at).trim(), item.slice(at + 1).trim()]; }));
      const config =
        transport === "stdio"
          ? { type: "stdio", command: target, args, ...(options.env ? { env: pairs(options.env, /=/) } : {}) }
          : { type: transport, url: target, ...(options.header ? { headers: pairs(options.header, /:/) } : {}) };
      return addServer(name, config, scope ?? "local", cwd);
    }
    case "add-json": {
      const [name, json] = rest;
      if (!name || !json) return fail("usage: nanocode mcp add-json [-s scope] <name> '<json>'");
      let config: unknown;
      try {
        config = JSON.parse(json);
      } catch (error) {
        return fail(`invalid JSON: ${(error as Error).message}`);
      }
      return addServer(name, config, scope ?? "local", cwd);
    }
    case "remove":
      if (!rest[0]) return fail("usage: nanocode mcp remove [-s scope] <name>");
      return removeServer(rest[0], scope, cwd);
    default:
      if (command !== undefined && !["--help", "-h", "help"].includes(command)) return fail(`unknown command 'mcp ${command}' (see nanocode mcp --help)`);
      process.stdout.write(MCP_HELP);
      return 0;
  }
}
