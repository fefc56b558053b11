import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { textOf } from "../../src/model/messages.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { binaryAlone, tempDir } from "../support/tmp.ts";

// The binary copied alone into an empty folder, with HOME in a temp dir: what a user downloads.
let bin: string;
let work: string;
let home: string;

let removeBinary = () => {};
afterAll(() => removeBinary());

beforeAll(async () => {
  const built = await ensureBinary();
  const alone = binaryAlone(built);
  bin = alone.bin;
  removeBinary = alone.remove;
  work = tempDir("nanocode-work-");
  home = tempDir("nanocode-home-");
  writeFileSync(join(work, "notes.txt"), "first line\nsecond line\n");
});

const run = (args: string[], server: ScriptedServer, extraEnv: Record<string, string> = {}, cwd = work) =>
  runNanocode(args, { bin, cwd, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url, ...extraEnv } });

const bashThenRead = [
  [{ type: "tool_use" as const, name: "Bash", input: { command: "echo from-bash && ls", description: "List files" } }],
  [{ type: "tool_use" as const, name: "Read", input: { file_path: "$WORKDIR/notes.txt" } }],
  [{ type: "text" as const, text: "Done: {{last_tool_result_first_line}}" }],
];

describe("compiled binary against a scripted server", () => {
  let server: ScriptedServer;
  beforeAll(() => {
    server = startScriptedServer({ turns: bashThenRead, workdir: work, home });
  });
  afterAll(() => server.stop());

  test("runs Bash then Read and prints the final text", async () => {
    const { stdout, stderr, code } = await run(["-p", "look around", "--dangerously-skip-permissions"], server);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("Done: 1\tfirst line\n");
    const results = server.requests.map((r) => r.body.messages.at(-1)?.content);
    expect(JSON.stringify(results[1])).toContain("from-bash");
    expect(JSON.stringify(results[1])).toContain("notes.txt");
    expect(server.requests[0]!.body.stream).toBe(true);
  });

  test("--output-format json prints Claude Code's result fields", async () => {
    server.requests.length = 0;
    const { stdout, code } = await run(["-p", "look around", "--dangerously-skip-permissions", "--output-format", "json"], server);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ type: "result", subtype: "success", is_error: false, result: "Done: 1\tfirst line", num_turns: 3 });
    expect(typeof result.session_id).toBe("string");
    expect(result.duration_ms).toBeGreaterThan(0);
    expect(result.duration_api_ms).toBeGreaterThanOrEqual(0);
    expect(result.total_cost_usd).toBeGreaterThan(0);
    // The prompt is cached from the first request on: its tokens are reported as cache writes and reads.
    expect(result.usage.cache_read_input_tokens + result.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  test("without permission flags, a read-only Bash command runs and a writing one is denied and listed", async () => {
    const { stdout, code } = await run(["-p", "look around", "--output-format", "json"], server);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).permission_denials).toEqual([]);
    const writes = startScriptedServer({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "touch made.txt" } }], [{ type: "text", text: "{{last_tool_result_first_line}}" }]], workdir: work, home });
    const denied = JSON.parse((await run(["-p", "make a file", "--output-format", "json"], writes)).stdout);
    writes.stop();
    expect(denied.permission_denials).toEqual([{ tool_name: "Bash", tool_use_id: "toolu_script_001_0", tool_input: { command: "touch made.txt" } }]);
    expect(denied.result).toContain('--allowedTools "Bash(touch:*)"');
    expect(existsSync(join(work, "made.txt"))).toBe(false);
  });
});

describe("a user tool module dropped into .nanocode/tools", () => {
  let server: ScriptedServer;
  beforeAll(() => {
    mkdirSync(join(work, ".nanocode", "tools"), { recursive: true });
    writeFileSync(
      join(work, ".nanocode", "tools", "hello.ts"),
      `import { defineTool, v } from "nanocode";
export default defineTool({
  name: "Hello",
  description: "Greets someone",
  input: v.object({ name: v.string() }),
  readOnly: true,
  run: ({ name }: { name: string }) => \`Hello, \${name}!\`,
});
`,
    );
    writeFileSync(join(work, ".nanocode", "tools", "broken.ts"), "export default defineTool({ oops");
    server = startScriptedServer({
      turns: [[{ type: "tool_use", name: "Hello", input: { name: "Ada" } }], [{ type: "text", text: "{{last_tool_result}}" }]],
      workdir: work,
      home,
    });
  });
  afterAll(() => server.stop());

  test("is offered to the model, runs when called, and a broken module is reported in one line", async () => {
    // A project's modules run only in a folder the user trusts.
    const { stdout, stderr, code } = await run(["-p", "--trust", "greet Ada"], server);
    expect(code).toBe(0);
    expect(stdout).toBe("Hello, Ada!\n");
    expect(server.requests[0]!.body.tools!.map((t) => t.name)).toContain("Hello");
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(".nanocode/tools/broken.ts");
  });
});

test("the prompt can come from stdin, and a broken settings file is one line that stops nothing", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, ".claude"));
  writeFileSync(join(dir, ".claude", "settings.json"), '{ "model": "opus", }');
  const server = startScriptedServer({ turns: [[{ type: "text", text: "got it" }]] });
  const result = await runNanocode(["--output-format", "json"], { bin, cwd: dir, stdin: "from stdin\n", env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout).result).toBe("got it");
  expect(result.stderr).toBe(`nanocode: ${join(dir, ".claude", "settings.json")}: invalid JSON at line 1, column 20: trailing comma before '}'; this file is ignored\n`);
  expect(textOf(server.requests[0]!.body.messages[0]!)).toBe("from stdin\n");
});

describe("errors are one clear line with a non-zero exit", () => {
  const clean = tempDir();
  test("no API key", async () => {
    const server = startScriptedServer({ turns: [] });
    const { stderr, code } = await run(["-p", "hi"], server, { ANTHROPIC_API_KEY: "" }, clean);
    server.stop();
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("ANTHROPIC_API_KEY");
  });

  test("unreachable base URL", async () => {
    const server = startScriptedServer({ turns: [] });
    const { stderr, code } = await run(["-p", "hi"], server, { ANTHROPIC_BASE_URL: "http://127.0.0.1:9", CLAUDE_CODE_MAX_RETRIES: "1", NANOCODE_RETRY_BASE_DELAY_MS: "1" }, clean);
    server.stop();
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("cannot reach http://127.0.0.1:9 (ECONNREFUSED)");
  }, 30_000);

  test("bad flag", async () => {
    const server = startScriptedServer({ turns: [] });
    const { stderr, code, stdout } = await run(["--frobnicate"], server, {}, clean);
    server.stop();
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("Error: unknown option '--frobnicate' (see nanocode --help)\n");
  });
});
