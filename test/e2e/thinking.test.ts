import { afterAll, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Text that JSON escapes (quotes, backslashes, newlines, non-ASCII) and signatures with base64's + / =.
const first = { type: "thinking" as const, thinking: 'The user wants the file.\nCheck "notes.txt" first \\ then answer: é ✓ 🙂', signature: "EuYBCkQYAiJA+/sig==" };
const redacted = { type: "redacted_thinking" as const, data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP==" };
const second = { type: "thinking" as const, thinking: "The file says hello, so I can answer.", signature: "EpICCkYIBRgCKkDx+second+sig/==" };
const turns: ScriptTurn[] = [
  [first, redacted, { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/notes.txt" } }],
  [second, { type: "text", text: "It says hello." }],
];

function project() {
  const work = tempDir("nanocode-think-");
  dirs.push(work);
  writeFileSync(join(work, "notes.txt"), "hello\n");
  return work;
}

test("with --thinking, thinking blocks and redacted thinking go back byte-identical on the next request", async () => {
  const work = project();
  const server = startScriptedServer({ turns, workdir: work, home: work });
  const run = await runNanocode(["-p", "what does notes.txt say?", "--thinking", "--max-thinking-tokens", "4000", "--dangerously-skip-permissions"], {
    cwd: work,
    env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
  });
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("It says hello.\n");
  const [one, two] = server.requests;
  expect(one!.body.thinking).toEqual({ type: "enabled", budget_tokens: 4000 });
  expect(one!.body.max_tokens as number).toBeGreaterThan(4000);
  expect(one!.headers["anthropic-beta"]).toContain("interleaved-thinking-2025-05-14");
  // What the server streamed as deltas comes back as the same bytes, block by block.
  const echoed = two!.body.messages[1]!.content as unknown[];
  expect(echoed).toHaveLength(3);
  expect(JSON.stringify(echoed[0])).toBe(JSON.stringify(first));
  expect(JSON.stringify(echoed[1])).toBe(JSON.stringify(redacted));
  expect(echoed[2]).toMatchObject({ type: "tool_use", name: "Read" });
});

test("alwaysThinkingEnabled in settings turns thinking on; a budget of 0 turns it off", async () => {
  const work = project();
  mkdirSync(join(work, ".claude"));
  writeFileSync(join(work, ".claude", "settings.json"), JSON.stringify({ alwaysThinkingEnabled: true }));
  const server = startScriptedServer({ turns, workdir: work, home: work });
  const env = { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  const on = await runNanocode(["-p", "hi", "--dangerously-skip-permissions"], { cwd: work, env });
  expect(on.stderr).toBe("");
  expect(server.requests[0]!.body.thinking).toEqual({ type: "enabled", budget_tokens: 16_000 });
  server.requests.length = 0;
  await runNanocode(["-p", "hi", "--dangerously-skip-permissions"], { cwd: work, env: { ...env, MAX_THINKING_TOKENS: "0" } });
  server.stop();
  expect(server.requests[0]!.body.thinking).toBeUndefined();
  expect(server.requests[0]!.headers["anthropic-beta"] ?? "").not.toContain("interleaved-thinking");
});
