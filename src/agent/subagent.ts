import { join } from "node:path";
import { FileState } from "../fs/file-state.ts";
import { modelInfo } from "../model/models.ts";
import type { ModelRequest, SystemBlock } from "../model/provider.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import type { Tool } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import { SessionStore } from "../session/store.ts";
import type { AgentEvent, Outcome } from "./events.ts";
import type { RunHooks } from "./loop.ts";
import { AgentSession, type EventStore } from "./session.ts";

export type SubagentOptions = {
  /** A model id for the sub-agent (default: the parent's). */
  model?: string;
  /** Which of the parent's tools the sub-agent gets (default: all). */
  tools?: (tool: Tool) => boolean;
  /** Its tool set, when it is more than a filter of the parent's (default: the parent's, filtered by `tools`). */
  registry?: Registry;
  /** Its permission gate (default: the parent's). */
  permissions?: PermissionGate;
  /** Its system prompt (default: the parent's). */
  system?: SystemBlock[];
  maxTurns?: number;
  /** Its thinking and room to answer (default: the parent's, when its model can think). */
  thinking?: { thinking?: ModelRequest["thinking"]; maxTokens: number };
  /** Its id (default: a new UUID). */
  id?: string;
  /** Where its events are kept: its transcript. */
  store?: EventStore;
};

/**
 * A sub-agent: a fresh conversation with its own messages and file state that shares the parent's
 * provider, system prompt, tools and working directory. Forked skills run in one; the Agent tool
 * can build on the same function.
 */
export function subagentOf(parent: AgentSession, options: SubagentOptions = {}): AgentSession {
  const id = options.id ?? crypto.randomUUID();
  const registry = options.registry ?? (options.tools ? parent.deps.registry.subset(options.tools) : parent.deps.registry);
  const model = options.model ?? parent.config.model;
  return new AgentSession(
    { ...parent.deps, registry, permissions: options.permissions ?? parent.deps.permissions },
    {
      ...parent.config,
      // UserPromptSubmit and Stop belong to the user's conversation; a sub-agent raises SubagentStop.
      hooks: parent.config.hooks && subagentHooks(parent.config.hooks),
      model,
      maxTokens: options.thinking?.maxTokens ?? Math.min(parent.config.maxTokens, modelInfo(model).maxOutput),
      // A sub-agent on a model that cannot think runs without it.
      thinking: options.thinking ? options.thinking.thinking : modelInfo(model).thinking ? parent.config.thinking : undefined,
      system: options.system ?? parent.config.system,
      maxTurns: options.maxTurns ?? parent.config.maxTurns,
      // Its own context: a sub-agent's conversation must not move the parent's token meter.
      context: parent.config.context?.fork(),
    },
    { ...parent.env, sessionId: id, sessionDir: join(parent.env.sessionDir, "subagents", id), files: new FileState() },
    { store: options.store },
  );
}

/** A new sub-agent id, as transcripts and stream-json name them. */
export const newAgentId = () => `agent-${crypto.randomUUID().slice(0, 8)}`;

/** Where a sub-agent's transcript is kept: `<session>/subagents/<id>.jsonl`, beside its parent's file (none when the parent keeps none). */
export function transcriptOf(parent: AgentSession, agentId: string): EventStore | undefined {
  return parent.store && new SessionStore(join(parent.env.sessionDir, "subagents", `${agentId}.jsonl`), { sessionId: agentId, cwd: parent.env.cwd });
}

/**
 * A sub-agent's hooks: no UserPromptSubmit (its prompt comes from the agent, not the user), and
 * SubagentStop where the main agent has Stop, so a hook can send it back to work.
 */
function subagentHooks(parent: RunHooks): RunHooks {
  return {
    promptSubmit: async () => ({ context: [] }),
    async stop(lastText, active, signal) {
      if (parent.subagentStop) return parent.subagentStop(lastText, active, signal);
      const said = await parent.event("SubagentStop", { stop_hook_active: active, last_assistant_message: lastText }, signal);
      return said.blocked !== undefined ? { feedback: `SubagentStop hook feedback:\n${said.blocked}`, context: said.context } : { context: said.context };
    },
    subagentStop: parent.subagentStop,
    event: (name, payload, signal) => parent.event(name, payload, signal),
  };
}

/** Drains a run (or a /compact), handing each event to `onEvent`; returns how it ended. */
export async function runToEnd<T = Outcome>(run: AsyncGenerator<AgentEvent, T>, onEvent?: (event: AgentEvent) => void): Promise<T> {
  while (true) {
    const next = await run.next();
    if (next.done) return next.value;
    onEvent?.(next.value);
  }
}
