// An agent's `tools` and `disallowedTools` name tools exactly: an entry naming no tool is one line
// naming the agent's file; `bash` in disallowedTools still takes Bash away (the safe reading).
import { expect, test } from "bun:test";
import type { AgentDefinition } from "../../src/agents/definitions.ts";
import { subagentTools, toolListProblems } from "../../src/agents/toolset.ts";
import { defineTool } from "../../src/registry/define.ts";
import * as v from "valibot";
import { registryOf } from "../support/agent.ts";

const tool = (name: string) => defineTool({ name, description: name, input: v.object({}), readOnly: true, run: () => "" });

const agent = (fields: Partial<AgentDefinition>): AgentDefinition => ({ name: "rev", description: "reviews", prompt: "Review.", source: "/p/.claude/agents/rev.md", ...fields }) as AgentDefinition;
const TOOLS = ["Bash", "Read", "Grep", "Agent", "Edit"];

test("entries naming no tool are one line each, with the tool they are near", () => {
  expect(toolListProblems([agent({ tools: ["read", "Grep", "Reed", "Agent(Explore)", "Task", "mcp__github"], disallowedTools: ["bash", "Frob", "Edit"] })], TOOLS)).toEqual([
    '/p/.claude/agents/rev.md: tools: "read" names no tool (tool names are case-sensitive: "Read"); it gives nothing',
    '/p/.claude/agents/rev.md: tools: "Reed" names no tool (did you mean "Read"?); it gives nothing',
    '/p/.claude/agents/rev.md: disallowedTools: "bash" names no tool (tool names are case-sensitive: "Bash"); it takes away Bash, the tool it means',
    '/p/.claude/agents/rev.md: disallowedTools: "Frob" names no tool; it takes away nothing',
  ]);
  expect(toolListProblems([agent({})], TOOLS)).toEqual([]);
});

test("disallowedTools in another case takes the tool away; tools in another case gives nothing", () => {
  const parent = registryOf(tool("Bash"), tool("Read"), tool("Grep"));
  const names = (a: AgentDefinition) => subagentTools(parent, a, { readOnly: false, delegate: false }).listTools().map((t) => t.tool.name).sort();
  expect(names(agent({ disallowedTools: ["bash"] }))).toEqual(["Grep", "Read"]);
  expect(names(agent({ disallowedTools: ["BASH", "read"] }))).toEqual(["Grep"]);
  expect(names(agent({ tools: ["read", "Grep"] }))).toEqual(["Grep"]);
});
