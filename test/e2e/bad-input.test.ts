import { afterEach, expect, test } from "bun:test";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { runNanocode } from "../support/run.ts";
import { type Dialect, envFor, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";
import { loadSession } from "../../src/session/load.ts";
import { expectLoadableSession, expectValidTranscript } from "../support/transcript.ts";

// The guide's rule, against the compiled binary: bad input on disk or from the model server gets
// one clear line naming the cause, the right exit code, and no stack trace; nothing is lost.

let servers: ScriptedServer[] = [];
afterEach(() => {
  for (const s of servers) s.stop();
  servers = [];
});

function serve(options: Parameters<typeof startScriptedServer>[0]): ScriptedServer {
  const server = startScriptedServer(options);
  servers.push(server);
  return server;
}

const env = (server: ScriptedServer, home: string, more: Record<string, string> = {}) => ({ ...envFor("anthropic", server, home), ...more });

test("a directory where a config file belongs, and ~/.nanocode a file: one line each; the run and its Bash call still work", async () => {
  const work = tempDir();
  const home = tempDir();
  mkdirSync(join(work, ".claude", "settings.json"), { recursive: true });
  // Agents are found at any depth, as Claude Code finds them: a folder named reviewer.md is one more folder, in silence.
  mkdirSync(join(work, ".claude", "agents", "reviewer.md"), { recursive: true });
  writeFileSync(join(home, ".nanocode"), "not a folder");
  const server = serve({
    workdir: work,
    home,
    turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo ran" } }], [{ type: "text", text: "Bash said {{last_tool_result}}" }]],
  });
  // The session's side files go to the temp dir then: this test's own.
  const { code, stdout, stderr } = await runNanocode(["-p", "go", "--dangerously-skip-permissions"], { cwd: work, env: env(server, home, { TMPDIR: tempDir() }) });
  expect(stdout).toBe("Bash said ran\n");
  expect(code).toBe(0);
  expect(stderr.trim().split("\n")).toEqual([
    `nanocode: ${join(home, ".nanocode")}: is a file, not a folder; the settings, skills, commands, agents and rules it would hold are not read`,
    `nanocode: ${join(work, ".claude", "settings.json")}: is a directory, not a file (EISDIR); this file is ignored`,
    `nanocode: cannot save the session any more (${join(home, ".nanocode", "projects", work.replace(/[^A-Za-z0-9]/g, "-"))}: part of the path is a file, not a directory (ENOTDIR)); it goes on unsaved`,
  ]);
});

test("a tool module that leaves a promise rejected: one line, no stack, and the run ends with its answer", async () => {
  const work = tempDir();
  const home = tempDir();
  put(
    join(home, ".nanocode", "tools", "stray.ts"),
    `import { defineTool, v } from "nanocode";
export default defineTool({ name: "Stray", description: "leaves a rejection behind", input: v.object({}), readOnly: true, run() { Promise.reject(new Error("forgotten promise")); return "done"; } });
`,
  );
  const server = serve({ workdir: work, home, turns: [[{ type: "tool_use", name: "Stray", input: {} }], [{ type: "text", text: "Stray said {{last_tool_result}}" }]] });
  const { code, stdout, stderr } = await runNanocode(["-p", "go"], { cwd: work, env: env(server, home) });
  expect([code, stdout]).toEqual([0, "Stray said done\n"]);
  expect(stderr).toBe("nanocode: error nothing caught (ignored): forgotten promise\n");
});

test("a tool module that throws from a timer: one line without a stack, exit 70, the session file loads with the call marked interrupted", async () => {
  const work = tempDir();
  const home = tempDir();
  put(
    join(home, ".nanocode", "tools", "timer.ts"),
    `import { defineTool, v } from "nanocode";
export default defineTool({ name: "Timer", description: "throws later", input: v.object({}), readOnly: true, run() { setTimeout(() => { throw new Error("timer boom"); }); return new Promise((done) => setTimeout(() => done("started"))); } });
`,
  );
  const server = serve({ workdir: work, home, turns: [[{ type: "tool_use", name: "Timer", input: {} }], [{ type: "text", text: "done" }]] });
  const { code, stderr } = await runNanocode(["-p", "go"], { cwd: work, env: env(server, home) });
  expect([code, stderr]).toEqual([70, "nanocode: internal error: timer boom\n"]);
  // The call that was running is answered as interrupted when the session is loaded again.
  const [file] = [...new Bun.Glob(".nanocode/projects/*/*.jsonl").scanSync({ cwd: home, dot: true })];
  const loaded = await loadSession(join(home, file!));
  expect(loaded.problems).toEqual([`${join(home, file!)}: 1 tool call had no result (the session was stopped mid-call); marked as interrupted`]);
  expectValidTranscript(loaded.messages);
});

test("a tool module whose run() returns a wrong type: the model gets an error result naming the tool, the run goes on", async () => {
  const work = tempDir();
  const home = tempDir();
  put(
    join(home, ".nanocode", "tools", "answer.ts"),
    `import { defineTool, v } from "nanocode";
export default defineTool({ name: "Answer", description: "returns a number", input: v.object({}), readOnly: true, run: () => 42 as never });
`,
  );
  const server = serve({ workdir: work, home, turns: [[{ type: "tool_use", name: "Answer", input: {} }], [{ type: "text", text: "{{last_tool_result_is_error}}: {{last_tool_result}}" }]] });
  const { code, stdout, stderr } = await runNanocode(["-p", "go"], { cwd: work, env: env(server, home) });
  expect([code, stderr]).toEqual([0, ""]);
  expect(stdout).toBe(
    "true: <tool_use_error>tool Answer returned 42; run() must return a string, an array of text/image/document blocks, or { content, isError? } (fix the tool's module)</tool_use_error>\n",
  );
  await expectLoadableSession(home);
});

for (const dialect of ["anthropic", "openai"] as Dialect[]) {
  test(`${dialect}: a proxy's HTML page instead of the API, as an error and as a 200: one line with its title, exit 1, no retry of the 200`, async () => {
    const work = tempDir();
    const page = (status: number, title: string) => new Response(`<!DOCTYPE html><html><head><title>${title}</title></head><body><p>${"x".repeat(2000)}</p></body></html>`, { status, headers: { "content-type": "text/html" } });
    for (const [status, title, line, requests] of [
      [502, "502 Bad Gateway", /^API Error: 502 Bad Gateway \(an HTML page, not an API answer: a proxy in the way, or a wrong base URL\?\)$/, 2],
      [200, "Sign in", /^API Error: http:\/\/127\.0\.0\.1:\d+\S* answered with text\/html, not an event stream: Sign in \(an HTML page, not an API answer: a proxy in the way, or a wrong base URL\?\)$/, 1],
    ] as const) {
      const server = serve({ dialect, reply: () => page(status, title) });
      const { code, stdout, stderr } = await runNanocode(["-p", "hi"], { cwd: work, env: { ...envFor(dialect, server, work), CLAUDE_CODE_MAX_RETRIES: "1" } });
      expect([code, stdout]).toEqual([1, ""]);
      expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(line)]);
      expect(server.requests).toHaveLength(requests);
    }
  });
}

test("nanocode mcp add when .mcp.json is broken: one line naming it, exit 1, nothing written", async () => {
  const work = tempDir();
  put(join(work, ".mcp.json"), '{ "mcpServers": { "a": ');
  const { code, stdout, stderr } = await runNanocode(["mcp", "add", "-s", "project", "files", "--", "npx", "server-filesystem"], { cwd: work });
  expect([code, stdout]).toEqual([1, ""]);
  expect(stderr).toMatch(new RegExp(`^Error: ${join(work, ".mcp.json")} is not valid JSON \\(.+\\); fix it first, nothing was changed\\n$`));
  expect(await Bun.file(join(work, ".mcp.json")).text()).toBe('{ "mcpServers": { "a": ');
  expect(await Bun.file(join(work, ".nanocode", "settings.local.json")).exists()).toBe(false);
});

test("an unknown nanocode mcp command is one line on stderr, exit 1", async () => {
  const { code, stdout, stderr } = await runNanocode(["mcp", "lsit"], { cwd: tempDir() });
  expect([code, stdout, stderr]).toEqual([1, "", "Error: unknown command 'mcp lsit' (see nanocode mcp --help)\n"]);
});

test("--append-system-prompt-file naming a directory says so, exit 1, before any request", async () => {
  const work = tempDir();
  mkdirSync(join(work, "prompts"));
  const server = serve({ turns: [] });
  const { code, stderr } = await runNanocode(["-p", "hi", "--append-system-prompt-file", "prompts"], { cwd: work, env: env(server, work) });
  expect([code, stderr]).toEqual([1, "Error: --append-system-prompt-file: prompts: is a directory, not a file (EISDIR)\n"]);
  expect(server.requests).toHaveLength(0);
});

test("an MCP server whose command does not exist: one line for the user, an error result for the model's call, the run goes on", async () => {
  const work = tempDir();
  const server = serve({ workdir: work, turns: [[{ type: "tool_use", name: "mcp__gone__lookup", input: {} }], [{ type: "text", text: "{{last_tool_result}}" }]] });
  const config = JSON.stringify({ mcpServers: { gone: { command: "/nonexistent/mcp-server" } } });
  const { code, stdout, stderr } = await runNanocode(["-p", "look it up", "--mcp-config", config, "--dangerously-skip-permissions"], { cwd: work, env: env(server, work) });
  const cause = "command not found: /nonexistent/mcp-server (install it, or give its full path)";
  expect([code, stdout, stderr]).toEqual([0, `<tool_use_error>MCP server "gone" is not available: ${cause}</tool_use_error>\n`, `nanocode: MCP server "gone" failed to connect: ${cause}\n`]);
});

// Unreadable files need an unprivileged user: root reads everything. Where the suite runs as root
// with setpriv at hand, the binary runs as nobody.
const asNobody = process.getuid?.() === 0 && Bun.which("setpriv") !== null;

test.skipIf(!asNobody)("as a user who may not read them: unreadable settings, rules, agents and tools folders are one line each; an unwritable home runs unsaved", async () => {
  const work = tempDir();
  const home = tempDir();
  put(join(work, ".claude", "settings.json"), "{}");
  put(join(work, ".claude", "rules", "style.md"), "rule");
  put(join(work, ".claude", "agents", "reviewer.md"), "---\nname: reviewer\ndescription: reviews\n---\nReview.");
  put(join(home, ".nanocode", "tools", "t.ts"), "export {};");
  for (const path of [join(work, ".claude", "settings.json"), join(work, ".claude", "rules"), join(work, ".claude", "agents"), join(home, ".nanocode", "tools")]) chmodSync(path, 0);
  for (const dir of [work, join(work, ".claude")]) chmodSync(dir, 0o777);
  for (const dir of [home, join(home, ".nanocode")]) chmodSync(dir, 0o555);
  const tmp = tempDir();
  chmodSync(tmp, 0o777);
  const server = serve({ workdir: work, home, turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo ran" } }], [{ type: "text", text: "Bash said {{last_tool_result}}" }]] });
  const bin = await ensureBinary();
  const proc = Bun.spawn(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-p", "go", "--dangerously-skip-permissions"], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env(server, home, { TMPDIR: tmp }) },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect([code, stdout]).toEqual([0, "Bash said ran\n"]);
  expect(stderr.trim().split("\n").sort()).toEqual(
    [
      `nanocode: ${join(work, ".claude", "settings.json")}: permission denied (EACCES); this file is ignored`,
      `nanocode: ${join(work, ".claude", "rules")}: permission denied (EACCES); its rules are ignored`,
      `nanocode: ${join(work, ".claude", "agents")}: permission denied (EACCES); its agents are skipped`,
      "nanocode: ~/.nanocode/tools: permission denied (EACCES); its modules are skipped",
      `nanocode: cannot save the session any more (${join(home, ".nanocode", "projects")}: permission denied (EACCES)); it goes on unsaved`,
    ].sort(),
  );
});

test.skipIf(!asNobody)("as a user who may not read it: --continue onto an unreadable session file is one line naming it, exit 1", async () => {
  const work = tempDir();
  const config = tempDir();
  const session = join(config, "projects", work.replace(/[^A-Za-z0-9]/g, "-"), "11111111-1111-4111-8111-111111111111.jsonl");
  put(session, `${JSON.stringify({ type: "session", version: 1, sessionId: "11111111-1111-4111-8111-111111111111", cwd: work, title: "t", createdAt: "2026-01-01T00:00:00.000Z" })}\n`);
  chmodSync(session, 0);
  for (const dir of [work, config, join(config, "projects"), join(session, "..")]) chmodSync(dir, 0o777);
  const proc = Bun.spawn(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", await ensureBinary(), "-p", "go on", "-c"], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, NANOCODE_CONFIG_DIR: config, ANTHROPIC_API_KEY: "sk-test" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  expect([code, stderr]).toEqual([1, `Error: cannot read session ${session}: permission denied (EACCES)\n`]);
});

test("--add-dir of a missing folder or a file: one line each saying it is not added, and the run goes on", async () => {
  const work = tempDir();
  const home = tempDir();
  put(join(work, "notes.txt"), "a file\n");
  const server = serve({ workdir: work, home, turns: [[{ type: "text", text: "done" }]] });
  const { code, stdout, stderr } = await runNanocode(["-p", "go", "--add-dir", "missing-dir", "--add-dir", "notes.txt"], { cwd: work, env: env(server, home) });
  expect(stdout).toBe("done\n");
  expect(code).toBe(0);
  expect(stderr.trim().split("\n")).toEqual([
    "nanocode: additional directory missing-dir: no such directory; it is not added",
    "nanocode: additional directory notes.txt: not a directory; it is not added",
  ]);
});
