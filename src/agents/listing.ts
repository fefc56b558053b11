import type { AgentType } from "../registry/agent-api.ts";
import type { Registry } from "../registry/registry.ts";
import { agentTypes } from "./builtin.ts";
import type { AgentDefinition } from "./definitions.ts";

/**
 * The agent types, for the system prompt of an agent that has the Agent tool. They live there,
 * not in the tool's description, so the tool definitions stay the same for every project and the
 * prompt cache keeps hitting.
 */
export function listAgentTypes(types: readonly AgentType[]): string {
  const lines = types.map((t) => `- ${t.name}: ${t.description} (tools: ${t.readOnly ? "read-only" : t.tools ? t.tools.join(", ") : "all"})`);
  return `# Sub-agents\nAgent types the Agent tool can start (subagent_type):\n${lines.join("\n")}`;
}

/** The listing for a session with this registry: undefined when it has no Agent tool. */
export function agentListing(registry: Registry, agents: readonly AgentDefinition[]): string | undefined {
  return registry.tool("Agent") ? listAgentTypes(agentTypes(agents)) : undefined;
}
