// Every print-mode flag issue 10 lists, end to end through the compiled binary: permission flags,
// --add-dir, --mcp-config, --resume/--continue and --max-budget-usd (the other flags have their own
// tests in headless.test.ts and headless-conformance.test.ts).

import { afterEach, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { FILESYSTEM } from "../support/mcp-servers.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

function serve(turns: ScriptTurn[]) {
  const work = tempDir();
  server = startScriptedServer({ turns, workdir: work, home: work });
  const run = async (args: string[]) => {
    const result = await runNanocode(["-p", "go", "--output-format", "json", ...args], { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server!.url } });
    const json = args.includes("stream-json") || !result.stdout ? undefined : JSON.parse(result.stdout);
    return { ...result, json };
  };
  return { work, run };
}

const bash = (command: string): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command, description: "run" } }];
const done: ScriptTurn = [{ type: "text", text: "done: {{last_tool_result}}" }];

test("--allowedTools lets a matching call run without asking", async () => {
  const { run } = serve([bash("echo allowed"), done]);
  const { json, code } = await run(["--allowedTools", "Bash(echo:*)"]);
  expect([code, json.result, json.permission_denials]).toEqual([0, "done: allowed", []]);
});

test("--disallowedTools denies a call even with every permission skipped; a whole tool denied is not offered at all", async () => {
  const { run } = serve([bash("echo nope"), done]);
  const { json, code } = await run(["--dangerously-skip-permissions", "--disallowedTools", "Bash(echo:*)"]);
  expect(code).toBe(1);
  expect(json).toMatchObject({ is_error: true, terminal_reason: "permission_denied", permission_denials: [{ tool_name: "Bash" }] });
  // As in Claude Code, `Bash` alone takes the tool out of the model's context; a call to it anyway finds no such tool.
  const whole = await run(["--dangerously-skip-permissions", "--disallowedTools", "Bash", "--disallowedTools", "mcp__fs__*"]);
  const tools = server!.requests.at(-2)!.body.tools!.map((t) => t.name);
  expect(tools).toContain("Read");
  expect(tools).not.toContain("Bash");
  expect(JSON.stringify(server!.requests.at(-1)!.body.messages.at(-1))).toContain("No such tool available: Bash");
  expect(whole.json.result).toContain("No such tool available: Bash");
});

test("--tools offers only the built-in tools named; an unknown name is one clear line", async () => {
  const { run } = serve([done]);
  expect((await run(["--tools", "Read,Bash"])).code).toBe(0);
  expect(server!.requests.at(-1)!.body.tools!.map((t) => t.name).sort()).toEqual(["Bash", "Read"]);
  expect((await run(["--tools", ""])).code).toBe(0);
  expect(server!.requests.at(-1)!.body.tools ?? []).toEqual([]);
  const unknown = await run(["--tools", "Read,Bsh"]);
  expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("Error: --tools: Bsh is not a built-in tool (they are: ")]);
});

test("--permission-mode acceptEdits and --add-dir: a Write in the added folder goes through", async () => {
  const extra = tempDir("nanocode-extra-");
  const file = join(extra, "out.txt");
  const { run } = serve([[{ type: "tool_use", name: "Write", input: { file_path: file, content: "hello\n" } }], done]);
  const { json, code } = await run(["--permission-mode", "acceptEdits", "--add-dir", extra]);
  expect([code, json.permission_denials]).toEqual([0, []]);
  expect(await Bun.file(file).text()).toBe("hello\n");
  const withoutDir = serve([[{ type: "tool_use", name: "Write", input: { file_path: join(extra, "no.txt"), content: "x" } }], done]);
  expect((await withoutDir.run(["--permission-mode", "acceptEdits"])).json.permission_denials).toHaveLength(1);
});

// Connecting and offering the server's tools is tested in mcp.test.ts (they join after the first request).
test("--mcp-config: the server is in the init line", async () => {
  const { work, run } = serve([[{ type: "text", text: "ok" }]]);
  mkdirSync(join(work, "shared"));
  const config = JSON.stringify({ mcpServers: { files: { command: "node", args: [FILESYSTEM, join(work, "shared")] } } });
  const { stdout, code } = await run(["--mcp-config", config, "--output-format", "stream-json", "--verbose"]);
  expect(code).toBe(0);
  const init = JSON.parse(stdout.split("\n")[0]!);
  expect(init.mcp_servers.map((s: { name: string }) => s.name)).toEqual(["files"]);
  expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ type: "result", result: "ok" });
});

test("--resume and --continue carry on the session: same id, earlier messages sent again", async () => {
  const { run } = serve([[{ type: "text", text: "first" }], [{ type: "text", text: "second" }], [{ type: "text", text: "third" }]]);
  const first = await run([]);
  const resumed = await run(["--resume", first.json.session_id]);
  expect(resumed.json).toMatchObject({ result: "second", session_id: first.json.session_id });
  expect(server!.requests[1]!.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  const continued = await run(["--continue"]);
  expect(continued.json).toMatchObject({ result: "third", session_id: first.json.session_id });
});

test("--max-budget-usd: over budget is an error result and exit 1", async () => {
  const { run } = serve([bash("echo 1"), bash("echo 2"), done]);
  const { json, code } = await run(["--dangerously-skip-permissions", "--max-budget-usd", "0.000001"]);
  expect(code).toBe(1);
  expect(json).toMatchObject({ subtype: "error_max_budget_usd", is_error: true });
  expect("result" in json).toBe(false);
});
