// The SDK as npm ships it (built to plain JS with declarations by scripts/npm-packages.ts), driving
// the compiled binary against the scripted server: from Bun in-process, and from Node 20 through the
// examples in examples/sdk/.

import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { ensureBinary, ROOT } from "../../scripts/ensure-binary.ts";
import { writeMainPackage } from "../../scripts/npm-packages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import type { Options, Query, SDKMessage } from "../../src/sdk.ts";
import { lineType } from "../support/conformance.ts";
import { type ScriptedServer, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

type QueryFn = (args: { prompt: string | AsyncIterable<unknown>; options?: Options }) => Query;

let bin: string;
let app: string;
let query: QueryFn;

beforeAll(async () => {
  bin = await ensureBinary();
  app = tempDir("nanocode-sdk-app-");
  await writeMainPackage(join(app, "node_modules", "nanocode"), pkg.version, []);
  await Bun.write(join(app, "package.json"), JSON.stringify({ name: "sdk-app", private: true, type: "module" }));
  for (const file of readdirSync(join(ROOT, "examples", "sdk"))) copyFileSync(join(ROOT, "examples", "sdk", file), join(app, file));
  ({ query } = (await import(join(app, "node_modules", "nanocode", "sdk", "sdk.js"))) as { query: QueryFn });
}, 60_000);

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

function serve(options: ServerOptions) {
  const work = tempDir();
  server = startScriptedServer({ workdir: work, home: work, ...options });
  return { work, env: { PATH: process.env.PATH ?? "", HOME: work, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } };
}

async function collect(run: AsyncIterable<SDKMessage>): Promise<SDKMessage[]> {
  const out: SDKMessage[] = [];
  for await (const message of run) out.push(message);
  return out;
}

const echoHi: ScriptTurn[] = [[{ type: "tool_use", name: "Bash", input: { command: "echo hi", description: "Print hi" } }], [{ type: "text", text: "It printed {{last_tool_result}}" }]];

describe("from Bun", () => {
  test("query() yields the stream-json messages: init, assistant, user, result", async () => {
    const { work, env } = serve({ turns: echoHi });
    const messages = await collect(query({ prompt: "run echo hi", options: { cwd: work, env, pathToNanocodeExecutable: bin, permissionMode: "bypassPermissions" } }));
    expect(messages.map(lineType)).toEqual(["system/init", "assistant", "user", "assistant", "result/success"]);
    expect(messages.at(-1)).toMatchObject({ type: "result", result: "It printed hi", is_error: false, num_turns: 2 });
    expect(messages[0]).toMatchObject({ cwd: work, permissionMode: "bypassPermissions" });
  });

  test("a slash command as the prompt runs as in Claude Code's SDK: /cost answers without the model", async () => {
    const { work, env } = serve({ turns: [] });
    const messages = await collect(query({ prompt: "/cost", options: { cwd: work, env, pathToNanocodeExecutable: bin } }));
    expect(messages.map(lineType)).toEqual(["system/init", "result/success"]);
    expect(messages.at(-1)).toMatchObject({ num_turns: 0, result: expect.stringMatching(/^Total cost:/) });
    expect(server!.requests).toHaveLength(0);
  });

  test("an async iterable prompt is a conversation: one session, one result per message", async () => {
    const { work, env } = serve({ turns: [[{ type: "text", text: "first" }], [{ type: "text", text: "second: {{last_user_text}}" }]] });
    async function* messages() {
      yield { type: "user", message: { role: "user", content: "one" } };
      yield { type: "user", message: { role: "user", content: "two" } };
    }
    const out = await collect(query({ prompt: messages(), options: { cwd: work, env, pathToNanocodeExecutable: bin } }));
    const results = out.filter((m) => m.type === "result");
    expect(results.map((r) => r.type === "result" && r.result)).toEqual(["first", "second: two"]);
    expect(new Set(out.map((m) => m.session_id)).size).toBe(1);
    expect(server!.requests[1]!.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  test("options become flags: model, system prompts, max turns, JSON schema, partial messages", async () => {
    const { work, env } = serve({ turns: [[{ type: "tool_use", name: "StructuredOutput", input: { n: 7 } }]] });
    const out = await collect(
      query({
        prompt: "seven",
        options: {
          cwd: work,
          env,
          pathToNanocodeExecutable: bin,
          model: "haiku",
          systemPrompt: { type: "preset", append: "Be brief." },
          maxTurns: 3,
          includePartialMessages: true,
          outputFormat: { type: "json_schema", schema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] } },
        },
      }),
    );
    const body = server!.requests[0]!.body;
    expect(body.model).toBe("claude-haiku-5-5");
    expect((body.system as { text: string }[]).at(-1)!.text.endsWith("\n\nBe brief.")).toBe(true);
    expect(out.some((m) => m.type === "stream_event")).toBe(true);
    expect(out.at(-1)).toMatchObject({ type: "result", structured_output: { n: 7 } });
  });

  test("allowedTools, additionalDirectories and resume reach the binary", async () => {
    const { work, env } = serve({ turns: [...echoHi, [{ type: "text", text: "again" }]] });
    const base = { cwd: work, env, pathToNanocodeExecutable: bin };
    const first = await collect(query({ prompt: "run echo hi", options: { ...base, allowedTools: ["Bash(echo:*)"], additionalDirectories: ["/tmp"] } }));
    expect(first[0]).toMatchObject({ type: "system", additional_directories: ["/tmp"] });
    expect(first.at(-1)).toMatchObject({ type: "result", result: "It printed hi", permission_denials: [] });
    const again = await collect(query({ prompt: "more", options: { ...base, resume: first[0]!.session_id } }));
    expect(again.at(-1)).toMatchObject({ type: "result", result: "again", session_id: first[0]!.session_id });
  });

  test("interrupt() stops the running turn; its result still arrives", async () => {
    let requested = () => {};
    const arrived = new Promise<void>((resolve) => (requested = resolve));
    const { work, env } = serve({ reply: () => ({ turn: [{ type: "text", text: "late" }], delayMs: 30_000 }), onRequest: () => requested() });
    const run = query({ prompt: "slow", options: { cwd: work, env, pathToNanocodeExecutable: bin } });
    const done = collect(run);
    await arrived;
    await run.interrupt();
    const out = await done;
    // As Claude Code names it: the model was still answering when the interrupt came.
    expect(out.at(-1)).toMatchObject({ type: "result", is_error: true, terminal_reason: "aborted_streaming" });
  });

  test("an abortController ends the run with a result", async () => {
    const controller = new AbortController();
    const { work, env } = serve({ reply: () => ({ turn: [{ type: "text", text: "late" }], delayMs: 30_000 }), onRequest: () => controller.abort() });
    const out = await collect(query({ prompt: "slow", options: { cwd: work, env, pathToNanocodeExecutable: bin, abortController: controller } }));
    expect(out.at(-1)).toMatchObject({ type: "result", is_error: true, errors: ["Stopped by SIGTERM."] });
  });

  test("a run that cannot start throws one clear error", async () => {
    const { work, env } = serve({ turns: [] });
    const noKey = { ...env, ANTHROPIC_API_KEY: "" };
    await expect(collect(query({ prompt: "x", options: { cwd: work, env: noKey, pathToNanocodeExecutable: bin } }))).rejects.toThrow(/exited with code 1: Error: no API key/);
    await expect(collect(query({ prompt: "x", options: { cwd: work, env, pathToNanocodeExecutable: join(work, "missing") } }))).rejects.toThrow(/cannot start nanocode/);
  });
});

describe("from Node 20, through the examples", () => {
  // Asynchronous: the scripted server answering it runs in this very process.
  const node = async (script: string, env: Record<string, string>) => {
    const proc = Bun.spawn(["node", script], { cwd: app, env: { ...env, NANOCODE_BIN: bin }, stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { code, stdout, stderr };
  };

  test("node is version 20 or later", () => {
    const version = Bun.spawnSync(["node", "--version"]).stdout.toString();
    expect(Number(/^v(\d+)/.exec(version)?.[1])).toBeGreaterThanOrEqual(20);
  });

  test("basic.mjs prints the result", async () => {
    const { env } = serve({ turns: [[{ type: "tool_use", name: "Glob", input: { pattern: "*" } }], [{ type: "text", text: "A small project." }]] });
    const run = await node("basic.mjs", env);
    expect(run.stdout).toBe("A small project.\n");
    expect(run.stderr).toContain("→ Glob");
    expect(run.code).toBe(0);
  });

  test("conversation.mjs gets a result per message", async () => {
    const { env } = serve({ turns: [[{ type: "text", text: "big.txt" }], [{ type: "text", text: "It is big." }]] });
    const run = await node("conversation.mjs", env);
    expect(run.stdout).toBe("[turn 1] big.txt\n[turn 2] It is big.\n");
  });

  test("structured.mjs prints the structured output", async () => {
    const { env } = serve({ turns: [[{ type: "tool_use", name: "StructuredOutput", input: { language: "TypeScript", test_command: "bun test", todo_count: 3 } }]] });
    const run = await node("structured.mjs", env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("language: 'TypeScript'");
  });

  test("the declarations type-check a TypeScript consumer", async () => {
    await Bun.write(
      join(app, "consumer.ts"),
      `import { query, type SDKMessage, type SDKResultMessage } from "nanocode";
const results: SDKResultMessage[] = [];
for await (const m of query({ prompt: "x", options: { maxTurns: 2, permissionMode: "plan" } })) {
  const message: SDKMessage = m;
  if (message.type === "result") results.push(message);
  if (message.type === "assistant") message.message.content.map((b) => b.type);
}
const cost: number = results[0]!.total_cost_usd;
// @ts-expect-error not a permission mode
query({ prompt: "x", options: { permissionMode: "yolo" } });
export { cost };
`,
    );
    const tsc = Bun.spawnSync([join(ROOT, "node_modules/.bin/tsc"), "--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--target", "es2022", "--lib", "es2022,dom", "consumer.ts"], { cwd: app, stdout: "pipe" });
    expect(tsc.stdout.toString()).toBe("");
    expect(tsc.exitCode).toBe(0);
  });
});
