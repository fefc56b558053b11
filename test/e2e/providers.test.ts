import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type Dialect, envFor, type ScriptedServer, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

// The same multi-tool session against the Anthropic and the OpenAI-compatible scripted servers.

const session: ScriptTurn[] = [
  [
    { type: "thinking", thinking: "I should look at the notes and the other text files.", signature: "" },
    { type: "text", text: "Looking around." },
    { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/notes.txt" } },
    { type: "tool_use", name: "Glob", input: { pattern: "*.txt" } },
    { type: "tool_use", name: "Grep", input: { pattern: "second", output_mode: "content" } },
  ],
  [{ type: "tool_use", name: "Bash", input: { command: "echo ran >> log.txt && wc -l < log.txt", description: "Log a line" } }],
  [{ type: "text", text: "Lines in log: {{last_tool_result_first_line}}" }],
];

let servers: ScriptedServer[] = [];
afterEach(() => {
  for (const s of servers) s.stop();
  servers = [];
});

function serve(dialect: Dialect, options: Omit<ServerOptions, "dialect">): ScriptedServer {
  const server = startScriptedServer({ ...options, dialect });
  servers.push(server);
  return server;
}

function workspace(): { work: string; home: string } {
  const work = tempDir("nanocode-prov-");
  writeFileSync(join(work, "notes.txt"), "first line\nsecond line\n");
  writeFileSync(join(work, "other.txt"), "x\n");
  return { work, home: tempDir("nanocode-home-") };
}

describe("a multi-tool session gives the same result with both providers", () => {
  for (const dialect of ["anthropic", "openai"] as const) {
    test(dialect, async () => {
      const { work, home } = workspace();
      const server = serve(dialect, { turns: session, workdir: work, home });
      const { stdout, stderr, code } = await runNanocode(["-p", "look around", "--dangerously-skip-permissions"], { cwd: work, env: envFor(dialect, server, home) });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toBe("Lines in log: 1\n");
      expect(readFileSync(join(work, "log.txt"), "utf8")).toBe("ran\n");
      expect(server.requests).toHaveLength(3);
      const second = JSON.stringify(server.requests[1]!.body.messages);
      expect(second).toContain("1\\tfirst line");
      expect(second).toContain("notes.txt");
      expect(second).toContain("second line");
    });
  }

  test("the OpenAI request carries tool calls and results in Chat Completions form", async () => {
    const { work, home } = workspace();
    const server = serve("openai", { turns: session, workdir: work, home, openai: { usage: false, reasoningField: "reasoning" } });
    const { stdout, code } = await runNanocode(["-p", "look around", "--dangerously-skip-permissions", "--output-format", "json"], { cwd: work, env: envFor("openai", server, home) });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.result).toBe("Lines in log: 1");
    // No usage chunk was sent: the tokens are estimated, never zero.
    expect(result.usage.input_tokens).toBeGreaterThan(0);
    expect(result.modelUsage["local-coder"].outputTokens).toBeGreaterThan(0);
    const { body, path } = server.requests[1]!;
    expect(path).toBe("/v1/chat/completions");
    expect(body).toMatchObject({ model: "local-coder", stream: true, stream_options: { include_usage: true } });
    const messages = body.messages as unknown as { role: string; tool_calls?: { function: { name: string } }[]; tool_call_id?: string }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "tool"]);
    expect(messages[2]!.tool_calls!.map((c) => c.function.name)).toEqual(["Read", "Glob", "Grep"]);
  });

  test("a provider named in settings, chosen with --model name/model", async () => {
    const { work, home } = workspace();
    const server = serve("openai", { turns: session, workdir: work, home });
    // The user's own settings: a repository's providers apply only in a trusted folder (test/e2e/trust.test.ts).
    mkdirSync(join(home, ".nanocode"));
    const providers = { local: { type: "openai", baseURL: `${server.url}/v1`, models: { "coder-7b": { contextWindow: 32768 } } } };
    writeFileSync(join(home, ".nanocode", "settings.json"), JSON.stringify({ providers }));
    const { stdout, stderr, code } = await runNanocode(["-p", "look around", "--dangerously-skip-permissions", "--model", "local/coder-7b"], { cwd: work, env: { HOME: home } });
    expect([stderr, code, stdout]).toEqual(["", 0, "Lines in log: 1\n"]);
    expect(server.requests[0]!.body.model).toBe("coder-7b");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });
});

test("with an OpenAI-compatible server, sub-agents meant for a small Claude model use the configured models", async () => {
  const { work, home } = workspace();
  const isMain = (messages: { role: string; content?: unknown }[]) => String(messages[0]?.content).startsWith("You are nanocode");
  const server = serve("openai", {
    workdir: work,
    home,
    reply(request) {
      const messages = request.body.messages as unknown as { role: string; content?: unknown }[];
      if (!isMain(messages)) return [{ type: "text", text: "notes.txt holds two lines." }];
      const turn = messages.filter((m) => m.role === "assistant").length;
      if (turn === 0) return [{ type: "tool_use", name: "Agent", input: { description: "Look", prompt: "What is in notes.txt?", subagent_type: "Explore" } }];
      return [{ type: "text", text: "Explorer says: {{last_tool_result_first_line}}" }];
    },
  });
  const env = envFor("openai", server, home);
  const run = await runNanocode(["-p", "explore", "--dangerously-skip-permissions"], { cwd: work, env });
  expect([run.code, run.stderr]).toEqual([0, ""]);
  expect(run.stdout).toStartWith("Explorer says: notes.txt holds two lines.");
  expect(server.requests.map((r) => r.body.model)).toEqual(["local-coder", "local-coder", "local-coder"]);

  // A provider entry can name its small model.
  mkdirSync(join(home, ".nanocode"), { recursive: true });
  const providers = { local: { type: "openai", baseURL: `${server.url}/v1`, models: ["big-coder"], smallModel: "tiny-coder" } };
  writeFileSync(join(home, ".nanocode", "settings.json"), JSON.stringify({ providers, provider: "local" }));
  server.requests.length = 0;
  const named = await runNanocode(["-p", "explore", "--dangerously-skip-permissions"], { cwd: work, env: { HOME: home } });
  expect(named.code).toBe(0);
  expect(server.requests.map((r) => r.body.model)).toEqual(["big-coder", "tiny-coder", "big-coder"]);
});

describe("API errors are one clear line and are not retried", () => {
  for (const dialect of ["anthropic", "openai"] as const) {
    test(`${dialect}: 401 names the key, 400 shows the server's message`, async () => {
      const { work, home } = workspace();
      const denied = serve(dialect, { reply: () => Response.json({ error: { type: "authentication_error", message: "invalid x-api-key" } }, { status: 401 }) });
      const auth = await runNanocode(["-p", "hi"], { cwd: work, env: envFor(dialect, denied, home) });
      expect(auth.code).toBe(1);
      expect(auth.stderr).toBe(`Error: API key rejected by ${dialect === "openai" ? `${denied.url}/v1` : denied.url} (HTTP 401): check ${dialect === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN"}.\n`);
      expect(denied.requests).toHaveLength(1);

      const bad = serve(dialect, { reply: () => Response.json({ error: { type: "invalid_request_error", message: "tools.0: name is too long" } }, { status: 400 }) });
      const invalid = await runNanocode(["-p", "hi"], { cwd: work, env: envFor(dialect, bad, home) });
      expect([invalid.code, invalid.stderr]).toEqual([1, "API Error: 400 tools.0: name is too long\n"]);
      expect(bad.requests).toHaveLength(1);
    });
  }
});
