import { expect, test } from "bun:test";
import * as v from "valibot";
import type { ToolResultBlock, ToolUseBlock } from "../../src/model/messages.ts";
import { defineTool } from "../../src/registry/define.ts";
import { drive, registryOf, scriptedProvider } from "../support/agent.ts";

const log: string[] = [];
/** Tags of the calls whose sleep is over (aborted or not). */
const slept = new Set<string>();
const sleeper = (name: string, readOnly: boolean) =>
  defineTool({
    name,
    description: `sleeps (${name})`,
    input: v.object({ ms: v.number(), tag: v.string() }),
    readOnly,
    async run({ ms, tag }, ctx) {
      log.push(`start ${tag}`);
      await Bun.sleep(ms);
      slept.add(tag);
      if (ctx.signal.aborted) throw new Error("stopped");
      log.push(`end ${tag}`);
      return `done ${tag}`;
    },
  });
const registry = registryOf(sleeper("Look", true), sleeper("Change", false));

const call = (name: string, tag: string, ms = 60, id = tag): ToolUseBlock => ({ type: "tool_use", id, name, input: { ms, tag } });
const resultsOf = (messages: { content: unknown }[]) => (messages[2]!.content as ToolResultBlock[]).map((r) => [r.tool_use_id, r.content, r.is_error ?? false]);

test("read-only calls run together, a writing call runs alone, results keep call order", async () => {
  log.length = 0;
  const provider = scriptedProvider([[call("Look", "a"), call("Look", "b"), call("Change", "c", 10), call("Look", "d", 10)], [{ type: "text", text: "ok" }]]);
  const { messages, outcome } = await drive(provider, registry);
  expect(outcome.result).toBe("ok");
  expect(log).toEqual(["start a", "start b", "end a", "end b", "start c", "end c", "start d", "end d"]);
  expect(resultsOf(messages)).toEqual([
    ["a", "done a", false],
    ["b", "done b", false],
    ["c", "done c", false],
    ["d", "done d", false],
  ]);
});

test("a call starts as soon as its block completes, before the message ends", async () => {
  const provider = scriptedProvider([[call("Look", "early", 1), { type: "text", text: "more text after the call" }], [{ type: "text", text: "ok" }]], 5);
  const { events } = await drive(provider, registry);
  const started = events.findIndex((e) => e.type === "tool_start");
  const messageStop = events.findIndex((e) => e.type === "stream" && e.event.type === "message_stop");
  expect(started).toBeGreaterThan(-1);
  expect(started).toBeLessThan(messageStop);
});

test("invalid input and unknown tools each get one error result naming the problem", async () => {
  const provider = scriptedProvider([
    [
      { type: "tool_use", id: "missing", name: "Look", input: { tag: "x" } },
      { type: "tool_use", id: "unknown", name: "Nope", input: {} },
      { type: "tool_use", id: "typed", name: "Look", input: { ms: "soon", tag: "x" } },
    ],
    [{ type: "text", text: "ok" }],
  ]);
  const { messages } = await drive(provider, registry);
  const results = resultsOf(messages);
  expect(results.map((r) => r[0])).toEqual(["missing", "unknown", "typed"]);
  expect(results.every((r) => r[2] === true)).toBe(true);
  expect(results[0]![1]).toContain("The required parameter `ms` is missing");
  expect(results[1]![1]).toContain("No such tool available: Nope");
  expect(results[2]![1]).toContain("`ms`");
});

test("abort gives every call exactly one result and ends the run", async () => {
  const controller = new AbortController();
  const scripted = scriptedProvider([[call("Change", "slow", 5_000), call("Look", "queued", 10)], [{ type: "text", text: "never" }]]);
  // Abort once the whole message is in: "slow" running, "queued" waiting behind it (a timer could
  // fire before the calls arrive on a loaded machine, or after both ended).
  const provider = {
    ...scripted,
    async *stream(...args: Parameters<typeof scripted.stream>) {
      yield* scripted.stream(...args);
      controller.abort();
    },
  };
  const { messages, outcome } = await drive(provider, registry, { signal: controller.signal });
  expect(slept.has("slow")).toBe(false); // the run ended without waiting for the 5 s call
  expect(outcome.terminalReason).toBe("aborted");
  const results = resultsOf(messages);
  expect(results.map((r) => r[0])).toEqual(["slow", "queued"]);
  expect(results.every((r) => r[2] === true)).toBe(true);
});

test("max turns stops after running the last allowed turn's tools", async () => {
  const provider = scriptedProvider([[call("Look", "once", 1)], [{ type: "text", text: "never" }]]);
  const { outcome, messages } = await drive(provider, registry, { maxTurns: 1 });
  expect(outcome.subtype).toBe("error_max_turns");
  expect(outcome.isError).toBe(true);
  expect(outcome.numTurns).toBe(2);
  expect(messages).toHaveLength(3);
});
