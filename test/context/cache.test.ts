import { expect, test } from "bun:test";
import { withCacheBreakpoints } from "../../src/context/cache.ts";
import type { Message } from "../../src/model/messages.ts";
import { PromptCache } from "../support/prompt-cache.ts";

const conversation: Message[] = [
  { role: "user", content: "fix the bug" },
  { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: { file_path: "/a" } }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "1\tcode" }] },
  { role: "assistant", content: [{ type: "text", text: "Fixed." }] },
  { role: "user", content: "thanks, now the tests" },
];

test("the last message and the one that ended the previous request carry breakpoints; nothing else changes", () => {
  const before = structuredClone(conversation);
  const marked = withCacheBreakpoints(conversation);
  expect(conversation).toEqual(before);
  const flags = marked.map((m) => typeof m.content !== "string" && m.content.some((b) => "cache_control" in b && b.cache_control));
  expect(flags).toEqual([false, false, true, false, true]);
  expect(marked[4]!.content).toEqual([{ type: "text", text: "thanks, now the tests", cache_control: { type: "ephemeral" } }]);
  expect(withCacheBreakpoints(conversation.slice(0, 1)).map((m) => JSON.stringify(m.content).includes("cache_control"))).toEqual([true]);
  // Never more than the API's four: system marks leave fewer for the messages.
  const mark = { type: "text" as const, text: "s", cache_control: { type: "ephemeral" as const } };
  const count = (system: (typeof mark)[]) => JSON.stringify(withCacheBreakpoints(conversation, system)).split("cache_control").length - 1;
  expect([count([]), count([mark, mark]), count([mark, mark, mark]), count([mark, mark, mark, mark])]).toEqual([2, 2, 1, 0]);
});

test("the cache model reads the longest cached prefix, writes up to the last breakpoint, and needs the minimum size", () => {
  const cache = new PromptCache(10);
  const system = [{ type: "text", text: "x".repeat(400), cache_control: { type: "ephemeral" } }];
  const first = { system, messages: withCacheBreakpoints(conversation.slice(0, 3)) };
  const u1 = cache.usage(first);
  expect(u1.cache_read_input_tokens).toBe(0);
  expect(u1.cache_creation_input_tokens).toBeGreaterThan(100);
  expect(u1.input_tokens).toBe(0);

  const u2 = cache.usage({ system, messages: withCacheBreakpoints(conversation) });
  expect(u2.cache_read_input_tokens).toBe(u1.cache_creation_input_tokens);
  expect(u2.cache_creation_input_tokens).toBeGreaterThan(0);

  const changedSystem = [{ type: "text", text: "y".repeat(400), cache_control: { type: "ephemeral" } }];
  expect(cache.usage({ system: changedSystem, messages: conversation }).cache_read_input_tokens).toBe(0);
  expect(new PromptCache(100_000).usage(first).cache_creation_input_tokens).toBe(0);
});
