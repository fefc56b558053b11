import { expect, test } from "bun:test";
import * as v from "valibot";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import { SMALL_MODEL } from "../../src/model/models.ts";
import { defineTool } from "../../src/registry/define.ts";
import todoWrite from "../../tools/todo-write.ts";
import { runSession, turnOf } from "./harness.ts";

const summarize = defineTool({
  name: "Summarize",
  description: "asks the small model",
  input: v.object({ text: v.string() }),
  readOnly: true,
  async run({ text }, ctx) {
    const answer = await ctx.agent!.query({ prompt: `Summarize: ${text}` });
    return `${answer.model}: ${answer.text}`;
  },
});

test("TodoWrite fills the session's list, outside the conversation", async () => {
  const todos = [{ content: "Read the code", status: "in_progress", activeForm: "Reading the code" }];
  const { services, outcome } = await runSession([todoWrite], (request) =>
    turnOf(request) === 0 ? [{ type: "tool_use", id: "t1", name: "TodoWrite", input: { todos } }] : [{ type: "text", text: "ok" }],
  );
  expect(outcome.result).toBe("ok");
  expect(services.todos.items).toEqual(todos as never);
});

test("a side request goes to the small model and its usage counts in the run's cost", async () => {
  const { outcome, provider, session } = await runSession([summarize], (request) => {
    if (request.model === SMALL_MODEL) return [{ type: "text", text: "short" }];
    return turnOf(request) === 0 ? [{ type: "tool_use", id: "t1", name: "Summarize", input: { text: "long text" } }] : [{ type: "text", text: "done" }];
  });
  const side = provider.requests.find((r) => r.model === SMALL_MODEL)!;
  expect(side.messages).toEqual([{ role: "user", content: "Summarize: long text" }]);
  expect(side.tools).toEqual([]);
  expect((session.messages[2]!.content as ToolResultBlock[])[0]!.content).toBe(`${SMALL_MODEL}: short`);
  expect(Object.keys(outcome.modelUsage).sort()).toEqual([SMALL_MODEL, "claude-sonnet-5-5"].sort());
  expect(outcome.modelUsage[SMALL_MODEL]!.input_tokens).toBe(100);
  expect(outcome.costUSD).toBeGreaterThan(outcome.modelUsage["claude-sonnet-5-5"]!.costUSD);
  expect(session.cost.byModel[SMALL_MODEL]!.input_tokens).toBe(100);
});
