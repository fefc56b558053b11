import { expect, test } from "bun:test";
import * as v from "valibot";
import type { Outcome } from "../../src/agent/events.ts";
import { AgentSession } from "../../src/agent/session.ts";
import { SessionServices } from "../../src/agents/services.ts";
import { FileState } from "../../src/fs/file-state.ts";
import type { AssistantBlock } from "../../src/model/messages.ts";
import { SMALL_MODEL } from "../../src/model/models.ts";
import type { ModelRequest, Provider } from "../../src/model/provider.ts";
import { turnEvents } from "../../src/model/script.ts";
import { modeGate } from "../../src/permissions/gate.ts";
import { defineTool } from "../../src/registry/define.ts";
import todoWrite from "../../tools/todo-write.ts";
import { registryOf } from "../support/agent.ts";
import { tempDir } from "../support/tmp.ts";

/** A provider that answers each request with `answer(request)`, recording every request. */
function provider(answer: (request: ModelRequest) => AssistantBlock[]): Provider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    name: "test",
    requests,
    async *stream(request) {
      requests.push(structuredClone(request));
      yield* turnEvents(answer(request), { id: `msg_${requests.length}`, model: request.model, inputTokens: 100 });
    },
  };
}

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

async function session(answer: (request: ModelRequest, index: number) => AssistantBlock[]) {
  let index = 0;
  const p = provider((request) => answer(request, index++));
  const cwd = tempDir();
  const s = new AgentSession(
    { provider: p, registry: registryOf(todoWrite, summarize), permissions: modeGate("default") },
    { model: "claude-sonnet-5-5", maxTokens: 1000, system: [] },
    { cwd, sessionId: "s", sessionDir: `${cwd}/.s`, files: new FileState() },
  );
  const services = new SessionServices(s);
  s.env.services = services;
  const run = s.send("go", new AbortController().signal);
  let next = await run.next();
  while (!next.done) next = await run.next();
  return { outcome: next.value as Outcome, services, provider: p, session: s };
}

test("TodoWrite fills the session's list, outside the conversation", async () => {
  const todos = [{ content: "Read the code", status: "in_progress", activeForm: "Reading the code" }];
  const { services, outcome } = await session((_, i) => (i === 0 ? [{ type: "tool_use", id: "t1", name: "TodoWrite", input: { todos } }] : [{ type: "text", text: "ok" }]));
  expect(outcome.result).toBe("ok");
  expect(services.todos.items).toEqual(todos as never);
});

test("a side request goes to the small model and its usage counts in the run's cost", async () => {
  const { outcome, provider: p, session: s } = await session((request, i) => {
    if (request.model === SMALL_MODEL) return [{ type: "text", text: "short" }];
    return i === 0 ? [{ type: "tool_use", id: "t1", name: "Summarize", input: { text: "long text" } }] : [{ type: "text", text: "done" }];
  });
  const side = p.requests.find((r) => r.model === SMALL_MODEL)!;
  expect(side.messages).toEqual([{ role: "user", content: "Summarize: long text" }]);
  expect(side.tools).toEqual([]);
  const toolResult = s.messages[2]!.content as { content: string }[];
  expect(toolResult[0]!.content).toBe(`${SMALL_MODEL}: short`);
  expect(Object.keys(outcome.modelUsage).sort()).toEqual([SMALL_MODEL, "claude-sonnet-5-5"].sort());
  expect(outcome.modelUsage[SMALL_MODEL]!.input_tokens).toBe(100);
  expect(outcome.costUSD).toBeGreaterThan(outcome.modelUsage["claude-sonnet-5-5"]!.costUSD);
});
