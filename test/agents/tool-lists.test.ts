// An agent's `tools` and `disallowedTools` name tools as Claude Code reads them: its older names
// map to today's tools, an entry naming no tool is ignored as Claude Code ignores it; `bash` in
// disallowedTools still takes Bash away (the safe reading).
import { expect, test } from "bun:test";
import type { AgentDefinition } from "../../src/agents/definitions.ts";
import { subagentTools } from "../../src/agents/toolset.ts";
import { defineTool } from "../../src/registry/define.ts";
import * as v from "valibot";
import { registryOf } from "../support/agent.ts";

const tool = (name: string) => defineTool({ name, description: name, input: v.object({}), readOnly: true, run: () => "" });

const agent = (fields: Partial<AgentDefinition>): AgentDefinition => ({ name: "rev", description: "reviews", prompt: "Review.", source: "/p/.claude/agents/rev.md", ...fields }) as AgentDefinition;
const TOOLS = ["Bash", "Read", "Grep", "Agent", "Edit"];

test("older Claude Code names map to today's tools; entries naming no tool give nothing, in silence", () => {
  const parent = registryOf(tool("Bash"), tool("Read"), tool("TaskStop"), tool("TaskOutput"), tool("Agent"));
  const names = (a: AgentDefinition) => subagentTools(parent, a, { readOnly: false, delegate: true }).listTools().map((t) => t.tool.name).sort();
  expect(names(agent({ tools: ["Bash", "KillShell", "BashOutput"] }))).toEqual(["Bash", "TaskOutput", "TaskStop"]);
  expect(names(agent({ tools: ["Read", "AgentOutputTool", "Task(reviewer)"] }))).toEqual(["Agent", "Read", "TaskOutput"]);
  expect(names(agent({ tools: ["Read", "MultiEdit", "LS", "context7", "magic"] }))).toEqual(["Read"]);
  expect(names(agent({ disallowedTools: ["KillShell", "Task"] }))).toEqual(["Bash", "Read", "TaskOutput"]);
  expect(names(agent({ tools: ["*"], disallowedTools: ["Agent"] }))).toEqual(["Bash", "Read", "TaskOutput", "TaskStop"]);
});

test("disallowedTools in another case takes the tool away; tools in another case gives nothing", () => {
  const parent = registryOf(tool("Bash"), tool("Read"), tool("Grep"));
  const names = (a: AgentDefinition) => subagentTools(parent, a, { readOnly: false, delegate: false }).listTools().map((t) => t.tool.name).sort();
  expect(names(agent({ disallowedTools: ["bash"] }))).toEqual(["Grep", "Read"]);
  expect(names(agent({ disallowedTools: ["BASH", "read"] }))).toEqual(["Grep"]);
  expect(names(agent({ tools: ["read", "Grep"] }))).toEqual(["Grep"]);
});
