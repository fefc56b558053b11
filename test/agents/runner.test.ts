import { expect, test } from "bun:test";
import * as v from "valibot";
import type { RunHooks } from "../../src/agent/loop.ts";
import { BUILTIN_AGENTS } from "../../src/agents/builtin.ts";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import { SMALL_MODEL } from "../../src/model/models.ts";
import { defineTool } from "../../src/registry/define.ts";
import agentTool from "../../tools/agent.ts";
import askUserQuestion from "../../tools/ask-user-question.ts";
import taskOutput from "../../tools/task-output.ts";
import { modeGate } from "../support/agent.ts";
import { isMain, runSession, systemOf, turnOf } from "./harness.ts";

const look = defineTool({ name: "Look", description: "reads", input: v.object({}), readOnly: true, run: () => "looked" });
const change = defineTool({ name: "Change", description: "writes", input: v.object({}), run: () => "changed" });
// Read-only for some inputs only, decided asynchronously, as Bash is with its read-only analysis.
const shell = defineTool({ name: "Shell", description: "runs", input: v.object({ command: v.string() }), readOnly: async ({ command }) => command.startsWith("ls"), run: ({ command }) => `ran ${command}` });
const tools = [agentTool, askUserQuestion, taskOutput, look, change, shell];

const agentCall = (input: Record<string, unknown>, id = "call_1") => ({ type: "tool_use" as const, id, name: "Agent", input: { description: "task", prompt: "do it", ...input } });
const resultsOf = (run: { session: { messages: { content: unknown }[] } }) => run.session.messages[2]!.content as ToolResultBlock[];
const toolNames = (request: { tools: { name: string }[] }) => request.tools.map((t) => t.name).sort();

test("a general-purpose agent gets every tool but the main agent's own, and starts agents one level down only", async () => {
  const run = await runSession(tools, (request) => {
    const turn = turnOf(request);
    if (isMain(request)) return turn === 0 ? [agentCall({})] : [{ type: "text", text: "done" }];
    const depth = systemOf(request).includes("# Sub-agents") ? 1 : 2;
    if (depth === 1 && turn === 0) return [agentCall({ prompt: "go deeper" }, "call_2")];
    return [{ type: "text", text: `report from depth ${depth}` }];
  });
  expect(run.outcome.result).toBe("done");
  const [, child, grandchild] = run.provider.requests;
  expect(toolNames(child!)).toEqual(["Agent", "Change", "Look", "Shell", "TaskOutput"]);
  expect(toolNames(grandchild!)).toEqual(["Change", "Look", "Shell", "TaskOutput"]);
  expect(resultsOf(run)[0]!.content).toBe("report from depth 1");
  expect(child!.model).toBe("claude-sonnet-5-5");
});

test("a read-only agent keeps read-only tools, and input-dependent ones refuse what would write", async () => {
  const run = await runSession(tools, (request) => {
    const turn = turnOf(request);
    if (isMain(request)) return turn === 0 ? [agentCall({ subagent_type: "Explore" })] : [{ type: "text", text: "done" }];
    if (turn === 0) {
      return [
        { type: "tool_use", id: "ls", name: "Shell", input: { command: "ls" } },
        { type: "tool_use", id: "rm", name: "Shell", input: { command: "rm -rf x" } },
      ];
    }
    const results = request.messages.at(-1)!.content as ToolResultBlock[];
    return [{ type: "text", text: results.map((r) => `${r.is_error ? "refused" : "ok"}: ${r.content}`).join(" | ") }];
  });
  const child = run.provider.requests[1]!;
  expect(child.model).toBe(SMALL_MODEL);
  expect(toolNames(child)).toEqual(["Look", "Shell", "TaskOutput"]);
  expect(resultsOf(run)[0]!.content).toBe("ok: ran ls | refused: Explore is a read-only agent: this Shell call could change something, so it was not run. Use read-only calls only.");
});

test("an unknown agent type is an error that lists the types", async () => {
  const run = await runSession(tools, (request) => (turnOf(request) === 0 ? [agentCall({ subagent_type: "nope" })] : [{ type: "text", text: "done" }]));
  const [result] = resultsOf(run);
  expect(result!.is_error).toBe(true);
  expect(result!.content).toContain(`Agent type 'nope' not found. Available agents: ${BUILTIN_AGENTS.map((a) => a.name).join(", ")}`);
});

test("a sub-agent's steps reach the parent's stream marked with the Agent call's id, and its cost counts", async () => {
  const run = await runSession(tools, (request) => {
    if (isMain(request)) return turnOf(request) === 0 ? [agentCall({ subagent_type: "Explore" }, "call_x")] : [{ type: "text", text: "done" }];
    return [{ type: "text", text: "found it" }];
  });
  const marked = run.events.filter((e) => e.type === "subagent");
  expect(marked.length).toBeGreaterThan(0);
  for (const e of marked) expect(e).toMatchObject({ parentToolUseId: "call_x", agentType: "Explore" });
  expect(marked.some((e) => e.type === "subagent" && e.event.type === "assistant")).toBe(true);
  expect(run.outcome.modelUsage[SMALL_MODEL]!.input_tokens).toBe(100);
  expect(run.events.some((e) => e.type === "usage" && e.model === SMALL_MODEL && e.toolUseId === "call_x")).toBe(true);
  expect(run.session.cost.byModel[SMALL_MODEL]!.input_tokens).toBe(100);
});

test("a sub-agent's writing calls pass the same permission gate as the parent's", async () => {
  const run = await runSession(
    tools,
    (request) => {
      const turn = turnOf(request);
      if (isMain(request)) return turn === 0 ? [agentCall({})] : [{ type: "text", text: "done" }];
      if (turn === 0) return [{ type: "tool_use", id: "w", name: "Change", input: {} }];
      const [result] = request.messages.at(-1)!.content as ToolResultBlock[];
      return [{ type: "text", text: `${result!.is_error ? "denied" : "allowed"}` }];
    },
    { permissions: modeGate("default") },
  );
  expect(resultsOf(run)[0]!.content).toBe("denied");
});

test("run_in_background returns at once; TaskOutput waits for the report", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const run = await runSession(tools, async (request) => {
    const turn = turnOf(request);
    if (isMain(request)) {
      if (turn === 0) return [agentCall({ run_in_background: true, description: "slow research" })];
      if (turn === 1) {
        const [launched] = request.messages.at(-1)!.content as ToolResultBlock[];
        const id = /task_id: (\S+)/.exec(String(launched!.content))![1]!;
        // The main agent went on before the sub-agent answered: now let it finish.
        release();
        return [{ type: "tool_use", id: "out", name: "TaskOutput", input: { task_id: id } }];
      }
      return [{ type: "text", text: "collected" }];
    }
    await released;
    return [{ type: "text", text: "background report" }];
  });
  expect(run.outcome.result).toBe("collected");
  const output = run.session.messages[4]!.content as ToolResultBlock[];
  expect(output[0]!.content).toContain("<status>completed</status>");
  expect(output[0]!.content).toContain("<description>slow research</description>");
  expect(output[0]!.content).toContain("background report");
  // The end is announced with the same results, report included.
  const notice = output.find((b) => (b as { type: string }).type === "text") as unknown as { text: string };
  expect(notice.text).toStartWith("<task-notification>\nBackground agent agent-");
  expect(notice.text).toContain("(slow research) completed.\n<result>\nbackground report\n</result>");
  expect(run.services.tasks.list()[0]!.state).toBe("completed");
  // No call was waiting for it: its cost went straight into the session's totals.
  expect(run.session.cost.byModel["claude-sonnet-5-5"]!.input_tokens).toBe(400);
});

test("TaskOutput names the running tasks when the id is unknown, and block false does not wait", async () => {
  const run = await runSession(tools, async (request) => {
    const turn = turnOf(request);
    if (isMain(request)) {
      if (turn === 0) return [agentCall({ run_in_background: true, description: "never ends" })];
      if (turn === 1) {
        const id = /task_id: (\S+)/.exec(String((request.messages.at(-1)!.content as ToolResultBlock[])[0]!.content))![1]!;
        return [
          { type: "tool_use", id: "peek", name: "TaskOutput", input: { task_id: id, block: false } },
          { type: "tool_use", id: "bad", name: "TaskOutput", input: { task_id: "agent-nope" } },
        ];
      }
      return [{ type: "text", text: "done" }];
    }
    return new Promise(() => {});
  });
  const [peek, bad] = run.session.messages[4]!.content as ToolResultBlock[];
  expect(peek!.content).toContain("<status>running</status>");
  expect(peek!.content).toContain("Still running: call TaskOutput again later.");
  expect(bad!.is_error).toBe(true);
  expect(bad!.content).toContain("No background task found with ID: agent-nope. Running tasks: agent-");
  run.services.tasks.stopAll();
});

test("a sub-agent about to finish raises SubagentStop, not Stop; a blocking hook sends it back to work; the round of the Agent call then raises PostToolBatch", async () => {
  const raised: string[] = [];
  const hooks: RunHooks = {
    promptSubmit: async () => (raised.push("UserPromptSubmit"), { context: [] }),
    stop: async () => (raised.push("Stop"), { context: [] }),
    event: async (name, payload) => {
      raised.push(`${name}:${payload.last_assistant_message ?? payload.agent_type}`);
      return raised.filter((r) => r.startsWith("SubagentStop")).length === 1 ? { blocked: "check the tests too", context: [] } : { context: [] };
    },
  };
  const run = await runSession(
    tools,
    (request) => {
      if (isMain(request)) return turnOf(request) === 0 ? [agentCall({ subagent_type: "Explore" })] : [{ type: "text", text: "done" }];
      const last = request.messages.at(-1)!;
      return [{ type: "text", text: JSON.stringify(last.content).includes("check the tests too") ? "tests checked" : "first report" }];
    },
    { hooks },
  );
  expect(raised).toEqual(["UserPromptSubmit", "SubagentStart:Explore", "SubagentStop:first report", "SubagentStop:tests checked", "PostToolBatch:undefined", "Stop"]);
  expect(resultsOf(run)[0]!.content).toBe("tests checked");
});
