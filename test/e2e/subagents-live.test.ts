// Background agents' steps reach the live stream like foreground ones; a custom agent's `effort`
// sets its thinking budget. The compiled binary against the scripted server.

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { startNanocode } from "../support/live.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const systemText = (r: RecordedRequest) => (r.body.system as { text: string }[]).map((b) => b.text).join("\n");
const isMain = (r: RecordedRequest) => systemText(r).startsWith("You are nanocode");
const turnOf = (r: RecordedRequest) => r.body.messages.filter((m) => m.role === "assistant").length;

test("a background agent's steps are stream-json lines marked with its Agent call, while the main agent waits for it", async () => {
  const work = tempDir("nanocode-bg-");
  put(join(work, "alpha.ts"), "export const alpha = 1;\n");
  server = startScriptedServer({
    workdir: work,
    home: work,
    reply(request) {
      const turn = turnOf(request);
      if (!isMain(request)) return turn === 0 ? [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/alpha.ts" } }] : [{ type: "text", text: "alpha is 1" }];
      if (turn === 0) return [{ type: "tool_use", name: "Agent", input: { description: "Find alpha", prompt: "Where is alpha?", subagent_type: "Explore", run_in_background: true } }];
      if (turn === 1) {
        const task = /task_id: (agent-[0-9a-f]+)/.exec(JSON.stringify(request.body.messages.at(-1)))![1]!;
        return [{ type: "tool_use", name: "TaskOutput", input: { task_id: task, block: true } }];
      }
      return [{ type: "text", text: "done" }];
    },
  });
  const run = await runNanocode(["-p", "find alpha", "--output-format", "stream-json", "--verbose"], { cwd: work, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const agentCall = lines.find((l) => l.type === "assistant" && l.message.content[0].name === "Agent").message.content[0].id;
  const nested = lines.filter((l) => l.parent_tool_use_id === agentCall);
  expect(nested.map((l) => `${l.type}:${l.message.content[0].type}`)).toEqual(["assistant:tool_use", "user:tool_result", "assistant:text"]);
  expect(nested[2].message.content[0].text).toBe("alpha is 1");
  // Live: they come before the TaskOutput result that waited for the agent.
  const waited = lines.findIndex((l) => l.type === "user" && l.parent_tool_use_id === null && JSON.stringify(l.message).includes("alpha is 1"));
  expect(lines.indexOf(nested[2])).toBeLessThan(waited);
});

test("a custom agent's effort is its thinking budget: low thinks not at all, high 16k, max as much as the model allows", async () => {
  const work = tempDir("nanocode-effort-");
  for (const [name, effort] of [["quick", "low"], ["careful", "high"], ["deep", "max"]]) {
    put(join(work, `.claude/agents/${name}.md`), `---\nname: ${name}\ndescription: ${name} agent\neffort: ${effort}\nmodel: sonnet\n---\nYou are ${name}.\n`);
  }
  server = startScriptedServer({
    workdir: work,
    home: work,
    reply(request) {
      if (!isMain(request)) return [{ type: "text", text: "ok" }];
      if (turnOf(request) > 0) return [{ type: "text", text: "all done" }];
      return ["quick", "careful", "deep"].map((type) => ({ type: "tool_use" as const, name: "Agent", input: { description: type, prompt: "go", subagent_type: type } }));
    },
  });
  const run = await runNanocode(["-p", "think"], { cwd: work, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  expect(run.stdout).toBe("all done\n");
  const thinkingOf = (name: string) => server!.requests.find((r) => systemText(r).startsWith(`You are ${name}.`))!.body.thinking;
  expect(thinkingOf("quick")).toBeUndefined();
  expect(thinkingOf("careful")).toEqual({ type: "enabled", budget_tokens: 16_000 });
  expect(thinkingOf("deep")).toEqual({ type: "enabled", budget_tokens: 120_000 });
  expect(server.requests.find(isMain)!.body.thinking).toBeUndefined(); // the main agent was not asked to think
});

test("/agents reads the agent files again: one added during the session is listed and can be started", async () => {
  const work = tempDir("nanocode-agents-reload-");
  server = startScriptedServer({
    workdir: work,
    home: work,
    reply(request) {
      if (systemText(request).startsWith("You are late.")) return [{ type: "text", text: "late report" }];
      const prompt = JSON.stringify(request.body.messages.at(-1));
      if (prompt.includes("start it") && turnOf(request) === 1) return [{ type: "tool_use", name: "Agent", input: { description: "late", prompt: "go", subagent_type: "late" } }];
      return [{ type: "text", text: "{{last_tool_result}}" }];
    },
  });
  const live = await startNanocode(["--input-format", "stream-json", "--output-format", "stream-json"], { cwd: work, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
  const say = async (content: string, index: number) => {
    live.write(`${JSON.stringify({ type: "user", message: { role: "user", content } })}\n`);
    return live.waitForLine((l) => l.type === "result" && l.result_index === index);
  };
  await say("hello", 0);
  put(join(work, ".claude/agents/late.md"), "---\nname: late\ndescription: LATE_DESC added during the session\n---\nYou are late.\n");
  put(join(work, ".claude/agents/broken.md"), "---\nname: broken\n---\nno description\n");
  const listed = await say("/agents", 1);
  expect(listed.result).toContain("late  LATE_DESC added during the session");
  expect(listed.result).toContain('broken.md: frontmatter needs "description"; this agent is skipped');
  const started = await say("start it", 2);
  live.endInput();
  await live.exited;
  expect(started.result).toBe("late report");
  expect(systemText(server.requests.at(-1)!)).toContain("- late: LATE_DESC added during the session");
  expect(systemText(server.requests[0]!)).not.toContain("LATE_DESC");
});
