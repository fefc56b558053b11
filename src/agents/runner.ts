import type { AgentEvent, Outcome } from "../agent/events.ts";
import type { CallScope } from "../agent/executor.ts";
import type { AgentSession } from "../agent/session.ts";
import { newAgentId, runToEnd, subagentOf, transcriptOf } from "../agent/subagent.ts";
import type { TextBlock, Usage, UserMessage } from "../model/messages.ts";
import { modelInfo } from "../model/models.ts";
import { modelNamed, type SystemBlock } from "../model/provider.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import type { AgentType, BackgroundTask, SubagentRequest, SubagentResult, Subagents } from "../registry/agent-api.ts";
import { notifyModel } from "../tasks/notifications.ts";
import { agentTypes, isReadOnlyAgent } from "./builtin.ts";
import type { AgentDefinition } from "./definitions.ts";
import { listAgentTypes } from "./listing.ts";
import { subagentGate } from "./modes.ts";
import type { SessionServices } from "./services.ts";
import { effortThinking } from "./thinking.ts";
import { subagentTools } from "./toolset.ts";

/** Sub-agents may start sub-agents of their own down to this depth (the main agent is 0). */
export const MAX_DEPTH = 2;

/** Each model's usage in an outcome, without the cost figure the totals compute again. */
const usageByModel = (outcome: Outcome): [string, Usage][] => Object.entries(outcome.modelUsage).map(([model, { costUSD: _, ...usage }]) => [model, usage]);

function report(agentId: string, agent: AgentDefinition, outcome: Outcome): SubagentResult {
  if (outcome.isError) return { agentId, text: `The ${agent.name} agent stopped before finishing: ${outcome.result}`, isError: true };
  return { agentId, text: outcome.result.trim() || `The ${agent.name} agent finished without a report.`, isError: false };
}

/**
 * Starts sub-agents for one Agent call: each gets its own conversation, system prompt, model and
 * tool set, shares the parent's provider, permission gate and working directory, and hands back
 * only its final report. Its steps reach the parent's event stream marked with the call's id, its
 * cost counts in the parent's, and its transcript is saved beside the parent's session file.
 */
export class SubagentRunner implements Subagents {
  constructor(
    private readonly parent: SessionServices,
    private readonly call: CallScope,
  ) {}

  get types(): AgentType[] {
    return agentTypes(this.parent.agents);
  }

  async run(request: SubagentRequest): Promise<SubagentResult> {
    const agent = agentNamed(this.parent, request.type ?? "general-purpose");
    const { agentId, outcome } = await runSubagent(this.parent, agent, request, this.call.toolUseId, this.call.signal, (event) => this.call.emit(event));
    for (const [model, usage] of usageByModel(outcome)) this.call.spent(model, usage);
    return report(agentId, agent, outcome);
  }

  start(request: SubagentRequest): BackgroundTask {
    const agent = agentNamed(this.parent, request.type ?? "general-purpose");
    const parentId = this.parent.session.id;
    const feed = this.parent.tasks.feed;
    const parentToolUseId = this.call.toolUseId;
    const task = this.parent.tasks.start("agent", request.description, async (signal) => {
      // Its steps reach the main session's stream as a foreground agent's do.
      const { agentId, outcome } = await runSubagent(this.parent, agent, request, parentToolUseId, signal, (event) => feed.push(event));
      // The call that started it is long over: its cost goes straight to the session's totals.
      for (const [model, usage] of usageByModel(outcome)) this.parent.spentInBackground(model, usage);
      const result = report(agentId, agent, outcome);
      if (signal.aborted) return result.text;
      // The parent learns of the end with its next tool results, report included: no polling.
      const how = result.isError ? "failed" : "completed";
      notifyModel(parentId, `<task-notification>\nBackground agent ${task.id} (${request.description}) ${how}.\n<result>\n${result.text}\n</result>\n</task-notification>`);
      if (result.isError) throw new Error(result.text);
      return result.text;
    });
    return task;
  }
}

/**
 * Spawns a sub-agent of type `agent` and runs its task to the end; each of its steps goes to `emit`,
 * marked with the Agent call that started it.
 */
async function runSubagent(services: SessionServices, agent: AgentDefinition, request: SubagentRequest, parentToolUseId: string, signal: AbortSignal, emit: (event: AgentEvent) => void): Promise<{ agentId: string; outcome: Outcome }> {
  const { session, agentId } = spawnAgent(services, agent, request);
  const prompt = await firstMessage(services, session, agentId, agent, request.prompt, signal);
  const outcome = await runToEnd(session.send(prompt, signal), (event) => emit({ type: "subagent", parentToolUseId, agentId, agentType: agent.name, event }));
  return { agentId, outcome };
}

/**
 * A sub-agent's task, after what SubagentStart hooks add (they run as it starts; matcher: its type)
 * and the full text of the skills its type preloads (Claude Code's `skills:`).
 */
async function firstMessage(services: SessionServices, session: AgentSession, agentId: string, agent: AgentDefinition, prompt: string, signal: AbortSignal): Promise<string | UserMessage> {
  const said = await session.config.hooks?.event("SubagentStart", { agent_id: agentId, agent_type: agent.name }, signal);
  const context = (said?.context ?? []).map((text): TextBlock => ({ type: "text", text: `SubagentStart hook additional context: ${text}` }));
  const skills = agent.skills?.length && services.skills ? await services.skills.preload(agent.skills, session, signal) : [];
  if (context.length + skills.length === 0) return prompt;
  return { role: "user", content: [...context, ...skills, { type: "text", text: prompt }] };
}

/** The agent type named `type` among the session's, or an error the model can act on. */
export function agentNamed(services: SessionServices, type: string): AgentDefinition {
  const agent = services.agents.find((a) => a.name === type);
  if (!agent) throw new Error(`Agent type '${type}' not found. Available agents: ${services.agents.map((a) => a.name).join(", ")}`);
  return agent;
}

/**
 * A sub-agent of type `agent` for the session behind `services` (an Agent call, or a forked skill
 * with `agent:`): its tools, system prompt, model, effort and permission mode, its transcript beside
 * the session. `permissions` wraps the parent's gate (a skill's allowed tools).
 */
export function spawnAgent(services: SessionServices, agent: AgentDefinition, request: Pick<SubagentRequest, "model" | "effort">, permissions?: (gate: PermissionGate) => PermissionGate): { session: AgentSession; agentId: string } {
  const parent = services.session;
  const agentId = newAgentId();
  const depth = services.depth + 1;
  const gate = subagentGate(parent.deps.permissions, agent.permissionMode);
  const registry = subagentTools(parent.deps.registry, agent, { readOnly: isReadOnlyAgent(agent), delegate: depth < MAX_DEPTH });
  const wanted = request.model ?? agent.model;
  const system: SystemBlock[] = [
    { type: "text", text: agent.prompt || `You are the ${agent.name} sub-agent: ${agent.description}`, cache_control: { type: "ephemeral" } },
    ...(registry.tool("Agent") ? [{ type: "text" as const, text: listAgentTypes(agentTypes(services.agents)) }] : []),
    // The parent's environment block (its facts, git snapshot and memory files) is always its last.
    ...parent.config.system.slice(-1),
  ];
  const model = wanted ? modelNamed(parent.deps.provider, wanted) : parent.config.model;
  const effort = request.effort ?? agent.effort;
  const session = subagentOf(parent, {
    id: agentId,
    registry,
    model,
    thinking: effort && effortThinking(effort, model, Math.min(32_000, modelInfo(model).maxOutput)),
    system,
    maxTurns: agent.maxTurns,
    store: transcriptOf(parent, agentId),
    permissions: permissions ? permissions(gate) : gate,
  });
  session.env.services = services.child(session, depth);
  return { session, agentId };
}
