import { join } from "node:path";
import { FileState } from "../fs/file-state.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import type { Tool } from "../registry/define.ts";
import type { AgentEvent, Outcome } from "./events.ts";
import { AgentSession } from "./session.ts";

export type SubagentOptions = {
  /** A model id for the sub-agent (default: the parent's). */
  model?: string;
  /** Which of the parent's tools the sub-agent gets (default: all). */
  tools?: (tool: Tool) => boolean;
  /** Its permission gate (default: the parent's). */
  permissions?: PermissionGate;
};

/**
 * A sub-agent: a fresh conversation with its own messages and file state that shares the parent's
 * provider, system prompt, tools and working directory. Forked skills run in one; the Agent tool
 * can build on the same function.
 */
export function subagentOf(parent: AgentSession, options: SubagentOptions = {}): AgentSession {
  const id = crypto.randomUUID();
  const registry = options.tools ? parent.deps.registry.subset(options.tools) : parent.deps.registry;
  return new AgentSession(
    { ...parent.deps, registry, permissions: options.permissions ?? parent.deps.permissions },
    { ...parent.config, model: options.model ?? parent.config.model },
    { ...parent.env, sessionId: id, sessionDir: join(parent.env.sessionDir, "subagents", id), files: new FileState() },
  );
}

/** Drains a run, handing each event to `onEvent`; returns how it ended. */
export async function runToEnd(run: AsyncGenerator<AgentEvent, Outcome>, onEvent?: (event: AgentEvent) => void): Promise<Outcome> {
  while (true) {
    const next = await run.next();
    if (next.done) return next.value;
    onEvent?.(next.value);
  }
}
