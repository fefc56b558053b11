// The project's .mcp.json servers through the compiled binary, with the real servers from npm
// (server-everything, server-filesystem), by Claude Code's rules: in a trusted folder print mode
// starts every server the user has not disabled; the REPL asks once about the servers nobody has
// answered for and keeps the answer in .claude/settings.local.json; in a folder not trusted
// nothing of the repository starts and one line says what was left out.

import { afterEach, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { EVERYTHING, FILESYSTEM } from "../support/mcp-servers.ts";
import { start } from "../support/repl.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

/** A project whose .mcp.json names both real servers (and `extra` ones); the filesystem server's root comes from ${FS_ROOT:-.}. */
function project(extra: Record<string, unknown> = {}): string {
  const dir = tempDir("nanocode-mcpjson-");
  put(join(dir, ".mcp.json"), JSON.stringify({
    mcpServers: {
      everything: { command: "node", args: [EVERYTHING, "stdio"], env: { EVERYTHING_TOKEN: "${EVERYTHING_TOKEN}" } },
      files: { command: "node", args: [FILESYSTEM, "${FS_ROOT:-.}"] },
      ...extra,
    },
  }));
  put(join(dir, "hello.txt"), "hello from the project\n");
  return dir;
}

// The canary servers write into one folder of their own, outside the projects.
let canaries: string | undefined;
const dir0 = () => (canaries ??= tempDir("nanocode-canaries-"));

/** A server that only leaves a file behind when started: proof that something ran. */
const canary = (dir: string, name: string) => ({ command: "sh", args: ["-c", `touch ${join(dir, `${name}-started`)}`] });

const echo: ScriptTurn = [{ type: "tool_use", name: "mcp__everything__echo", input: { message: "ECHO_ME" } }];
const read: ScriptTurn = [{ type: "tool_use", name: "mcp__files__read_text_file", input: { path: "hello.txt" } }];
const done: ScriptTurn = [{ type: "text", text: "done" }];

async function print(dir: string, turns: ScriptTurn[], args: string[], home = tempDir("nanocode-home-")) {
  server = startScriptedServer({ turns, workdir: dir, home });
  const out = await runNanocode(["-p", "go", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__everything,mcp__files", ...args], {
    cwd: dir,
    env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
    timeoutMs: 60_000,
  });
  const lines = out.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const init = lines.find((l) => l.type === "system" && l.subtype === "init");
  const results = server.requests.flatMap((r) => r.body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content.filter((b) => b.type === "tool_result") : [])));
  return { ...out, init, results, home };
}

test("print mode in a trusted folder starts every .mcp.json server (nobody is asked); ${VAR:-default} takes its default, an unset ${VAR} is no line", async () => {
  const dir = project();
  const { stderr, init, results } = await print(dir, [echo, read, done], ["--trust"]);
  expect(stderr).toBe("");
  expect(init.mcp_servers.map((s: { name: string }) => s.name).sort()).toEqual(["everything", "files"]);
  const texts = results.map((r) => JSON.stringify(r.content));
  expect(texts.some((t) => t.includes("ECHO_ME"))).toBe(true);
  expect(texts.some((t) => t.includes("hello from the project"))).toBe(true);
}, 60_000);

test("print mode: disabledMcpjsonServers keeps a server from starting, even with enableAllProjectMcpServers; the rest start", async () => {
  const dir = project({ gone: canary(dir0(), "gone") });
  put(join(dir, ".claude/settings.local.json"), JSON.stringify({ enableAllProjectMcpServers: true, disabledMcpjsonServers: ["gone", "files"] }));
  const { stderr, init } = await print(dir, [echo, done], ["--trust"]);
  expect(stderr).toBe("");
  expect(init.mcp_servers.map((s: { name: string }) => s.name)).toEqual(["everything"]);
  expect(existsSync(join(dir0(), "gone-started"))).toBe(false);
}, 60_000);

test("a folder not trusted: no .mcp.json server starts, and ONE line names them all and how to trust the folder", async () => {
  const dir = project({ one: canary(dir0(), "one"), two: canary(dir0(), "two") });
  const { stderr, init, code } = await print(dir, [done], []);
  expect(code).toBe(0);
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(".mcp.json (mcpServers.everything, mcpServers.files, mcpServers.one, mcpServers.two)");
  expect(lines[0]).toContain("--trust");
  expect(init.mcp_servers).toEqual([]);
  expect(existsSync(join(dir0(), "one-started")) || existsSync(join(dir0(), "two-started"))).toBe(false);
}, 60_000);

test("a folder the user trusts in their own settings (trustedFolders) counts as trusted: the servers start", async () => {
  const dir = project();
  const home = tempDir("nanocode-home-");
  put(join(home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [dir] }));
  const { stderr, init } = await print(dir, [echo, done], [], home);
  expect(stderr).toBe("");
  expect(init.mcp_servers.map((s: { name: string }) => s.name).sort()).toEqual(["everything", "files"]);
}, 60_000);

test("nanocode mcp list shows a pending .mcp.json server without starting it; mcp get names its unset variable", async () => {
  const dir = project({ waiting: canary(dir0(), "waiting") });
  const home = tempDir("nanocode-home-");
  put(join(home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [dir], enabledMcpjsonServers: ["everything"] }));
  const env = { HOME: home };
  const list = await runNanocode(["mcp", "list"], { cwd: dir, env, timeoutMs: 60_000 });
  expect(list.stdout).toContain("waiting: sh -c");
  expect(list.stdout).toContain("⏸ Pending approval");
  expect(list.stdout).toContain("everything: node");
  expect(existsSync(join(dir0(), "waiting-started"))).toBe(false);
  const get = await runNanocode(["mcp", "get", "everything"], { cwd: dir, env, timeoutMs: 60_000 });
  expect(get.stdout).toContain("Unset environment variables: EVERYTHING_TOKEN");
}, 60_000);

/** A REPL in `dir` with a home of its own that trusts it. */
function repl(dir: string, home: string) {
  return start({ turns: [done] }, { work: dir, config: join(home, ".nanocode"), env: { HOME: home } });
}

test("the REPL asks once about new .mcp.json servers; 'use these' is kept in .claude/settings.local.json and they start; not asked again", async () => {
  const dir = project();
  const home = tempDir("nanocode-home-");
  put(join(home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [dir] }));
  const first = repl(dir, home);
  const question = await first.term.waitFor("New MCP servers found in .mcp.json: everything, files");
  expect(question).toContain(FILESYSTEM);
  first.term.type("2");
  await first.term.waitFor("/help for commands");
  expect(JSON.parse(readFileSync(join(dir, ".claude/settings.local.json"), "utf8"))).toEqual({ enabledMcpjsonServers: ["everything", "files"] });
  first.term.submit("/mcp");
  const listed = await first.term.waitFor("MCP servers:");
  expect(listed).toMatch(/everything .*project/);
  expect(listed).toMatch(/files .*project/);
  first.term.close();

  const again = repl(dir, home);
  const welcome = await again.term.waitFor("/help for commands");
  expect(welcome).not.toContain("New MCP server");
  again.term.close();
}, 60_000);

test("the REPL: 'all future ones' sets enableAllProjectMcpServers; 'continue without' disables them; Esc decides nothing and asks again", async () => {
  for (const [key, expected] of [
    ["1", { enableAllProjectMcpServers: true }],
    ["3", { disabledMcpjsonServers: ["everything", "files"] }],
  ] as const) {
    const dir = project();
    const home = tempDir("nanocode-home-");
    put(join(home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [dir] }));
    const opened = repl(dir, home);
    await opened.term.waitFor("New MCP servers found in .mcp.json");
    opened.term.type(key);
    await opened.term.waitFor("/help for commands");
    opened.term.submit("/mcp");
    // Disabled, they do not start: the session has no MCP server at all.
    await opened.term.waitFor(key === "3" ? "No MCP servers configured" : "MCP servers:");
    opened.term.close();
    expect(JSON.parse(readFileSync(join(dir, ".claude/settings.local.json"), "utf8"))).toEqual(expected);
  }
  const dir = project();
  const home = tempDir("nanocode-home-");
  put(join(home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [dir] }));
  const first = repl(dir, home);
  await first.term.waitFor("New MCP servers found in .mcp.json");
  first.term.keys("Escape");
  await first.term.waitFor("/help for commands");
  first.term.close();
  expect(existsSync(join(dir, ".claude/settings.local.json"))).toBe(false);
  const again = repl(dir, home);
  await again.term.waitFor("New MCP servers found in .mcp.json");
  again.term.close();
}, 90_000);

test("the REPL in a folder not trusted: the trust question lists the servers; answered no, nothing about MCP is asked and none starts", async () => {
  const dir = project({ sneaky: canary(dir0(), "sneaky") });
  const home = tempDir("nanocode-home-");
  const opened = repl(dir, home);
  const question = await opened.term.waitFor("Do you trust the files in this folder?");
  expect(question).toContain("mcpServers.sneaky");
  opened.term.type("2");
  const screen = await opened.term.waitFor("/help for commands");
  expect(screen).not.toContain("New MCP server");
  opened.term.close();
  expect(existsSync(join(dir0(), "sneaky-started"))).toBe(false);
}, 60_000);

test("the REPL in a folder not trusted: trusted at the question, the MCP question follows, and the servers start", async () => {
  const dir = project();
  const home = tempDir("nanocode-home-");
  const opened = repl(dir, home);
  await opened.term.waitFor("Do you trust the files in this folder?");
  opened.term.type("1");
  await opened.term.waitFor("New MCP servers found in .mcp.json: everything, files");
  opened.term.type("2");
  await opened.term.waitFor("/help for commands");
  opened.term.submit("/mcp");
  expect(await opened.term.waitFor("MCP servers:")).toMatch(/files .*project/);
  opened.term.close();
}, 60_000);

test("--strict-mcp-config: .mcp.json is not read (nothing starts, nothing is asked), only --mcp-config's servers run", async () => {
  const dir = project({ skipped: canary(dir0(), "skipped") });
  const flag = JSON.stringify({ mcpServers: { flagged: { command: "node", args: [EVERYTHING, "stdio"] } } });
  const { stderr, init } = await print(dir, [done], ["--trust", "--strict-mcp-config", "--mcp-config", flag]);
  expect(stderr).toBe("");
  expect(init.mcp_servers.map((s: { name: string }) => s.name)).toEqual(["flagged"]);
  expect(existsSync(join(dir0(), "skipped-started"))).toBe(false);
}, 60_000);
