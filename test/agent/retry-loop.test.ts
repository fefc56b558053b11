import { describe, expect, test } from "bun:test";
import * as v from "valibot";
import type { AgentEvent } from "../../src/agent/events.ts";
import type { AssistantBlock, Message, StreamEvent } from "../../src/model/messages.ts";
import { type Provider, ProviderError } from "../../src/model/provider.ts";
import { turnEvents } from "../../src/model/script.ts";
import { defineTool } from "../../src/registry/define.ts";
import { drive, registryOf } from "../support/agent.ts";
import { expectValidTranscript } from "../support/transcript.ts";

// The loop's side of resilience: what a retried turn leaves in the conversation.

let runs: string[] = [];
const registry = registryOf(
  defineTool({
    name: "Append",
    description: "appends a line (not read-only: it changes something)",
    input: v.object({ line: v.string() }),
    async run({ line }) {
      runs.push(line);
      return `appended ${line}`;
    },
  }),
);

type Attempt = { blocks: AssistantBlock[]; cutAfter?: number; fail?: ProviderError };

/** Each request plays the next attempt: its turn's events, cut after `cutAfter` of them, or a failure. */
function attempts(...plan: Attempt[]): Provider & { requests: { model: string; messages: Message[] }[] } {
  const requests: { model: string; messages: Message[] }[] = [];
  return {
    name: "plan",
    requests,
    async *stream(request) {
      requests.push({ model: request.model, messages: structuredClone(request.messages) });
      const step = plan[requests.length - 1];
      if (!step) throw new ProviderError("invalid_request", "no more attempts", 400);
      if (step.fail) throw step.fail;
      const events: StreamEvent[] = turnEvents(step.blocks, { id: `msg_${requests.length}`, model: request.model, inputTokens: 10 });
      yield* events.slice(0, step.cutAfter ?? events.length);
    },
  };
}

const text = (t: string): AssistantBlock => ({ type: "text", text: t });
const append = (id: string, line: string): AssistantBlock => ({ type: "tool_use", id, name: "Append", input: { line } });
const fast = { baseDelayMs: 1 };
const ofType = <T extends AgentEvent["type"]>(events: AgentEvent[], type: T) => events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);

test("a response cut before any tool ran is dropped and the turn is asked again", async () => {
  runs = [];
  const provider = attempts({ blocks: [text("The answer is 4"), text("2.")], cutAfter: 4 }, { blocks: [text("The answer is 42.")] });
  const { events, messages, outcome } = await drive(provider, registry, { retry: fast });
  expect(outcome).toMatchObject({ subtype: "success", result: "The answer is 42.", numTurns: 1 });
  expect(ofType(events, "retry")).toMatchObject([{ attempt: 1, discarded: true, error: expect.stringContaining("closed before the response was complete") }]);
  // The cut attempt left no message behind: one assistant event, the full one.
  expect(ofType(events, "assistant").map((e) => e.message.content)).toEqual([[text("The answer is 42.")]]);
  expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  expect(provider.requests[1]!.messages).toEqual(provider.requests[0]!.messages);
});

test("a response cut after a tool started keeps its whole blocks; the tool runs once and the turn continues after it", async () => {
  runs = [];
  const firstTurn = [text("Appending."), append("t1", "one"), append("t2", "two")];
  // Cut inside the second call's arguments: t1 is whole and has started, t2 is not.
  const cutAt = turnEvents(firstTurn, { id: "m", model: "m", inputTokens: 1 }).findIndex((e) => e.type === "content_block_start" && e.index === 2) + 2;
  const provider = attempts({ blocks: firstTurn, cutAfter: cutAt }, { blocks: [append("t3", "two")] }, { blocks: [text("Both appended.")] });
  const { events, messages, outcome } = await drive(provider, registry, { retry: fast });
  expect(outcome).toMatchObject({ subtype: "success", result: "Both appended." });
  expect(runs).toEqual(["one", "two"]);
  expect(ofType(events, "retry")).toMatchObject([{ discarded: false }]);
  expect(messages[1]).toEqual({ role: "assistant", content: [text("Appending."), append("t1", "one")] });
  expect(messages[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "appended one" }] });
  // The request after the cut carries what already ran, so the model does not ask for it again.
  expect(provider.requests[1]!.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  expect(provider.requests[1]!.messages[1]).toEqual(messages[1]!);
  expectValidTranscript(messages);
});

/** A cut right after the first Append block is whole: it has started, the rest of the turn is lost. */
function cutAfterFirstCall(blocks: AssistantBlock[]): Attempt {
  const events = turnEvents(blocks, { id: "m", model: "m", inputTokens: 1 });
  return { blocks, cutAfter: events.findIndex((e) => e.type === "content_block_stop" && blocks[e.index]?.type === "tool_use") + 1 };
}

describe("a retried response that asks again for a call the cut attempt ran", () => {
  test("reuses its result under the new id: the tool runs once and every call has one result", async () => {
    runs = [];
    const turn = [append("t1", "one")];
    const provider = attempts(cutAfterFirstCall(turn), { blocks: [append("t2", "one")] }, { blocks: [text("Appended.")] });
    const { events, messages, outcome } = await drive(provider, registry, { retry: fast });
    expect(outcome).toMatchObject({ subtype: "success", result: "Appended." });
    expect(runs).toEqual(["one"]);
    expect(messages[4]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "t2", content: "appended one" }] });
    expect(ofType(events, "notice").map((e) => e.text)).toEqual([expect.stringContaining("Append that already ran before the stream was cut")]);
    expectValidTranscript(messages);
  });

  test("a call with other input, or a second identical call beyond those that ran, runs", async () => {
    runs = [];
    const provider = attempts(cutAfterFirstCall([append("t1", "one"), append("t2", "two")]), { blocks: [append("t3", "one"), append("t4", "one"), append("t5", "two")] }, { blocks: [text("ok")] });
    const { messages } = await drive(provider, registry, { retry: fast });
    expect(runs).toEqual(["one", "one", "two"]);
    expectValidTranscript(messages);
  });

  test("only the response right after the cut reuses: a later turn asking the same call runs it", async () => {
    runs = [];
    const later = attempts(cutAfterFirstCall([append("t1", "one")]), { blocks: [append("t2", "two")] }, { blocks: [append("t3", "one")] }, { blocks: [text("ok")] });
    const second = await drive(later, registry, { retry: fast });
    expect(runs).toEqual(["one", "two", "one"]);
    expectValidTranscript(second.messages);
  });

  test("a second cut in the retried response keeps what is left to reuse", async () => {
    runs = [];
    const first = [append("t1", "one"), append("t2", "two")];
    const again = [append("t3", "two"), append("t4", "one")];
    const provider = attempts(cutAfterFirstCall(first), cutAfterFirstCall(again), { blocks: [append("t5", "one")] }, { blocks: [text("ok")] });
    const { messages } = await drive(provider, registry, { retry: fast });
    // t1 ran; t3 ("two") ran in the second attempt; t5 asks for "one" again: reused from t1.
    expect(runs).toEqual(["one", "two"]);
    expectValidTranscript(messages);
  });
});

test("a model that stays overloaded hands over to the fallback, which serves the rest of the run", async () => {
  runs = [];
  const overloaded = { blocks: [], fail: new ProviderError("overloaded", "Overloaded", 529) };
  const provider = attempts(overloaded, overloaded, overloaded, { blocks: [append("t1", "x")] }, { blocks: [text("done")] });
  const { events, outcome } = await drive(provider, registry, { retry: { ...fast, fallbackModels: ["claude-haiku-5-5"] } });
  expect(outcome.subtype).toBe("success");
  expect(provider.requests.map((r) => r.model)).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5", "claude-sonnet-5-5", "claude-haiku-5-5", "claude-haiku-5-5"]);
  expect(ofType(events, "retry").at(-1)).toMatchObject({ failedModel: "claude-sonnet-5-5", model: "claude-haiku-5-5", delayMs: 0 });
  expect(ofType(events, "request").map((e) => e.model)).toEqual(["claude-sonnet-5-5", "claude-haiku-5-5"]);
  expect(Object.keys(outcome.modelUsage)).toEqual(["claude-haiku-5-5"]);
});

test("errors that retrying cannot fix end the run at once with the server's words", async () => {
  const provider = attempts({ blocks: [], fail: new ProviderError("invalid_request", "max_tokens: must be at most 8192", 400) });
  const { events, outcome } = await drive(provider, registry, { retry: fast });
  expect(provider.requests).toHaveLength(1);
  expect(ofType(events, "retry")).toEqual([]);
  expect(outcome).toMatchObject({ subtype: "error_during_execution", terminalReason: "api_error", result: "API Error: 400 max_tokens: must be at most 8192", apiErrorStatus: 400 });
  expect(outcome.modelUsage).toEqual({});
});

test("abort during the wait before a retry ends the run as interrupted", async () => {
  const controller = new AbortController();
  const asked = Promise.withResolvers<void>();
  const inner = attempts({ blocks: [], fail: new ProviderError("rate_limit", "slow down", 429, 60_000) });
  const provider: Provider = { name: "p", stream: (request, signal) => (asked.resolve(), inner.stream(request, signal)) };
  const run = drive(provider, registry, { signal: controller.signal });
  await asked.promise;
  controller.abort();
  const { outcome } = await run;
  expect(outcome.terminalReason).toBe("aborted");
});
