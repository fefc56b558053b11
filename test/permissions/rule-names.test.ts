// A rule naming no tool is one line naming its file and the rule; a deny or ask rule that differs
// from a tool's name only in case applies to that tool, an allow rule does not.
import { expect, test } from "bun:test";
import { collectRules, type PermissionFlags } from "../../src/permissions/create.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import { Bash, decide, Read, tool } from "./engine-support.ts";
import { tempDir } from "../support/tmp.ts";

const TOOLS = ["Bash", "Read", "Edit", "Write", "Glob", "Grep", "WebFetch", "Agent", "Skill", "Deploy"];
const NO_FLAGS: PermissionFlags = { allowedTools: [], disallowedTools: [], addDir: [] };

function collect(permissions: { allow?: string[]; ask?: string[]; deny?: string[] }, flags: Partial<PermissionFlags> = {}) {
  const project = tempDir();
  const collected = collectRules([{ path: "/p/settings.json", root: project, settings: { permissions } }], { ...NO_FLAGS, ...flags }, TOOLS);
  return { ...collected, engine: new PermissionEngine({ mode: "default", rules: collected.rules, projectDir: project }) };
}

test("a lowercase deny rule applies to the tool it plainly means, and says so", async () => {
  const { engine, warnings } = collect({ deny: ["bash(rm:*)"] });
  expect(warnings).toEqual(['/p/settings.json: permissions.deny: "bash(rm:*)" names no tool "bash" (tool names are case-sensitive); it is applied as "Bash(rm:*)", the tool it means']);
  expect(await decide(engine, Bash, { command: "rm -rf x" })).toBe("deny: Permission to use Bash(rm -rf x) has been denied by the rule Bash(rm:*) (/p/settings.json).");
});

test("a deny or ask rule in another case of a whole tool applies too (READ denies every Read call)", async () => {
  const { engine, warnings } = collect({ deny: ["READ"], ask: ["webfetch"] });
  expect(warnings).toHaveLength(2);
  expect(await decide(engine, Read, { file_path: "/etc/hostname" })).toStartWith("deny: Permission to use Read(/etc/hostname) has been denied by the rule Read");
  expect(engine.rules.map((r) => [r.behavior, r.tool])).toEqual([["deny", "Read"], ["ask", "WebFetch"]]);
});

test("a lowercase allow rule is not applied: the call still asks (print mode: denied), and the line says which was meant", async () => {
  const { engine, warnings } = collect({ allow: ["bash(touch:*)"] });
  expect(warnings).toEqual(['/p/settings.json: permissions.allow: "bash(touch:*)" names no tool "bash" (tool names are case-sensitive: did you mean "Bash(touch:*)"?); this allow rule is not applied']);
  expect(await decide(engine, Bash, { command: "touch x" })).toStartWith("deny: Permission to run Bash(touch x) was denied: it needs approval");
});

test("a typo is named with the tool it is near, and matches nothing, whatever its behavior", async () => {
  const { engine, warnings } = collect({ allow: ["Reed(x)"], deny: ["Bsh(rm:*)"] });
  expect(warnings).toEqual([
    '/p/settings.json: permissions.deny: "Bsh(rm:*)" names no tool "Bsh" (did you mean "Bash(rm:*)"?), so it matches nothing',
    '/p/settings.json: permissions.allow: "Reed(x)" names no tool "Reed" (did you mean "Read(x)"?), so it matches nothing',
  ]);
  expect(engine.rules.map((r) => r.tool)).toEqual(["Bsh", "Reed"]);
});

test("a name near no tool: one line, no suggestion", () => {
  expect(collect({ deny: ["Frobnicate"] }).warnings).toEqual(['/p/settings.json: permissions.deny: "Frobnicate" names no tool "Frobnicate", so it matches nothing']);
});

test("MCP tools, Task, the file tools Edit and Read rules cover, and the session's own tools are known", () => {
  const { warnings } = collect({ allow: ["mcp__github", "mcp__fs__read_file", "mcp__db__*", "Task(Explore)", "MultiEdit", "LS", "NotebookRead", "NotebookEdit", "Deploy", "Agent(reviewer)", "Skill(x)"] });
  expect(warnings).toEqual([]);
});

test("flag rules are checked the same way, named by their flag", async () => {
  const { engine, warnings } = collect({}, { disallowedTools: ["bash(curl:*)"], allowedTools: ["edit"] });
  expect(warnings).toEqual([
    '--disallowedTools: "bash(curl:*)" names no tool "bash" (tool names are case-sensitive); it is applied as "Bash(curl:*)", the tool it means',
    '--allowedTools: "edit" names no tool "edit" (tool names are case-sensitive: did you mean "Edit"?); this allow rule is not applied',
  ]);
  expect(await decide(engine, Bash, { command: "curl example.com" })).toStartWith("deny: Permission to use Bash(curl example.com) has been denied by the rule Bash(curl:*) (--disallowedTools)");
  expect(await decide(engine, tool("Edit"), { file_path: "/tmp/x", old_string: "a", new_string: "b" })).toStartWith("deny: Permission to run Edit(");
});

test('an empty --disallowedTools "" (or --allowedTools "") is one line: it denies (allows) nothing', () => {
  expect(collect({}, { disallowedTools: [""] }).warnings).toEqual(['--disallowedTools "": names no tool, so it denies nothing']);
  expect(collect({}, { disallowedTools: [" , "], allowedTools: [""] }).warnings).toEqual(['--disallowedTools " , ": names no tool, so it denies nothing', '--allowedTools "": names no tool, so it allows nothing']);
  expect(collect({}, { disallowedTools: ["", "Bash(rm:*)"] }).warnings).toEqual([]);
});

test("without the session's tools (a caller that has none), rules are taken as written", () => {
  const { rules, warnings } = collectRules([{ path: "s", root: "/", settings: { permissions: { deny: ["bash"] } } }], NO_FLAGS);
  expect([rules[0]!.tool, warnings]).toEqual(["bash", []]);
});

test("rules written for Claude Code: its older names are today's tools, its tools nanocode lacks match nothing, in silence", () => {
  const { engine, warnings } = collect({
    allow: ["KillShell", "BashOutput", "AgentOutputTool", "Task(reviewer)", "MultiEdit", "LS", "SlashCommand(/commit)", "CronCreate", "Monitor"],
    deny: ["KillShell"],
  });
  expect(warnings).toEqual([]);
  expect(engine.rules.map((r) => `${r.behavior} ${r.text}`)).toEqual([
    "deny TaskStop",
    "allow TaskStop",
    "allow TaskOutput",
    "allow TaskOutput",
    "allow Agent(reviewer)",
    "allow MultiEdit",
    "allow LS",
    "allow SlashCommand(/commit)",
    "allow CronCreate",
    "allow Monitor",
  ]);
});
