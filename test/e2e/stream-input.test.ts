// `--input-format stream-json` (and so the SDK, which always speaks it): each user line is prepared
// as `-p` prepares its prompt, as Claude Code treats SDK input: command modules run (/compact,
// /cost), custom commands and skills expand, @files are attached.

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { ALIASES } from "../../src/model/models.ts";
import { startNanocode } from "../support/live.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const userLine = (content: unknown) => `${JSON.stringify({ type: "user", message: { role: "user", content } })}\n`;
const texts = (r: RecordedRequest) => (r.body.messages.at(-1)!.content as { type: string; text?: string }[]).map((b) => b.text ?? b.type);

function project() {
  const work = tempDir("nanocode-stream-input-");
  put(join(work, ".claude/commands/greet.md"), "---\ndescription: greet\n---\nSay hello to $ARGUMENTS.\n");
  put(join(work, ".claude/skills/quick/SKILL.md"), "---\ndescription: answer quickly\nmodel: haiku\n---\nQUICK_BODY\n");
  put(join(work, "notes.txt"), "NOTES_MARKER\n");
  return work;
}

/** One line at a time, each written once the previous turn's result is out. */
async function conversation(work: string, lines: unknown[]) {
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "answered" }] });
  const live = await startNanocode(["--input-format", "stream-json", "--output-format", "stream-json", "--verbose"], {
    cwd: work,
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url },
  });
  for (const [i, line] of lines.entries()) {
    live.write(userLine(line));
    await live.waitForLine((l) => l.type === "result" && l.result_index === i);
  }
  live.endInput();
  const { code, stderr } = await live.exited;
  return { code, stderr, lines: live.lines as any[], requests: server.requests };
}

test("custom commands, skills and @files are prepared as with -p; a skill's model holds for its turn only", async () => {
  const work = project();
  const { code, stderr, requests, lines } = await conversation(work, ["/greet Alice", "/quick", [{ type: "text", text: "see @notes.txt" }], "plain"]);
  expect([code, stderr]).toEqual([0, ""]);
  expect(texts(requests[0]!)).toEqual(["<command-message>greet</command-message>\n<command-name>/greet</command-name>\n<command-args>Alice</command-args>\n", "Say hello to Alice.\n"]);
  expect(texts(requests[1]!)[1]).toContain("QUICK_BODY");
  expect(texts(requests[2]!).join("\n")).toContain("NOTES_MARKER");
  expect(requests.map((r) => r.body.model)).toEqual([ALIASES.sonnet!, ALIASES.haiku!, ALIASES.sonnet!, ALIASES.sonnet!]);
  expect(lines.filter((l) => l.type === "result").map((l) => l.result)).toEqual(["answered", "answered", "answered", "answered"]);
});

test("command modules run without the model: /cost answers in the result line, /compact prints its boundary", async () => {
  const work = project();
  const { code, requests, lines } = await conversation(work, ["hello", "/cost", "/compact"]);
  expect(code).toBe(0);
  const results = lines.filter((l) => l.type === "result");
  expect(results[1]).toMatchObject({ subtype: "success", is_error: false, num_turns: 0, total_cost_usd: 0 });
  expect(results[1].result).toStartWith("Total cost:");
  expect(results[2].result).toStartWith("Compacted the conversation");
  const boundary = lines.findIndex((l) => l.type === "system" && l.subtype === "compact_boundary");
  expect(boundary).toBeGreaterThan(lines.indexOf(results[1]));
  expect(lines[boundary]).toMatchObject({ compact_metadata: { trigger: "manual" } });
  // One request for "hello", one for the summary: /cost asked nothing.
  expect(requests).toHaveLength(2);
});

test("-p with a JSON output format runs a command module as a turn: its output is the result", async () => {
  const work = project();
  server = startScriptedServer({ workdir: work, home: work, turns: [] });
  const { code, stdout } = await runNanocode(["-p", "/cost", "--output-format", "json"], { cwd: work, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ type: "result", subtype: "success", num_turns: 0, result: expect.stringContaining("Total cost:") });
  expect(server.requests).toHaveLength(0);
});

test("a slash command that arrives while a turn runs waits for a turn of its own instead of joining it", async () => {
  const work = project();
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo hi" } }], [{ type: "text", text: "first done" }]] });
  const stdin = userLine("run echo") + userLine("/cost");
  const run = await runNanocode(["--input-format", "stream-json", "--output-format", "stream-json", "--dangerously-skip-permissions"], { cwd: work, stdin, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  const results = run.stdout.trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.type === "result");
  expect(results.map((r) => r.result.split("\n")[0])).toEqual(["first done", expect.stringMatching(/^Total cost:/)]);
  expect(JSON.stringify(server.requests[1]!.body.messages)).not.toContain("/cost");
});
