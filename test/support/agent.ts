// Helpers to drive the real agent loop in-process with scripted turns.

import { runAgent } from "../../src/agent/loop.ts";
import type { AgentEvent, Outcome } from "../../src/agent/events.ts";
import { FileState } from "../../src/fs/file-state.ts";
import type { AssistantBlock, Message, StreamEvent } from "../../src/model/messages.ts";
import type { Provider } from "../../src/model/provider.ts";
import type { RetryOptions } from "../../src/model/retry.ts";
import { turnEvents } from "../../src/model/script.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import type { PermissionGate, PermissionMode } from "../../src/permissions/gate.ts";
import type { Tool } from "../../src/registry/define.ts";
import { Registry } from "../../src/registry/registry.ts";
import { tempDir } from "./tmp.ts";

/** A permission gate with this mode and no rules. */
export const modeGate = (mode: PermissionMode) => new PermissionEngine({ mode, rules: [], projectDir: process.cwd() });

/** A provider that streams the given turns in order, waiting `gapMs` between events. */
export function scriptedProvider(turns: AssistantBlock[][], gapMs = 0): Provider & { requests: Message[][] } {
  const requests: Message[][] = [];
  return {
    name: "test",
    requests,
    async *stream(request, signal): AsyncIterable<StreamEvent> {
      requests.push(structuredClone(request.messages));
      const turn = turns[requests.length - 1];
      if (!turn) throw new Error("no more turns");
      for (const event of turnEvents(turn, { id: `msg_${requests.length}`, model: request.model, inputTokens: 10 })) {
        if (gapMs) await Bun.sleep(gapMs);
        if (signal.aborted) throw new Error("aborted");
        yield event;
      }
    },
  };
}

export function registryOf(...tools: Tool[]): Registry {
  const registry = new Registry();
  for (const tool of tools) {
    const why = registry.add(tool, "test");
    if (why) throw new Error(why);
  }
  return registry;
}

export async function drive(
  provider: Provider,
  registry: Registry,
  options: { permissions?: PermissionGate; signal?: AbortSignal; maxTurns?: number; cwd?: string; retry?: Partial<RetryOptions> } = {},
): Promise<{ events: AgentEvent[]; outcome: Outcome; messages: Message[] }> {
  const messages: Message[] = [];
  const cwd = options.cwd ?? tempDir();
  const run = runAgent(
    { provider, registry, permissions: options.permissions ?? new PermissionEngine({ mode: "bypassPermissions", rules: [], projectDir: cwd }) },
    {
      model: "claude-sonnet-5-5",
      maxTokens: 1000,
      system: [],
      maxTurns: options.maxTurns,
      retry: options.retry,
      env: { cwd, sessionId: "s", sessionDir: `${cwd}/.session`, files: new FileState() },
      signal: options.signal ?? new AbortController().signal,
    },
    messages,
    { role: "user", content: "go" },
  );
  const events: AgentEvent[] = [];
  while (true) {
    const next = await run.next();
    if (next.done) return { events, outcome: next.value, messages };
    events.push(next.value);
  }
}
