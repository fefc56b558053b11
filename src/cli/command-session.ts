import type { AgentSession } from "../agent/session.ts";
import { contextReport } from "../context/report.ts";
import { SessionContext } from "../context/session-context.ts";
import { SessionMemory } from "../context/session-memory.ts";
import type { CommandSession } from "../registry/define.ts";

/** What slash commands see of a session: its cost, where its context goes, /compact. */
export function commandSession(session: AgentSession): CommandSession {
  return {
    id: session.id,
    cost: () => session.cost.summary(),
    context: () => {
      const { config } = session;
      const context = config.context ?? new SessionContext(SessionMemory.empty(session.env.cwd));
      return contextReport(context, { model: config.model, maxTokens: config.maxTokens, system: config.system, tools: session.deps.registry.specs(), messages: session.messages });
    },
    async compact(instructions, signal = new AbortController().signal) {
      const run = session.compact(instructions, signal);
      while (true) {
        const next = await run.next();
        if (next.done) return next.value;
      }
    },
  };
}
