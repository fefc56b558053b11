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
  return `${HEADING}\nAgent types the Agent tool can start (subagent_type):\n${lines.join("\n")}`;
}

const HEADING = "# Sub-agents";

/** `system` with its agent listing replaced by `listing` (the same array when nothing changes). */
export function withAgentListing<T extends { text: string }>(system: T[], listing: string | undefined): T[] {
  const at = system.findIndex((block) => block.text.startsWith(`${HEADING}\n`));
  if (at < 0 || listing === undefined || system[at]!.text === listing) return system;
  return system.with(at, { ...system[at]!, text: listing });
}

/** The listing for a session with this registry: undefined when it has no Agent tool. */
export function agentListing(registry: Registry, agents: readonly AgentDefinition[]): string | undefined {
  return registry.tool("Agent") ? listAgentTypes(agentTypes(agents)) : undefined;
}
