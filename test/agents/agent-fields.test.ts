// Agent types' permissionMode and skills (Claude Code's sub-agent fields), from file to run.
import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { loadAgents, parseCliAgents } from "../../src/agents/load.ts";
import { subagentGate, subagentMode } from "../../src/agents/modes.ts";
import type { AgentDefinition } from "../../src/agents/definitions.ts";
import { textOf, type ToolResultBlock } from "../../src/model/messages.ts";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import { defineTool } from "../../src/registry/define.ts";
import { SkillCatalog } from "../../src/skills/catalog.ts";
import { SkillRuntime } from "../../src/skills/runtime.ts";
import { takeNotifications } from "../../src/tasks/notifications.ts";
import agentTool from "../../tools/agent.ts";
import { modeGate } from "../support/agent.ts";
import { tempDir } from "../support/tmp.ts";
import { isMain, runSession, turnOf } from "./harness.ts";

test("agent files and --agents take permissionMode and skills, and Claude Code's other fields without a word", async () => {
  const cwd = tempDir();
  const dir = join(cwd, ".claude", "agents");
  mkdirSync(dir, { recursive: true });
  const extra = "background: true\ncolor: cyan\nmcpServers: [slack]\nhooks: {}\nmemory: project\nisolation: worktree\ninitialPrompt: hi\n";
  writeFileSync(join(dir, "r.md"), `---\nname: reviewer\ndescription: reviews\npermissionMode: plan\nskills: [style, tests]\n${extra}---\nReview.\n`);
  writeFileSync(join(dir, "a.md"), "---\nname: auto\ndescription: auto mode\npermissionMode: auto\nskills: style\n---\nGo.\n");
  writeFileSync(join(dir, "b.md"), "---\nname: bad\ndescription: bad mode\npermissionMode: yolo\n---\nGo.\n");
  const { agents, problems } = await loadAgents(cwd, [], tempDir());
  const byName = Object.fromEntries(agents.map((a) => [a.name, a]));
  expect(byName.reviewer).toMatchObject({ permissionMode: "plan", skills: ["style", "tests"], background: true, prompt: "Review." });
  expect(byName.reviewer).not.toHaveProperty("color");
  // auto has a classifier nanocode lacks: the agent runs in its parent's mode.
  expect(byName.auto!.permissionMode).toBeUndefined();
  expect(byName.auto!.skills).toEqual(["style"]);
  expect(problems).toEqual([`${join(dir, "b.md")}: frontmatter field "permissionMode" must be one of default, acceptEdits, plan, bypassPermissions, dontAsk or auto; that field is ignored`]);
  const [cli] = parseCliAgents('{"x": {"description": "d", "prompt": "p", "permissionMode": "acceptEdits", "skills": ["style"], "color": "red", "memory": "user"}}');
  expect(cli).toMatchObject({ permissionMode: "acceptEdits", skills: ["style"] });
  expect(() => parseCliAgents('{"x": {"description": "d", "prompt": "p", "permissionMode": "yolo"}}')).toThrow("--agents: x.permissionMode must be one of");
});

test("a sub-agent's mode may let less run than its parent's, never more, unless the parent bypasses permissions", () => {
  const cases: [PermissionMode, PermissionMode, PermissionMode][] = [
    ["default", "plan", "plan"],
    ["default", "dontAsk", "dontAsk"],
    ["default", "acceptEdits", "default"],
    ["default", "bypassPermissions", "default"],
    ["acceptEdits", "default", "default"],
    ["acceptEdits", "bypassPermissions", "acceptEdits"],
    ["plan", "acceptEdits", "plan"],
    ["dontAsk", "default", "dontAsk"],
    ["bypassPermissions", "plan", "bypassPermissions"],
  ];
  for (const [parent, wanted, runs] of cases) expect([parent, wanted, subagentMode(parent, wanted)]).toEqual([parent, wanted, runs]);
});

test("the sub-agent's gate is a view of its parent's: it follows the parent's mode as it changes", () => {
  const parent = modeGate("acceptEdits");
  const child = subagentGate(parent, "default") as typeof parent;
  expect(child.mode).toBe("default");
  parent.mode = "plan";
  expect(child.mode).toBe("plan");
  expect(child.rules).toBe(parent.rules);
  expect(subagentGate(parent, undefined)).toBe(parent);
});

const change = defineTool({ name: "Change", description: "writes", input: v.object({}), run: () => "changed" });
const agentCall = (type: string) => ({ type: "tool_use" as const, id: "call_1", name: "Agent", input: { description: "task", prompt: "do it", subagent_type: type } });
const agent = (fields: Partial<AgentDefinition>): AgentDefinition => ({ name: "worker", description: "works", prompt: "You work.", source: "test", ...fields });

/** The main agent starts `worker`, which calls Change once and reports whether it ran. */
async function changeVia(worker: AgentDefinition, parentMode: PermissionMode) {
  const run = await runSession(
    [agentTool, change],
    (request) => {
      const turn = turnOf(request);
      if (isMain(request)) return turn === 0 ? [agentCall("worker")] : [{ type: "text", text: "done" }];
      if (turn === 0) return [{ type: "tool_use", id: "w", name: "Change", input: {} }];
      const [result] = request.messages.at(-1)!.content as ToolResultBlock[];
      return [{ type: "text", text: result!.is_error ? `denied: ${result!.content}` : "ran" }];
    },
    { agents: [worker], permissions: modeGate(parentMode) },
  );
  return (run.session.messages[2]!.content as ToolResultBlock[])[0]!.content as string;
}

test("an agent's permissionMode decides its calls within its parent's mode", async () => {
  expect(await changeVia(agent({ permissionMode: "plan" }), "acceptEdits")).toStartWith("denied: Change is not allowed in plan mode");
  // Asking for more than the parent allows changes nothing: print mode's default refuses what would ask.
  expect(await changeVia(agent({ permissionMode: "bypassPermissions" }), "default")).toStartWith("denied: Permission to run Change was denied");
  expect(await changeVia(agent({ permissionMode: "plan" }), "bypassPermissions")).toBe("ran");
  expect(await changeVia(agent({}), "bypassPermissions")).toBe("ran");
});

test("an agent's skills are in its first message, in full, before its task; a missing one is said so", async () => {
  const cwd = tempDir();
  const catalog = new SkillCatalog([{ name: "style", description: "house style", kind: "skill", source: "test", frontmatter: {}, body: "Always write STYLE-RULE-42.", dir: cwd, root: cwd }]);
  const run = await runSession([agentTool], (request) => (isMain(request) && turnOf(request) === 0 ? [agentCall("worker")] : [{ type: "text", text: "done" }]), {
    cwd,
    agents: [agent({ skills: ["style", "nope"] })],
    skills: new SkillRuntime(catalog),
  });
  const first = run.provider.requests[1]!.messages[0]!;
  const text = textOf(first);
  expect(text).toContain("<command-name>/style</command-name>");
  expect(text).toContain(`Base directory for this skill: ${cwd}\n\nAlways write STYLE-RULE-42.`);
  expect(text).toContain('The skill "nope" that this agent type preloads does not exist.');
  expect(text.indexOf("STYLE-RULE-42")).toBeLessThan(text.indexOf("do it"));
  expect(text.endsWith("do it")).toBe(true);
});

test("an agent type with background: true always starts in the background", async () => {
  const run = await runSession([agentTool], (request) => (isMain(request) && turnOf(request) === 0 ? [agentCall("watcher")] : [{ type: "text", text: "done" }]), {
    agents: [agent({ name: "watcher", background: true })],
  });
  expect((run.session.messages[2]!.content as ToolResultBlock[])[0]!.content).toStartWith("Async agent launched successfully.");
  const [task] = run.services.tasks.list();
  await task!.done;
  expect(task!.state).toBe("completed");
  // Its end is queued for the session's next tool results: taken here, so no later session with the same id gets it.
  expect(takeNotifications(run.session.id)).toEqual([expect.stringContaining(`Background agent ${task!.id} (task) completed.`)]);
});
