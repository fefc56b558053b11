import type { Tool } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import { type AgentDefinition, toolName } from "./definitions.ts";

/**
 * Tools only the main agent has: they talk to the user or switch the session's permission mode,
 * or run the session's skills (sub-agents do not inherit them, as in Claude Code).
 */
const MAIN_ONLY = new Set(["AskUserQuestion", "EnterPlanMode", "ExitPlanMode", "Skill"]);

/**
 * A tool whose read-only verdict depends on the input (Bash), for a read-only agent: calls that
 * would not only read are refused before they run, whatever the permission mode.
 */
function readOnlyView(tool: Tool, agent: string): Tool {
  if (typeof tool.readOnly !== "function") return tool;
  const readOnly = tool.readOnly;
  return {
    ...tool,
    async run(input, ctx) {
      if ((await readOnly(input)) !== true) return { content: `${agent} is a read-only agent: this ${tool.name} call could change something, so it was not run. Use read-only calls only.`, isError: true };
      return tool.run(input, ctx);
    },
  };
}

/**
 * The tools a sub-agent gets: its parent's, less the main agent's own, narrowed to the agent's
 * `tools` list and without its `disallowedTools`. A read-only agent keeps read-only tools only
 * (and cannot start agents, which could write). `delegate` false removes Agent: the depth limit.
 */
export function subagentTools(parent: Registry, agent: AgentDefinition, options: { readOnly: boolean; delegate: boolean }): Registry {
  // `tools: "*"` is every tool, as in Claude Code.
  const allowed = agent.tools && !agent.tools.includes("*") ? new Set(agent.tools.map(toolName)) : undefined;
  // Taking a tool away is the safe reading of `bash` for Bash; giving one is not. Entries naming no
  // tool (a bare MCP server name, a tool since removed) are ignored without a word, as Claude Code does.
  const denied = new Set((agent.disallowedTools ?? []).map((entry) => toolName(entry).toLowerCase()));
  const keep = (tool: Tool) => {
    if (MAIN_ONLY.has(tool.name) || denied.has(tool.name.toLowerCase()) || (allowed && !allowed.has(tool.name))) return false;
    if (tool.name === "Agent") return options.delegate && !options.readOnly;
    return !options.readOnly || Boolean(tool.readOnly);
  };
  return parent.subset(keep, (tool) => (options.readOnly ? readOnlyView(tool, agent.name) : tool));
}
