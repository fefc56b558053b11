// Each recorded Claude Code headless case (test/fixtures/conformance), replayed against the
// compiled binary: same flags, same model script. The order of line types, the exit code and the
// fields and value types of every line must match, except where we deliberately do better.

import { afterEach, expect, test } from "bun:test";
import { argsOf, lineType, NOT_PRINTED, type RecordedCase, recordedCase, shapeDifferences } from "../support/conformance.ts";
import { startNanocode } from "../support/live.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

async function replay(c: RecordedCase) {
  const work = tempDir();
  server = startScriptedServer({ turns: c.mock.script.turns, workdir: work, home: work });
  const stdin = c.stdin ? `${c.stdin.lines.join("\n")}\n` : undefined;
  const run = await runNanocode(argsOf(c), { cwd: work, stdin, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  const lines = run.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { ...run, lines, work };
}

/** Every line has Claude Code's fields (bar the documented ones) with Claude Code's value types. */
function expectSameShapes(ours: unknown[], theirs: unknown[]) {
  expect(ours.length).toBe(theirs.length);
  ours.forEach((line, i) => {
    const { missing, wrongType } = shapeDifferences(line, theirs[i]);
    expect({ line: lineType(line), missing: missing.filter((p) => !NOT_PRINTED.has(p)), wrongType }).toEqual({ line: lineType(line), missing: [], wrongType: [] });
  });
}

/** Our scripted server splits text into more deltas than Claude Code's mock did: compare runs of deltas as one. */
const oneDelta = (types: string[]) => types.filter((t, i) => !(t === "stream_event:content_block_delta" && types[i - 1] === t));
const withoutExtraDeltas = (lines: any[]) => lines.filter((l, i) => !(lineType(l) === "stream_event:content_block_delta" && lineType(lines[i - 1]) === lineType(l)));

for (const name of ["02-json", "03-stream-json-verbose", "05-stream-json-partial", "06a-max-turns-json", "06b-max-turns-stream-json", "09a-stdin-stream-json-eof"]) {
  test(`${name}: same line types, exit code and shapes as Claude Code`, async () => {
    const c = recordedCase(name);
    const { lines, code, stderr } = await replay(c);
    expect(stderr).toBe("");
    expect(oneDelta(lines.map(lineType))).toEqual(oneDelta(c.observed.line_types));
    expect(code).toBe(c.exit.code);
    expectSameShapes(withoutExtraDeltas(lines), withoutExtraDeltas(c.stdout.lines));
  });
}

test("05: every delta is passed through, and a block's assistant line comes before its content_block_stop", async () => {
  const { lines } = await replay(recordedCase("05-stream-json-partial"));
  const text = lines.filter((l) => l.type === "stream_event" && l.event.delta?.type === "text_delta" && l.api_message_id === "msg_mock_1").map((l) => l.event.delta.text);
  expect(text.length).toBeGreaterThan(1);
  expect(text.join("")).toBe("I will run a command.");
  const firstStop = lines.findIndex((l) => l.event?.type === "content_block_stop");
  expect(lines[firstStop - 1]).toMatchObject({ type: "assistant", message: { content: [{ type: "text", text: "I will run a command." }] } });
  expect(lines.find((l) => l.event?.type === "message_start").ttft_ms).toBeNumber();
});

test("03: every assistant line names its API request (the server's request-id header), as Claude Code's do", async () => {
  const { lines } = await replay(recordedCase("03-stream-json-verbose"));
  const assistant = lines.filter((l) => l.type === "assistant");
  expect(assistant.map((l) => [l.message.id, l.request_id])).toEqual([
    ["msg_mock_1", "req_mock_1"],
    ["msg_mock_1", "req_mock_1"],
    ["msg_mock_2", "req_mock_2"],
  ]);
  expect(Object.keys(assistant[0]).slice(-2)).toEqual(["timestamp", "request_id"]);
});

test("09a: a message sent during a turn joins it after the next tool results", async () => {
  const { lines } = await replay(recordedCase("09a-stdin-stream-json-eof"));
  const second = server!.requests[1]!.body.messages.at(-1)!;
  expect(second.content).toEqual([expect.objectContaining({ type: "tool_result" }), expect.objectContaining({ type: "text", text: "second question" })]);
  expect(lines.at(-1).result).toBe("First answer: hi");
});

test("08: a denied tool that stopped the task is an error (Claude Code says success and exits 0)", async () => {
  const c = recordedCase("08-permission-denied-json");
  const { lines, code, work } = await replay(c);
  expect(lines.map(lineType)).toEqual(["result/error_during_execution"]);
  expect(code).toBe(1);
  const [result] = lines;
  expect(result).toMatchObject({
    is_error: true,
    terminal_reason: "permission_denied",
    result: "The tool result had is_error=true.",
    errors: ["The task stopped after a tool call was denied: Bash(touch x)"],
    permission_denials: [{ tool_name: "Bash", tool_use_id: "toolu_script_001_1", tool_input: { command: "touch x", description: "Create file x" } }],
  });
  expect(await Bun.file(`${work}/x`).exists()).toBe(false);
  // Apart from the verdict, the same fields and types as Claude Code's result.
  const { missing, wrongType } = shapeDifferences(result, c.stdout.lines[0]);
  expect([missing.filter((p) => !NOT_PRINTED.has(p)), wrongType]).toEqual([[], []]);
});

test("09c: with stdin left open the process waits for more input after the result, and ends at EOF", async () => {
  const c = recordedCase("09c-stdin-stream-json-open");
  const work = tempDir();
  server = startScriptedServer({ turns: c.mock.script.turns, workdir: work, home: work });
  const live = await startNanocode(argsOf(c), { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  live.write(`${c.stdin!.lines.join("\n")}\n`);
  await live.waitForLine((l) => l.type === "result");
  expect(oneDelta(live.lines.map(lineType))).toEqual(c.observed.line_types);
  expectSameShapes(live.lines, c.stdout.lines);
  // Still listening: one more line gets a turn of its own.
  live.write(`${JSON.stringify({ type: "user", message: { role: "user", content: "third question" } })}\n`);
  await live.waitForLine((l) => l.type === "result" && l.result_index === 1);
  live.endInput();
  expect((await live.exited).code).toBe(0);
  expect(live.lines.at(-1)).toMatchObject({ result: "Second answer to: third question" });
});

test("09b: a line written after the result starts a second turn with its own init and result", async () => {
  const c = recordedCase("09b-stdin-stream-json-interactive");
  const work = tempDir();
  server = startScriptedServer({ turns: c.mock.script.turns, workdir: work, home: work });
  const live = await startNanocode(argsOf(c), { cwd: work, env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  live.write(`${c.stdin!.lines[0]}\n`);
  await live.waitForLine((l) => l.type === "result");
  live.write(`${c.stdin!.lines[1]}\n`);
  await live.waitForLine((l) => l.type === "result" && l.result_index === 1);
  live.endInput();
  const { code, stderr } = await live.exited;
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(live.lines.map(lineType)).toEqual(c.observed.line_types);
  expectSameShapes(live.lines, c.stdout.lines);
  const [first, second] = live.lines.filter((l: any) => l.type === "system") as any[];
  expect(second.session_id).toBe(first.session_id);
  expect(second.uuid).not.toBe(first.uuid);
  const last = live.lines.at(-1) as any;
  expect(last).toMatchObject({ result: "Second answer to: second question", num_turns: 1, result_index: 1 });
});
