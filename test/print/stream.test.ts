import { expect, test } from "bun:test";
import type { AgentEvent, Outcome } from "../../src/agent/events.ts";
import { emptyUsage } from "../../src/model/messages.ts";
import { turnEvents } from "../../src/model/script.ts";
import { StreamTranslator } from "../../src/print/stream.ts";

const outcome = (over: Partial<Outcome> = {}): Outcome => ({
  subtype: "success",
  terminalReason: "completed",
  isError: false,
  result: "done",
  stopReason: "end_turn",
  numTurns: 2,
  usage: emptyUsage(),
  modelUsage: {},
  costUSD: 0,
  durationApiMs: 0,
  permissionDenials: [],
  ...over,
});

const response = (id: string): AgentEvent[] => [
  { type: "request", turn: 1, model: "m" },
  ...turnEvents(
    [
      { type: "text", text: "Looking." },
      { type: "tool_use", id, name: "Bash", input: { command: "touch x" } },
    ],
    { id: "msg_1", model: "m", inputTokens: 5 },
  ).map((event): AgentEvent => ({ type: "stream", event })),
];
const results = (id: string, isError: boolean): AgentEvent => ({ type: "user", message: { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: "x", ...(isError ? { is_error: true } : {}) }] } });
const translate = (t: StreamTranslator, events: AgentEvent[]) => events.flatMap((e) => t.translate(e));

test("one assistant message per block, each with the message_start usage and a null stop_reason", () => {
  const t = new StreamTranslator("s", { includePartial: false, judgeDenials: true });
  const lines = translate(t, response("t1"));
  expect(lines.map((l) => l.type)).toEqual(["assistant", "assistant"]);
  expect(lines[1]).toMatchObject({ message: { id: "msg_1", content: [{ type: "tool_use", id: "t1", input: { command: "touch x" } }], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } });
});

test("the prompt is not echoed; tool results are, with is_error always a boolean", () => {
  const t = new StreamTranslator("s", { includePartial: false, judgeDenials: true });
  expect(t.translate({ type: "user", message: { role: "user", content: "hi" } })).toEqual([]);
  const [line] = t.translate(results("t1", false));
  expect(line).toMatchObject({ type: "user", message: { content: [{ tool_use_id: "t1", type: "tool_result", content: "x", is_error: false }] } });
});

test("a denial among the last tool results turns a success into an error; an earlier one does not", () => {
  const denial = { tool_name: "Bash", tool_use_id: "t1", tool_input: { command: "touch x" } };
  const t = new StreamTranslator("s", { includePartial: false, judgeDenials: true });
  translate(t, [results("t1", true)]);
  expect(t.result(outcome({ permissionDenials: [denial] }))).toMatchObject({ is_error: true, subtype: "error_during_execution", terminal_reason: "permission_denied", result: "done", result_index: 0 });

  t.beginTurn();
  translate(t, [results("t1", true), results("t2", false)]);
  expect(t.result(outcome({ permissionDenials: [denial] }))).toMatchObject({ is_error: false, subtype: "success", result_index: 1 });

  const unjudged = new StreamTranslator("s", { includePartial: false, judgeDenials: false });
  translate(unjudged, [results("t1", true)]);
  expect(unjudged.result(outcome({ permissionDenials: [denial] })).is_error).toBe(false);
});

test("max turns: errors and no result field, as Claude Code", () => {
  const t = new StreamTranslator("s", { includePartial: false, judgeDenials: true });
  const line = t.result(outcome({ subtype: "error_max_turns", terminalReason: "max_turns", isError: true, result: "Reached the maximum number of turns (1)." }));
  expect("result" in line).toBe(false);
  expect(line).toMatchObject({ subtype: "error_max_turns", is_error: true, errors: ["Reached the maximum number of turns (1)."], api_error_status: null });
});

test("with partial messages: a status line per request and every event but ping", () => {
  const t = new StreamTranslator("s", { includePartial: true, judgeDenials: true });
  const lines = translate(t, [...response("t1"), { type: "stream", event: { type: "ping" } }]);
  expect(lines[0]).toMatchObject({ type: "system", subtype: "status", status: "requesting" });
  expect(lines.filter((l) => l.type === "stream_event")).toHaveLength(response("t1").length - 1);
  expect(lines.every((l) => l.type !== "stream_event" || l.event.type !== "ping")).toBe(true);
});

test("compaction is a compact_boundary line; a sub-agent's steps carry the parent tool call's id", () => {
  const t = new StreamTranslator("s", { includePartial: true, judgeDenials: true });
  const [boundary] = t.translate({ type: "compact", trigger: "prompt_too_long", tokensBefore: 900, tokensAfter: 100, messages: [], model: "m", usage: emptyUsage() });
  expect(boundary).toMatchObject({ type: "system", subtype: "compact_boundary", compact_metadata: { trigger: "auto", pre_tokens: 900 } });
  const inner = response("t9").map((event): AgentEvent => ({ type: "subagent", parentToolUseId: "toolu_parent", agentId: "a1", agentType: "Explore", event }));
  const lines = translate(t, [...inner, { type: "subagent", parentToolUseId: "toolu_parent", agentId: "a1", agentType: "Explore", event: results("t9", false) }]);
  expect(lines.map((l) => l.type)).toEqual(["assistant", "assistant", "user"]);
  expect(lines.every((l) => "parent_tool_use_id" in l && l.parent_tool_use_id === "toolu_parent")).toBe(true);
});
