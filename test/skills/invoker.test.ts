// A skill's allowed-tools and its !`commands` are the user's choice only when the user typed
// /name; run by the model (the Skill tool, an agent type's `skills:`), the skill gets no more than
// a Bash call of the model would.
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CallScope } from "../../src/agent/executor.ts";
import type { PermissionDenial } from "../../src/agent/events.ts";
import { AgentSession } from "../../src/agent/session.ts";
import { FileState } from "../../src/fs/file-state.ts";
import type { Asker } from "../../src/permissions/ask.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import { parseRule, type Rule } from "../../src/permissions/rules.ts";
import type { ToolContext } from "../../src/registry/define.ts";
import { allowing } from "../../src/skills/allowed-tools.ts";
import { loadCatalog } from "../../src/skills/catalog.ts";
import { SkillError, SkillRuntime } from "../../src/skills/runtime.ts";
import bash from "../../tools/bash.ts";
import { scriptedProvider, registryOf } from "../support/agent.ts";
import { put, tempDir } from "../support/tmp.ts";

const CANARY = "---\ndescription: plants a file\nallowed-tools: Bash\n---\nBefore !`touch canary` after\n";

type Setup = { mode?: PermissionMode; rules?: string[]; asker?: Asker; files?: Record<string, string> };

async function setup({ mode = "default", rules = [], asker, files = {} }: Setup = {}) {
  const cwd = tempDir("nanocode-invoker-");
  put(join(cwd, ".claude/skills/canary/SKILL.md"), CANARY);
  for (const [path, text] of Object.entries(files)) put(join(cwd, path), text);
  const { catalog } = await loadCatalog({ cwd, home: tempDir() });
  const skills = new SkillRuntime(catalog);
  const parsed = rules.map((text): Rule => {
    const [behavior, rule] = text.split(" ") as ["allow" | "deny" | "ask", string];
    return { behavior, text: rule, source: "test", ...(parseRule(rule) as Exclude<ReturnType<typeof parseRule>, string>) };
  });
  const engine = new PermissionEngine({ mode, rules: parsed, projectDir: cwd, asker });
  const session = new AgentSession(
    { provider: scriptedProvider([]), registry: registryOf(bash), permissions: allowing(engine, () => skills.grants) },
    { model: "claude-sonnet-5-5", maxTokens: 1000, system: [] },
    { cwd, sessionId: "s", sessionDir: join(cwd, ".s"), files: new FileState() },
  );
  skills.attach(session);
  const denials: PermissionDenial[] = [];
  const call = { toolUseId: "toolu_skill", denied: (d: PermissionDenial) => denials.push(d) } as unknown as CallScope;
  const ctx = { signal: new AbortController().signal, toolUseId: "toolu_skill", progress() {} } as unknown as ToolContext;
  const byModel = async (name: string) => {
    const output = await skills.run(name, "", ctx, call);
    return { output, text: JSON.stringify(output) };
  };
  return { cwd, skills, session, denials, byModel, canary: () => existsSync(join(cwd, "canary")) };
}

test("run by the model in print mode: the !`command` does not run, the text says so in one line, and it is a permission denial", async () => {
  const { byModel, denials, canary, session } = await setup();
  const { output, text } = await byModel("canary");
  expect(canary()).toBe(false);
  expect(text).toContain("Before [!`touch canary` was not run: Permission to run Bash(touch canary) was denied: it needs approval");
  expect(text).toContain("] after");
  expect(JSON.stringify(output).match(/was not run/g)).toHaveLength(1);
  expect(denials).toEqual([{ tool_name: "Bash", tool_use_id: "toolu_skill", tool_input: { command: "touch canary" } }]);
  // Nor does its allowed-tools reach the model's later calls of the turn.
  expect(session.turn.grants).toEqual([]);
});

test("run by the model: a read-only !`command` runs, as a read-only Bash call would", async () => {
  const { byModel, denials } = await setup({ files: { ".claude/skills/look/SKILL.md": "---\nallowed-tools: Bash\n---\nSays !`echo LOOKED`\n" } });
  const { text } = await byModel("look");
  expect(text).toContain("Says LOOKED");
  expect(denials).toEqual([]);
});

test("run by the model: the user's allow rule lets the !`command` run, as it lets a Bash call", async () => {
  const { byModel, canary, denials } = await setup({ rules: ["allow Bash(touch:*)"] });
  await byModel("canary");
  expect(canary()).toBe(true);
  expect(denials).toEqual([]);
});

test("run by the model: a deny rule refuses even a read-only !`command`", async () => {
  const { byModel, denials } = await setup({ rules: ["deny Bash(echo:*)"], files: { ".claude/skills/look/SKILL.md": "---\nallowed-tools: Bash(echo:*)\n---\nSays !`echo LOOKED`\n" } });
  const { text } = await byModel("look");
  expect(text).not.toContain("Says LOOKED");
  expect(text).toContain("[!`echo LOOKED` was not run: Permission to use Bash(echo LOOKED) has been denied by the rule Bash(echo:*) (test).]");
  expect(denials).toHaveLength(1);
});

test("run by the model in bypassPermissions mode: the !`command` runs, as a Bash call would", async () => {
  const { byModel, canary } = await setup({ mode: "bypassPermissions" });
  await byModel("canary");
  expect(canary()).toBe(true);
});

test("run by the model in plan mode: the !`command` that writes does not run", async () => {
  const { byModel, canary, denials } = await setup({ mode: "plan" });
  const { text } = await byModel("canary");
  expect(canary()).toBe(false);
  expect(text).toContain("is not allowed in plan mode");
  expect(denials).toHaveLength(1);
});

test("run by the model in the REPL: the person is asked about the !`command` itself; yes runs it, no leaves it out", async () => {
  const asked: string[] = [];
  let answer: "yes" | "no" = "no";
  const asker: Asker = { ask: async (request) => (asked.push(request.detail), { answer }) };
  const { byModel, canary, denials } = await setup({ asker });
  const { text } = await byModel("canary");
  expect(asked).toEqual(["touch canary"]);
  expect(canary()).toBe(false);
  expect(text).toContain("[!`touch canary` was not run: The user declined Bash(touch canary), so it was not run.");
  expect(denials).toHaveLength(1);
  answer = "yes";
  await byModel("canary");
  expect(canary()).toBe(true);
});

test("run by the model, forked: its allowed-tools are not handed to the sub-agent", async () => {
  const { skills, session } = await setup({ files: { ".claude/skills/forked/SKILL.md": "---\nallowed-tools: Bash\ncontext: fork\n---\nWork\n" } });
  const item = skills.catalog.get("forked")!;
  const signal = new AbortController().signal;
  expect((await skills.render(item, "", signal, { by: "model", session })).allowed).toEqual([]);
  expect((await skills.render(item, "", signal, { by: "user", session })).allowed).toEqual(["Bash"]);
});

test("preloaded by an agent type (the model chose the agent): the !`command` does not run", async () => {
  const { skills, session, canary } = await setup();
  const blocks = await skills.preload(["canary"], session, new AbortController().signal);
  expect(canary()).toBe(false);
  expect(JSON.stringify(blocks)).toContain("[!`touch canary` was not run:");
});

test("typed by the user as /canary: allowed-tools lets the !`command` run and holds for the turn it starts", async () => {
  const { skills, session, canary } = await setup();
  await skills.userMessage(skills.catalog.get("canary")!, "", new AbortController().signal);
  expect(canary()).toBe(true);
  expect(session.nextTurn?.grants).toEqual(["Bash"]);
});

test("typed by the user with no allowed-tools: a !`command` that needs approval stops the command, as before", async () => {
  const { skills, canary } = await setup({ files: { ".claude/commands/plain.md": "Run !`touch canary`\n" } });
  const typed = skills.userMessage(skills.catalog.get("plain")!, "", new AbortController().signal);
  await expect(typed).rejects.toBeInstanceOf(SkillError);
  expect(canary()).toBe(false);
});

test("a Markdown command run by the model through the Skill tool is held to the same: its allowed-tools grant nothing", async () => {
  const { byModel, canary, denials, session } = await setup({ files: { ".claude/commands/plant.md": CANARY } });
  const { text } = await byModel("plant");
  expect(canary()).toBe(false);
  expect(text).toContain("[!`touch canary` was not run:");
  expect(denials).toHaveLength(1);
  expect(session.turn.grants).toEqual([]);
});

test("a !`command` that arrives in the model's arguments is never run, whoever invoked it", async () => {
  const { skills, byModel, canary } = await setup({ files: { ".claude/skills/echo/SKILL.md": "---\nallowed-tools: Bash\n---\nSay $ARGUMENTS\n" } });
  const item = skills.catalog.get("echo")!;
  const rendered = await skills.render(item, "!`touch canary`", new AbortController().signal, { by: "user" });
  expect(rendered.text).toContain("Say !`touch canary`");
  await byModel("echo");
  expect(canary()).toBe(false);
});
