import type { AgentSession } from "../agent/session.ts";
import { newAgentId, subagentOf, transcriptOf } from "../agent/subagent.ts";
import { emptyUsage, type TextBlock } from "../model/messages.ts";
import { allowing } from "./allowed-tools.ts";
import type { Rendered } from "./runtime.ts";

/**
 * A sub-agent for a `context: fork` skill: its own conversation with the skill's model and
 * allowed tools, no Skill tool (no recursion), and its transcript kept beside the session's file
 * (`<session>/subagents/<id>.jsonl`), as the Agent tool's sub-agents keep theirs.
 */
export function forkFor(parent: AgentSession, rendered: Rendered): { session: AgentSession; agentId: string } {
  const agentId = newAgentId();
  const session = subagentOf(parent, {
    id: agentId,
    model: rendered.model,
    permissions: allowing(parent.deps.permissions, () => rendered.allowed),
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
  const { session, agentId } = forkFor(parent, rendered);
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
