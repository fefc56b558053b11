import type { AgentEvent } from "../agent/events.ts";
import type { AgentSession } from "../agent/session.ts";
import { runToEnd } from "../agent/subagent.ts";
import type { SessionServices } from "../agents/services.ts";
import { loadSettings } from "../config/settings.ts";
import { contextReport } from "../context/report.ts";
import { memoryTargets } from "../context/memory-targets.ts";
import { SessionContext } from "../context/session-context.ts";
import { SessionMemory } from "../context/session-memory.ts";
import { type FileChange, FileHistory } from "../fs/file-history.ts";
import { displayPath } from "../fs/paths.ts";
import type { McpManager } from "../mcp/manager.ts";
import { emptyUsage } from "../model/messages.ts";
import { ALIASES, MODELS, modelInfo, resolveModel } from "../model/models.ts";
import type { CommandSession } from "../registry/define.ts";
import { userTurns } from "../session/user-turns.ts";

const tokens = (value: unknown) => Math.ceil(JSON.stringify(value ?? "").length / 4);

/** The file changes the tool calls made from message `index` of the conversation on. */
export async function changesSince(session: AgentSession, index: number): Promise<FileChange[]> {
  const later = new Set(session.messages.slice(index).flatMap((m) => (m.role === "assistant" ? m.content.flatMap((b) => (b.type === "tool_use" ? [b.id] : [])) : [])));
  return (await FileHistory.of(session.env.sessionDir).changes()).filter((c) => later.has(c.toolUseId));
}

/** What slash commands see of a session, in print mode and in the REPL (which adds CommandUI). */
export function commandSession(session: AgentSession, extras: { mcp?: McpManager; /** Sees what commands make the session do (print mode prints a /compact's boundary). */ onEvent?: (event: AgentEvent) => void } = {}): CommandSession {
  const cwd = session.env.cwd;
  return {
    id: session.id,
    sessionDir: session.env.sessionDir,
    get model() {
      return session.config.model;
    },
    setModel(nameOrAlias) {
      const id = resolveModel(nameOrAlias);
      session.config = { ...session.config, model: id, maxTokens: Math.min(32_000, modelInfo(id).maxOutput) };
      return id;
    },
    models: MODELS.map((m) => ({ id: m.id, alias: Object.entries(ALIASES).find(([, id]) => id === m.id)?.[0], contextWindow: m.contextWindow })),
    messages: session.messages,
    modes: session.env.services?.modes,
    provider: { name: session.deps.provider.name, endpoint: session.deps.provider.endpoint },
    cost: () => session.cost.summary(),
    context: () => {
      const { config } = session;
      const context = config.context ?? new SessionContext(SessionMemory.empty(cwd));
      return contextReport(context, { model: config.model, maxTokens: config.maxTokens, system: config.system, tools: session.deps.registry.specs(), messages: session.messages });
    },
    compact: (instructions, signal = new AbortController().signal) => runToEnd(session.compact(instructions, signal), extras.onEvent),
    userTurns: () => userTurns(session.messages),
    async rewind(index, options) {
      const lines: string[] = [];
      if (options.files) {
        for (const f of await FileHistory.of(session.env.sessionDir).rewind(await changesSince(session, index))) {
          lines.push(`${f.action} ${displayPath(cwd, f.path)}${f.changedSince ? " (it had changed since: those later changes are gone too)" : ""}`);
        }
      }
      if (options.conversation) {
        const before = tokens(session.messages);
        session.messages.splice(index);
        // The session file is append-only: a boundary that replaces the conversation (the line a
        // compaction writes) makes a resumed session start from the rewound one.
        session.store?.append({ type: "compact", trigger: "manual", tokensBefore: before, tokensAfter: tokens(session.messages), messages: [...session.messages], model: session.config.model, usage: emptyUsage() });
      }
      return lines;
    },
    get settings() {
      const services = session.env.services as SessionServices | undefined;
      const loaded = services?.readSettings?.() ?? loadSettings(cwd);
      return { merged: loaded.settings, files: loaded.files, problems: loaded.problems };
    },
    memoryFiles: () => memoryTargets(cwd),
    agentTypes: async () => {
      const services = session.env.services as SessionServices | undefined;
      const problems = (await services?.reloadAgents?.()) ?? [];
      return { types: (services?.agents ?? []).map(({ name, description, source, tools }) => ({ name, description, source, tools })), problems };
    },
    mcpServers: () => extras.mcp?.status() ?? [],
    sandbox: session.env.sandbox,
    lspServers: () => (session.env.services as SessionServices | undefined)?.code?.status() ?? [],
    async plugins(words) {
      const { pluginCommand, pluginCommandError } = await import("./plugin-command.ts");
      const services = session.env.services as SessionServices | undefined;
      const lines: string[] = [];
      try {
        await pluginCommand(words.length > 0 ? words : ["list"], (services?.readSettings?.() ?? loadSettings(cwd)).settings, cwd, (line) => lines.push(line));
      } catch (error) {
        lines.push(pluginCommandError(error));
      }
      return lines.join("\n");
    },
  };
}
