// Language servers through the compiled binary: diagnostics appended to Edit results, the LSP tool,
// a server that cannot start, and no server process left when the session ends.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { lspProject, PY_FILES, processesIn, SERVERS_PATH, TS_FILES, tagOf } from "../support/lsp-project.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";

// A loaded machine takes seconds to start a server: the edits here wait as long as it takes.
const WAIT = { lspDiagnosticsTimeout: 60_000 };
const servers: ScriptedServer[] = [];
afterAll(() => {
  for (const s of servers) s.stop();
});

/** Runs the turns as one print-mode session in `dir`; returns each tool result's text, in order, and stderr. */
async function session(dir: string, turns: ScriptTurn[], settings: Record<string, unknown> = {}) {
  const server = startScriptedServer({ turns: [...turns, [{ type: "text", text: "done" }]], workdir: dir, home: dir });
  servers.push(server);
  const run = await runNanocode(["-p", "go", "--dangerously-skip-permissions", "--settings", JSON.stringify({ ...WAIT, ...settings })], { cwd: dir, timeoutMs: 120_000, env: { PATH: SERVERS_PATH, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, ...tagOf(dir) } });
  const last = server.requests.at(-1)!.body.messages;
  const blocks = last.flatMap((m): { type: string }[] => (Array.isArray(m.content) ? m.content : []));
  const results = blocks.filter((b): b is ToolResultBlock => b.type === "tool_result");
  const texts = results.map((r) => (typeof r.content === "string" ? r.content : r.content.map((c) => ("text" in c ? c.text : "")).join("")));
  return { ...run, texts };
}

const edit = (file: string, old_string: string, new_string: string): ScriptTurn => [{ type: "tool_use", name: "Edit", input: { file_path: `$WORKDIR/${file}`, old_string, new_string } }];
const read = (file: string): ScriptTurn => [{ type: "tool_use", name: "Read", input: { file_path: `$WORKDIR/${file}` } }];

describe("typescript-language-server", () => {
  test("an Edit that breaks the types gets the error in its result, the Edit that fixes it a clean one, and no server is left running", async () => {
    const dir = lspProject(TS_FILES);
    const { code, texts, stderr } = await session(dir, [read("src/shapes.ts"), edit("src/shapes.ts", "unit: number = 1", 'unit: number = "one"'), edit("src/shapes.ts", 'unit: number = "one"', "unit: number = 1")]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(texts[1]).toContain("has been updated successfully");
    expect(texts[1]).toContain("<diagnostics>\nsrc/shapes.ts:12:14 error Type 'string' is not assignable to type 'number'. (typescript/2322)\n</diagnostics>");
    expect(texts[2]).toContain("has been updated successfully");
    expect(texts[2]).not.toContain("<diagnostics>");
    expect(processesIn(dir)).toEqual([]);
  }, 90_000);
});

describe("what the model is told", () => {
  test("an edit that breaks another open file gets that file's new error too; errors there before the edit are marked as such", async () => {
    const files = { ...TS_FILES, "src/old.ts": 'export const old: number = "already broken";\n' };
    const dir = lspProject(files);
    const { texts } = await session(dir, [read("src/main.ts"), read("src/old.ts"), read("src/shapes.ts"), edit("src/shapes.ts", "area(): number {", "surface(): number {"), edit("src/old.ts", "export const old", 'export const fresh: string = 1;\nexport const old')]);
    expect(texts[3]).toContain("src/main.ts:4:41 error Property 'area' does not exist on type 'Square'. (typescript/2339)");
    expect(texts[4]).toContain(["<diagnostics>", "src/old.ts:1:14 error Type 'number' is not assignable to type 'string'. (typescript/2322)", "Already there before this edit:", "src/old.ts:2:14 error Type 'string' is not assignable to type 'number'. (typescript/2322)", "</diagnostics>"].join("\n"));
    expect(processesIn(dir)).toEqual([]);
  }, 120_000);

  test("pyright: a Write that breaks the types gets the error, the Write that fixes it a clean result", async () => {
    const dir = lspProject(PY_FILES);
    const write = (content: string): ScriptTurn => [{ type: "tool_use", name: "Write", input: { file_path: "$WORKDIR/shapes.py", content } }];
    const { texts, code } = await session(dir, [read("shapes.py"), write(PY_FILES["shapes.py"]!.replace("unit: int = 1", 'unit: int = "one"')), write(PY_FILES["shapes.py"]!)]);
    expect(code).toBe(0);
    expect(texts[1]).toMatch(/<diagnostics>\nshapes\.py:9:13 error Type "Literal\['one'\]" is not assignable to declared type "int" .*\(Pyright\/reportAssignmentType\)\n<\/diagnostics>/);
    expect(texts[2]).not.toContain("<diagnostics>");
    expect(processesIn(dir)).toEqual([]);
  }, 120_000);

  test("the LSP tool is offered where a server is, and answers through the binary", async () => {
    const dir = lspProject(TS_FILES);
    const lsp: ScriptTurn = [{ type: "tool_use", name: "LSP", input: { operation: "goToDefinition", filePath: "src/main.ts", line: 4, character: 41 } }];
    const server = startScriptedServer({ turns: [lsp, [{ type: "text", text: "done" }]], workdir: dir, home: dir });
    servers.push(server);
    await runNanocode(["-p", "go"], { cwd: dir, timeoutMs: 120_000, env: { PATH: SERVERS_PATH, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, ...tagOf(dir) } });
    expect(server.requests[0]!.body.tools!.map((t) => t.name)).toContain("LSP");
    expect(JSON.stringify(server.requests[1]!.body.messages.at(-1))).toContain("src/shapes.ts:7:3: area(): number {");
    expect(processesIn(dir)).toEqual([]);
  }, 120_000);

  test("no server for the project: no LSP tool, and edits add nothing", async () => {
    const dir = lspProject({ "notes.ts": "export const a = 1;\n" });
    const server = startScriptedServer({ turns: [edit("notes.ts", "a = 1", 'a: number = "x"'), [{ type: "text", text: "done" }]], workdir: dir, home: dir });
    servers.push(server);
    await runNanocode(["-p", "go", "--dangerously-skip-permissions"], { cwd: dir, env: { PATH: SERVERS_PATH, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, ...tagOf(dir) } });
    expect(server.requests[0]!.body.tools!.map((t) => t.name)).not.toContain("LSP");
    expect(JSON.stringify(server.requests[1]!.body.messages.at(-1))).not.toContain("diagnostics");
  }, 60_000);
});

describe("a server that fails", () => {
  const crashing = (dir: string, command: string, extra: Record<string, unknown> = {}) => ({ lspServers: { broken: { command: "sh", args: ["-c", command], extensionToLanguage: { ".ts": "typescript" }, ...extra } }, lspDiagnosticsTimeout: 5000 });

  test("one that crashes at start is started once more, then reported in one line; the edit still succeeds", async () => {
    const dir = lspProject(TS_FILES);
    const { texts, stderr, code } = await session(dir, [read("src/shapes.ts"), edit("src/shapes.ts", "unit: number = 1", "unit: number = 2")], crashing(dir, "echo start >> starts.log; echo 'cannot load plugin' >&2; exit 3"));
    expect(code).toBe(0);
    expect(texts[1]).toContain("has been updated successfully");
    expect(texts[1]).not.toContain("<diagnostics>");
    expect(stderr).toBe('nanocode: language server "broken" failed to start: sh exited (code 3): cannot load plugin; it is left off for this session (no diagnostics or LSP answers for .ts files)\n');
    expect(await Bun.file(join(dir, "starts.log")).text()).toBe("start\nstart\n");
  }, 60_000);

  test("one that never answers is given its startupTimeout, twice, then left off; the edit waits no longer and nothing is left running", async () => {
    const dir = lspProject(TS_FILES);
    const started = performance.now();
    const { texts, stderr } = await session(dir, [read("src/shapes.ts"), edit("src/shapes.ts", "unit: number = 1", "unit: number = 2")], crashing(dir, "sleep 30", { startupTimeout: 300 }));
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(texts[1]).toContain("has been updated successfully");
    expect(stderr).toBe('nanocode: language server "broken" failed to start: sh did not answer initialize within 300 ms; it is left off for this session (no diagnostics or LSP answers for .ts files)\n');
    expect(processesIn(dir)).toEqual([]);
  }, 60_000);

  test("a bad lspServers entry is one line naming the field, and the session goes on", async () => {
    const dir = lspProject(TS_FILES);
    const { stderr, code } = await session(dir, [], { lspServers: { bad: { command: "x" } }, lspDiagnosticsTimeout: 5000 });
    expect(code).toBe(0);
    expect(stderr).toBe("nanocode: --settings: lspServers.bad.extensionToLanguage: is missing; this language server is skipped\n");
  }, 60_000);
});

describe("nanocode lsp and /lsp", () => {
  const run = (dir: string, args: string[], settings?: Record<string, unknown>) =>
    runNanocode([...args, ...(settings ? ["--settings", JSON.stringify(settings)] : [])], { cwd: dir, timeoutMs: 120_000, env: { PATH: SERVERS_PATH, ANTHROPIC_API_KEY: "k", ...tagOf(dir) } });

  test("nanocode lsp starts the project's servers, says which came up and why one did not, and stops them", async () => {
    const dir = lspProject(TS_FILES);
    const { stdout, code } = await run(dir, ["lsp"], { lspServers: { broken: { command: "sh", args: ["-c", "echo 'no licence' >&2; exit 2"], extensionToLanguage: { ".x": "x" } } } });
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Language servers:");
    expect(lines).toContain(`  broken  ✗ failed to start: sh exited (code 2): no licence  sh in ${dir} (--settings)`);
    expect(lines).toContain(`  typescript  ✓ running  typescript-language-server in ${dir} (built-in)`);
    expect(processesIn(dir)).toEqual([]);
  }, 120_000);

  test("nanocode lsp where the project has none says so in one line", async () => {
    const { stdout } = await run(lspProject({ "a.txt": "" }), ["lsp"]);
    expect(stdout.split("\n")[0]).toStartWith("No language server for this project: none configured (settings lspServers)");
  });

  test("/lsp lists the servers of the session and the files they take before any has started", async () => {
    const dir = lspProject(PY_FILES);
    const { stdout, code } = await run(dir, ["-p", "/lsp"]);
    expect(code).toBe(0);
    expect(stdout).toBe("Language servers:\n  pyright  idle (starts on the first .py .pyi file read or edited)  pyright-langserver (built-in)\n");
  });
});

test("a Bash command that changes a file the server has open gets its diagnostics; one that changes nothing waits for nothing", async () => {
  const dir = lspProject(TS_FILES);
  const bash = (command: string): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command } }];
  const { texts } = await session(dir, [read("src/shapes.ts"), edit("src/shapes.ts", "unit: number = 1", "unit: number = 2"), bash("sed -i 's/unit: number = 2/unit: number = true/' src/shapes.ts"), bash("echo quiet")]);
  expect(texts[2]).toBe("(Bash completed with no output)\n\n<diagnostics>\nsrc/shapes.ts:12:14 error Type 'boolean' is not assignable to type 'number'. (typescript/2322)\n</diagnostics>");
  expect(texts[3]).toBe("quiet");
  expect(processesIn(dir)).toEqual([]);
}, 120_000);

test("the LSP tool keeps to the deny rules: a hidden file cannot be asked about", async () => {
  const dir = lspProject(TS_FILES);
  const hover: ScriptTurn = [{ type: "tool_use", name: "LSP", input: { operation: "hover", filePath: "src/shapes.ts", line: 5, character: 14 } }];
  const { texts } = await session(dir, [hover], { permissions: { deny: ["Read(./src/shapes.ts)"] } });
  expect(texts[0]).toContain(`Permission to use LSP has been denied: it names ${join(dir, "src/shapes.ts")}`);
  expect(processesIn(dir)).toEqual([]);
}, 60_000);

test("nanocode tools lists the LSP tool where the project has a language server", async () => {
  const dir = lspProject(TS_FILES);
  const { stdout } = await runNanocode(["tools"], { cwd: dir, env: { PATH: SERVERS_PATH } });
  expect(stdout).toMatch(/^LSP\s+read-only\s+builtin$/m);
});
