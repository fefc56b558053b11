// SubagentStart hooks: run as a sub-agent starts (matcher: its type); their additionalContext opens its first message.
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hooks } from "../../src/hooks/hooks.ts";
import { conversationHooks } from "../../src/hooks/session.ts";
import agentTool from "../../tools/agent.ts";
import { tempDir } from "../support/tmp.ts";
import { isMain, runSession, turnOf } from "./harness.ts";

test("SubagentStart gets the agent's id and type, and what it adds comes before the task", async () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, "hook.sh"), `cat > "${cwd}/stdin.json"\necho '{"hookSpecificOutput":{"hookEventName":"SubagentStart","additionalContext":"USE_PNPM"}}'\n`);
  const hooks = new Hooks({ SubagentStart: [{ matcher: "Explore", hooks: [{ type: "command", command: `bash ${cwd}/hook.sh` }] }] }, { sessionId: "s1", transcriptPath: "/t", cwd, projectDir: cwd, mode: () => "default" }, () => {});
  const call = (type: string, id: string) => ({ type: "tool_use" as const, id, name: "Agent", input: { description: "task", prompt: `do it as ${type}`, subagent_type: type } });
  const run = await runSession([agentTool], (request) => (isMain(request) && turnOf(request) === 0 ? [call("Explore", "c1"), call("Plan", "c2")] : [{ type: "text", text: "done" }]), {
    cwd,
    hooks: conversationHooks(hooks, []),
  });
  const blocks = (content: string | { type: string; text?: string }[]) => (typeof content === "string" ? [content] : content.map((b) => b.text));
  const firsts = run.provider.requests.filter((r) => !isMain(r)).map((r) => blocks(r.messages[0]!.content as string));
  expect(firsts.find((t) => t.at(-1) === "do it as Explore")).toEqual(["SubagentStart hook additional context: USE_PNPM", "do it as Explore"]);
  // The matcher is the agent type: Plan's hook list is empty.
  expect(firsts.find((t) => t.at(-1) === "do it as Plan")).toEqual(["do it as Plan"]);
  const stdin = JSON.parse(readFileSync(join(cwd, "stdin.json"), "utf8"));
  expect(stdin).toMatchObject({ hook_event_name: "SubagentStart", agent_type: "Explore", session_id: "s1" });
  expect(stdin.agent_id).toStartWith("agent-");
});
