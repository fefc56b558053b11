import type { AgentSession } from "../agent/session.ts";
import { newAgentId, subagentOf, transcriptOf } from "../agent/subagent.ts";
import { emptyUsage, type TextBlock } from "../model/messages.ts";
import { allowing } from "./allowed-tools.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import { agentNamed, spawnAgent } from "../agents/runner.ts";
import type { SessionServices } from "../agents/services.ts";
import type { Rendered } from "./runtime.ts";

/** A skill that cannot run as asked (a !`command` not allowed, an unknown `agent:`); the invocation stops with this message. */
export class SkillError extends Error {}

/**
 * A sub-agent for a `context: fork` skill: its own conversation with the skill's model and
 * allowed tools (none when the model ran it: see Invoker), no Skill tool (no recursion), and its transcript kept beside the session's file
 * (`<session>/subagents/<id>.jsonl`), as the Agent tool's sub-agents keep theirs. With `agent:`
 * it runs as that agent type. Throws SkillError for an unknown type.
 */
export function forkFor(parent: AgentSession, rendered: Rendered, name: string): { session: AgentSession; agentId: string } {
  const grant = (gate: PermissionGate) => allowing(gate, () => rendered.allowed);
  if (rendered.agent) {
    // `agent:` names the type the sub-agent runs as: its tools, system prompt, model and effort.
    const services = parent.env.services as SessionServices;
    try {
      return spawnAgent(services, agentNamed(services, rendered.agent), { model: rendered.model }, grant);
    } catch (error) {
      throw new SkillError(`/${name}: ${(error as Error).message}`);
    }
  }
  const agentId = newAgentId();
  const session = subagentOf(parent, {
    id: agentId,
    model: rendered.model,
    permissions: grant(parent.deps.permissions),
    tools: (tool) => tool.name !== "Skill",
    store: transcriptOf(parent, agentId),
  });
  return { session, agentId };
}

/**
 * `/name` of a forked skill, typed by the user: the skill runs in its sub-agent, and the session it
 * was typed in records the command and the sub-agent's report as its answer (Claude Code puts a
 * forked command's result into the main conversation too). The conversation, its cost and a later
 * `--resume` go on from there; print mode reports the session's id, not the sub-agent's.
 */
export function forkedCommand(parent: AgentSession, rendered: Rendered, header: TextBlock, name: string): AgentSession {
  const { session, agentId } = forkFor(parent, rendered, name);
  session.onOutcome = (outcome) => {
    const report = outcome.isError ? `/${name} stopped before finishing: ${outcome.result}` : outcome.result.trim() || `/${name} finished without a report.`;
    parent.record([
      { type: "user", message: { role: "user", content: [header] } },
      { type: "assistant", message: { role: "assistant", content: [{ type: "text", text: report }] }, messageId: `msg_${agentId}`, usage: emptyUsage(), model: session.config.model },
      { type: "done", outcome },
    ]);
  };
  return session;
}
