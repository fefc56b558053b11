import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configuredServers, expandVariables, parseServers } from "../../src/mcp/config.ts";
import { mcpToolName } from "../../src/mcp/tools.ts";
import { tempDir } from "../support/tmp.ts";

test("${VAR} and ${VAR:-default} expand in every string; an unset VAR without default stays as written and is noted", () => {
  const missing = new Set<string>();
  const env = { TOKEN: "t0k", EMPTY: "" };
  expect(expandVariables({ url: "https://x/${TOKEN}", args: ["${NOPE:-fallback}", "${EMPTY:-x}", "${GONE}", "a${GONE}b${TOKEN}"], n: 3 }, env, missing)).toEqual({ url: "https://x/t0k", args: ["fallback", "", "${GONE}", "a${GONE}bt0k"], n: 3 });
  expect([...missing]).toEqual(["GONE"]);
});

test("a server with an unset ${VAR} is kept, with the variable noted on it, and no line at start-up", () => {
  const problems: string[] = [];
  const [server] = parseServers({ api: { command: "node", args: ["s.js"], env: { KEY: "${API_KEY}", REGION: "${REGION:-eu}" } } }, "project", ".mcp.json", problems, {});
  expect(problems).toEqual([]);
  expect(server).toMatchObject({ name: "api", unsetVariables: ["API_KEY"], config: { env: { KEY: "${API_KEY}", REGION: "eu" } } });
});

test("each server is checked on its own: a bad one is one line and skipped, the rest stay", () => {
  const problems: string[] = [];
  const servers = parseServers(
    { good: { command: "node", args: ["s.js"] }, web: { type: "http", url: "http://127.0.0.1:1/mcp" }, nocmd: { args: [] }, badtype: { type: "ws", url: "ws://x" }, badurl: { type: "sse", url: "not a url" } },
    "flag",
    "--mcp-config",
    problems,
  );
  expect(servers.map((s) => [s.name, s.config.type])).toEqual([["good", "stdio"], ["web", "http"]]);
  expect(problems).toEqual([
    '--mcp-config: MCP server "nocmd": \"command\" is missing; this server is skipped',
    '--mcp-config: MCP server "badtype": type must be "stdio", "http" or "sse"; this server is skipped',
    '--mcp-config: MCP server "badurl": url must be a URL; this server is skipped',
  ]);
});

test(".mcp.json: disabled never runs, enabled or enableAll runs, pending runs only where nobody can be asked; --mcp-config overrides by name; --strict-mcp-config keeps only the flags", () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, ".git"));
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: { repo: { command: "repo-server" }, other: { command: "other" } } }));
  const settings = { mcpServers: { mine: { command: "mine" } } };
  const names = (list: { name: string; scope: string }[]) => list.map((s) => `${s.name}:${s.scope}`);
  const asked = configuredServers({ settings, flags: [], strict: false, cwd, trusted: true, startPending: false });
  expect(names(asked.servers)).toEqual(["mine:user"]);
  expect(names(asked.pending)).toEqual(["repo:project", "other:project"]);
  expect(asked.problems).toEqual([]);
  const print = configuredServers({ settings, flags: [], strict: false, cwd, trusted: true, startPending: true });
  expect(names(print.servers)).toEqual(["mine:user", "repo:project", "other:project"]);
  expect(print.pending).toEqual([]);

  for (const startPending of [false, true]) {
    const enabled = configuredServers({ settings: { ...settings, enabledMcpjsonServers: ["repo"], disabledMcpjsonServers: ["other"] }, flags: [], strict: false, cwd, trusted: true, startPending });
    expect(names(enabled.servers)).toEqual(["mine:user", "repo:project"]);
    expect(enabled.pending).toEqual([]);
    // Disabled wins over enableAll, as in Claude Code.
    const all = configuredServers({ settings: { ...settings, enableAllProjectMcpServers: true, disabledMcpjsonServers: ["repo"] }, flags: [], strict: false, cwd, trusted: true, startPending });
    expect(names(all.servers)).toEqual(["mine:user", "other:project"]);
  }

  const flag = JSON.stringify({ mcpServers: { mine: { type: "http", url: "http://127.0.0.1:1/mcp" } } });
  const overridden = configuredServers({ settings, flags: [flag], strict: false, cwd, trusted: true, startPending: true });
  expect(overridden.servers.find((s) => s.name === "mine")!.config.type).toBe("http");
  expect(configuredServers({ settings: { ...settings, enableAllProjectMcpServers: true }, flags: [flag], strict: true, cwd, trusted: true, startPending: true }).servers.map((s) => s.name)).toEqual(["mine"]);
  expect(configuredServers({ settings: {}, flags: ["missing.json"], strict: false, cwd: tempDir(), trusted: true, startPending: true }).problems).toEqual(["missing.json: file not found; no MCP servers read from it"]);
});

test("tool names: mcp__<server>__<tool>, other characters replaced, at most 64", () => {
  expect(mcpToolName("my server", "do.thing")).toBe("mcp__my_server__do_thing");
  expect(mcpToolName("s", "x".repeat(80))).toHaveLength(64);
});

test('"mcpServers" given as a list is one line, in .mcp.json and --mcp-config alike, not servers named 0, 1…', () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: [{ command: "x" }] }));
  const { servers, problems } = configuredServers({ settings: { enableAllProjectMcpServers: true }, flags: ['{"mcpServers": [{"command": "y"}]}'], strict: false, cwd, trusted: true, startPending: true });
  expect(servers).toEqual([]);
  expect(problems).toEqual([`${join(cwd, ".mcp.json")}: "mcpServers" must be an object of servers by name; ignored`, '--mcp-config: "mcpServers" must be an object of servers by name; ignored']);
});

test("in a folder the user has not trusted, .mcp.json is not read, whatever the settings enable", () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: { repo: { command: "repo-server" } } }));
  const settings = { mcpServers: { mine: { command: "mine" } }, enableAllProjectMcpServers: true, enabledMcpjsonServers: ["repo"] };
  for (const startPending of [false, true]) {
    const untrusted = configuredServers({ settings, flags: [], strict: false, cwd, trusted: false, startPending });
    expect(untrusted.servers.map((s) => s.name)).toEqual(["mine"]);
    expect(untrusted.pending).toEqual([]);
    expect(untrusted.problems).toEqual([]);
  }
  expect(configuredServers({ settings, flags: [], strict: false, cwd, trusted: true, startPending: false }).servers.map((s) => s.name)).toEqual(["mine", "repo"]);
});
