import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type Dialect, envFor, type Reply, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";
import { expectLoadableSession } from "../support/transcript.ts";

// The compiled binary against servers that fail: each run ends in success after retries, or in
// one clear error line and a non-zero exit, and its session file loads as a valid conversation.

const turns: ScriptTurn[] = [
  [
    { type: "text", text: "Logging a line." },
    { type: "tool_use", name: "Bash", input: { command: "echo ran >> log.txt && wc -l < log.txt", description: "Log a line" } },
  ],
  [{ type: "text", text: "Lines in log: {{last_tool_result_first_line}}" }],
];

let servers: ScriptedServer[] = [];
afterEach(() => {
  for (const s of servers) s.stop();
  servers = [];
});

/** Runs the two-turn session against a server whose n-th request (0-based) gets `fault(n, turn)`. */
async function session(dialect: Dialect, fault: (n: number, turn: ScriptTurn, model: string) => Reply, args: string[] = [], env: Record<string, string> = {}) {
  const work = tempDir("nanocode-fault-");
  const home = tempDir("nanocode-home-");
  const server = startScriptedServer({
    dialect,
    workdir: work,
    home,
    reply: (request, n) => fault(n, turns[request.body.messages.filter((m) => m.role === "assistant").length]!, request.body.model),
  });
  servers.push(server);
  const result = await runNanocode(["-p", "log a line", "--dangerously-skip-permissions", ...args], { cwd: work, env: { ...envFor(dialect, server, home), ...env } });
  const log = existsSync(join(work, "log.txt")) ? readFileSync(join(work, "log.txt"), "utf8") : "";
  const saved = await expectLoadableSession(home);
  return { ...result, server, log, lines: result.stderr.trim().split("\n"), saved, work, home };
}

const overloaded = () => Response.json({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, { status: 529, headers: { "retry-after": "0" } });

for (const dialect of ["anthropic", "openai"] as const) {
  describe(`${dialect}: success after retries`, () => {
    test("the first two answers are 529: retried, shown with --verbose", async () => {
      const { code, stdout, stderr, server, log } = await session(dialect, (n, turn) => (n < 2 ? overloaded() : turn), ["--verbose"]);
      expect(code).toBe(0);
      expect(stdout).toBe("Lines in log: 1\n");
      expect(log).toBe("ran\n");
      expect(server.requests).toHaveLength(4);
      expect(stderr).toContain("nanocode: API error (529 Overloaded) · retrying in 0s (attempt 1/10)\n");
      expect(stderr).toContain("(attempt 2/10)");
    });

    test("a model that stays overloaded hands over to --fallback-model", async () => {
      const main = dialect === "anthropic" ? "claude-sonnet-5-5" : "local-coder";
      const { code, stdout, server } = await session(dialect, (_, turn, model) => (model === main ? overloaded() : turn), ["--fallback-model", "small-model,other"]);
      expect([code, stdout]).toEqual([0, "Lines in log: 1\n"]);
      expect(server.requests.map((r) => r.body.model)).toEqual([main, main, main, "small-model", "small-model"]);
    });

    test("a stream cut after half its events (no tool started) is asked again; the tool runs once", async () => {
      const { code, stdout, server, log } = await session(dialect, (n, turn) => (n === 0 ? { turn, cutAfter: "half" } : turn));
      expect([code, stdout, log]).toEqual([0, "Lines in log: 1\n", "ran\n"]);
      expect(server.requests).toHaveLength(3);
      expect(server.requests[1]!.body.messages).toEqual(server.requests[0]!.body.messages);
    });

    test("a stream cut just before the message ends: the tool runs once", async () => {
      // Anthropic: the Bash block is whole, so it has started: the blocks are kept and the next
      // request continues after them. OpenAI: calls are whole only at the finish reason, so
      // nothing ran and the turn is asked again.
      const beforeEnd = dialect === "anthropic" ? -2 : -3;
      const { code, stdout, server, log } = await session(dialect, (n, turn) => (n === 0 ? { turn, cutAfter: framesOf(dialect, turn) + beforeEnd } : turn));
      expect([code, stdout, log]).toEqual([0, "Lines in log: 1\n", "ran\n"]);
      if (dialect === "anthropic") {
        expect(server.requests).toHaveLength(2);
        expect(JSON.stringify(server.requests[1]!.body.messages)).toContain("Logging a line.");
      } else {
        expect(server.requests).toHaveLength(3);
        expect(server.requests[1]!.body.messages).toEqual(server.requests[0]!.body.messages);
      }
    });
  });

  test(`${dialect}: a session cut and retried resumes with --continue`, async () => {
    const beforeEnd = dialect === "anthropic" ? -2 : -3;
    const first = await session(dialect, (n, turn) => (n === 0 ? { turn, cutAfter: framesOf(dialect, turn) + beforeEnd } : turn));
    expect(first.saved.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    const server = startScriptedServer({ dialect, turns: [[], [], [{ type: "text", text: "Still here." }]] });
    servers.push(server);
    const again = await runNanocode(["-p", "and now?", "--continue"], { cwd: first.work, env: envFor(dialect, server, first.home) });
    expect([again.code, again.stdout, again.stderr]).toEqual([0, "Still here.\n", ""]);
    // The earlier conversation went along: prompt, the kept call and its result, the answer, the new prompt.
    expect(JSON.stringify(server.requests[0]!.body.messages)).toContain("Lines in log: 1");
    expect(server.requests[0]!.body.messages.filter((m) => (m.role as string) !== "system")).toHaveLength(5);
  });

  describe(`${dialect}: one clear error line`, () => {
    test("a server that never answers times out (API_TIMEOUT_MS) after the retries", async () => {
      const { code, lines, stdout, server } = await session(dialect, () => ({ hang: true }), [], { API_TIMEOUT_MS: "200", CLAUDE_CODE_MAX_RETRIES: "1" });
      expect([code, stdout]).toEqual([1, ""]);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^API Error: no answer from http:\/\/127\.0\.0\.1:\d+\S* within 200ms \(API_TIMEOUT_MS\)$/);
      expect(server.requests).toHaveLength(2);
    });

    test("malformed SSE", async () => {
      const raw = dialect === "anthropic" ? "event: message_start\ndata: {not json\n\n" : "data: {not json\n\n";
      const { code, lines, server } = await session(dialect, () => ({ raw }));
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^API Error: http:\/\/127\.0\.0\.1:\d+\S* sent malformed data in the response stream/);
      expect(server.requests).toHaveLength(1);
    });

    test("529 on every answer: gives up after the retries", async () => {
      const { code, lines, server } = await session(dialect, () => overloaded(), [], { CLAUDE_CODE_MAX_RETRIES: "2" });
      expect([code, lines]).toEqual([1, ["API Error: 529 Overloaded"]]);
      expect(server.requests).toHaveLength(3);
    });
  });
}

// OpenAI-compatible calls are whole only when the completion ends, so a cut there never leaves one started.
describe("anthropic: a stream cut after the Bash call started, then the same response replayed", () => {
  const dialect = "anthropic";
  // The server does not know the call ran and plays the turn again: the call must not run twice.
  const afterCall = (turn: ScriptTurn) => framesOf(dialect, turn) - 1;
  for (const [where, beforeEnd] of [["right after the call's block", 2], ["just before message_stop", 1]] as const) {
    test(`cut ${where}: the replayed call takes the earlier result and the command appended one line`, async () => {
      const cut = { turn: turns[0]!, cutAfter: framesOf(dialect, turns[0]!) - beforeEnd };
      const { code, stdout, stderr, log, server, saved } = await session(dialect, (n) => (n === 0 ? cut : turns[Math.min(n - 1, 1)]!));
      expect([code, stdout, log]).toEqual([0, "Lines in log: 1\n", "ran\n"]);
      expect(server.requests).toHaveLength(3);
      expect(stderr).toContain("its result is reused, the call is not run twice");
      expect(saved.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    });
  }

  test("cut twice, replayed each time: still one line", async () => {
    const { code, log, server } = await session(dialect, (n) => (n < 2 ? { turn: turns[0]!, cutAfter: afterCall(turns[0]!) } : turns[Math.min(n - 2, 1)]!));
    expect([code, log]).toEqual([0, "ran\n"]);
    expect(server.requests).toHaveLength(4);
  });

  test("a replay that asks for another command runs it", async () => {
    const other: ScriptTurn = [{ type: "tool_use", name: "Bash", input: { command: "echo other >> log.txt" } }];
    const { code, log } = await session(dialect, (n) => (n === 0 ? { turn: turns[0]!, cutAfter: afterCall(turns[0]!) } : n === 1 ? other : turns[1]!));
    expect([code, log]).toEqual([0, "ran\nother\n"]);
  });
});

/** How many SSE frames the scripted server sends for `turn` (to cut at a chosen point). */
function framesOf(dialect: Dialect, turn: ScriptTurn): number {
  // Anthropic: ping, message_start, per block start/deltas/stop, message_delta, message_stop.
  // OpenAI: role chunk, deltas, finish chunk, usage chunk, [DONE].
  const text = turn.find((b) => b.type === "text")!;
  const tool = turn.find((b) => b.type === "tool_use")!;
  const textDeltas = Math.ceil(text.text.length / Math.ceil(text.text.length / 2));
  const json = JSON.stringify(tool.input);
  const jsonDeltas = Math.ceil(json.length / Math.ceil(json.length / 3));
  return dialect === "anthropic" ? 1 + 1 + (2 + textDeltas) + (2 + jsonDeltas) + 2 : 1 + textDeltas + (1 + jsonDeltas) + 3;
}
