// Drives a real AgentSession with SessionServices (ctx.agent) against a provider that answers by
// looking at each request, so main agent and sub-agents can be told apart.
import type { AgentEvent, Outcome } from "../../src/agent/events.ts";
import type { RunHooks } from "../../src/agent/loop.ts";
import { AgentSession } from "../../src/agent/session.ts";
import type { AgentDefinition } from "../../src/agents/definitions.ts";
import { type ServicesOptions, SessionServices } from "../../src/agents/services.ts";
import { FileState } from "../../src/fs/file-state.ts";
import type { AssistantBlock } from "../../src/model/messages.ts";
import type { ModelRequest, Provider } from "../../src/model/provider.ts";
import { turnEvents } from "../../src/model/script.ts";
import type { PermissionGate } from "../../src/permissions/gate.ts";
import type { Tool } from "../../src/registry/define.ts";
import { modeGate, registryOf } from "../support/agent.ts";
import { tempDir } from "../support/tmp.ts";

export type Answer = (request: ModelRequest) => AssistantBlock[] | Promise<AssistantBlock[]>;

export const turnOf = (request: ModelRequest) => request.messages.filter((m) => m.role === "assistant").length;
export const systemOf = (request: ModelRequest) => request.system.map((b) => b.text).join("\n");
export const isMain = (request: ModelRequest) => request.system[0]?.text === "MAIN AGENT";

export function answering(answer: Answer): Provider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    name: "test",
    requests,
    async *stream(request) {
      requests.push(structuredClone(request));
      yield* turnEvents(await answer(request), { id: `msg_${requests.length}`, model: request.model, inputTokens: 100 });
    },
  };
}

export type Run = { outcome: Outcome; events: AgentEvent[]; session: AgentSession; services: SessionServices; provider: ReturnType<typeof answering> };

export async function runSession(
  tools: Tool[],
  answer: Answer,
  options: { agents?: AgentDefinition[]; permissions?: PermissionGate; cwd?: string; hooks?: RunHooks; skills?: ServicesOptions["skills"] } = {},
): Promise<Run> {
  const provider = answering(answer);
  const cwd = options.cwd ?? tempDir();
  const session = new AgentSession(
    { provider, registry: registryOf(...tools), permissions: options.permissions ?? modeGate("bypassPermissions") },
    {
      model: "claude-sonnet-5-5",
      maxTokens: 1000,
      hooks: options.hooks,
      system: [
        { type: "text", text: "MAIN AGENT" },
        { type: "text", text: "# Environment" },
      ],
    },
    { cwd, sessionId: "s", sessionDir: `${cwd}/.s`, files: new FileState() },
  );
  const services = new SessionServices(session, { agents: options.agents, skills: options.skills });
  session.env.services = services;
  const run = session.send("go", new AbortController().signal);
  const events: AgentEvent[] = [];
  while (true) {
    const next = await run.next();
    if (next.done) return { outcome: next.value, events, session, services, provider };
    events.push(next.value);
  }
}
