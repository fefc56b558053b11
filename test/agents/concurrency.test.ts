import { expect, test } from "bun:test";
import * as v from "valibot";
import type { Concurrency } from "../../src/registry/define.ts";
import { defineTool } from "../../src/registry/define.ts";
import { drive, registryOf, scriptedProvider } from "../support/agent.ts";

// Each call logs its start, then ends one macrotask later. The scripted stream is consumed in
// microtasks, so by the time any call ends every call of the response has been submitted: a call
// that starts before an earlier one ended really ran beside it. No time is measured.
const log: string[] = [];

function tool(name: string, readOnly: boolean, concurrency?: (input: { tag: string; writes?: boolean }) => Concurrency) {
  return defineTool({
    name,
    description: name,
    input: v.object({ tag: v.string(), writes: v.optional(v.boolean()) }),
    readOnly,
    concurrency,
    async run({ tag }) {
      log.push(`start ${tag}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
      log.push(`end ${tag}`);
      return tag;
    },
  });
}

// Agent-like: needs no approval, runs beside other sub-agents, and apart from everything else
// when its sub-agent may write.
const registry = registryOf(
  tool("Look", true),
  tool("Change", false),
  tool("Delegate", true, ({ writes }) => ({ exclusive: writes === true, group: "Delegate" })),
);

const call = (name: string, tag: string, writes?: boolean) => ({ type: "tool_use" as const, id: tag, name, input: { tag, ...(writes ? { writes } : {}) } });

async function order(...calls: ReturnType<typeof call>[]): Promise<string[]> {
  log.length = 0;
  const { outcome } = await drive(scriptedProvider([calls, [{ type: "text", text: "ok" }]]), registry);
  expect(outcome.result).toBe("ok");
  return [...log];
}

test("sub-agents run side by side, writing or not, and a read after a writing one waits for it", async () => {
  expect(await order(call("Delegate", "explore"), call("Delegate", "general", true), call("Look", "read"))).toEqual([
    "start explore",
    "start general",
    "end explore",
    "end general",
    "start read",
    "end read",
  ]);
});

test("a read-only sub-agent runs beside plain reads", async () => {
  expect(await order(call("Look", "read"), call("Delegate", "explore"))).toEqual(["start read", "start explore", "end read", "end explore"]);
});

test("a writing tool of the parent never runs beside a sub-agent that may write", async () => {
  expect(await order(call("Delegate", "general", true), call("Change", "edit"), call("Delegate", "after", true))).toEqual([
    "start general",
    "end general",
    "start edit",
    "end edit",
    "start after",
    "end after",
  ]);
});

test("a writing tool waits for a read-only sub-agent before it and blocks the calls after it", async () => {
  expect(await order(call("Delegate", "explore"), call("Change", "edit"), call("Look", "read"))).toEqual([
    "start explore",
    "end explore",
    "start edit",
    "end edit",
    "start read",
    "end read",
  ]);
});
