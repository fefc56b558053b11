// The Query object's requests about what the session holds: getContextUsage(), the reloads,
// stopTask() and backgroundTasks().

import * as v from "valibot";
import type { SessionServices } from "../../agents/services.ts";
import { tokensOf } from "../../context/tokens.ts";
import { agentInfos, slashCommands } from "./catalog.ts";
import { type ControlContext, ControlError, type ControlRequest, fieldsOf } from "./handler.ts";
import { mcpStatus } from "./mcp-requests.ts";

const CATEGORY_IDS: Record<string, string> = { "System prompt": "system_prompt", "Memory files": "memory_files", "Tool definitions": "system_tools", Messages: "messages" };

/** Where the context window goes (nanocode's /context), in the shape of Claude Code's answer. */
export function getContextUsage(_request: ControlRequest, context: ControlContext) {
  const report = context.commands.context();
  const used = report.parts.map((p) => ({ id: CATEGORY_IDS[p.name], name: p.name, tokens: p.tokens, color: "default", kind: "used" as const }));
  const free = { id: "free_space", name: "Free space", tokens: Math.max(0, report.window - report.used), color: "default", kind: "free" as const };
  const mcpTools = context.session.deps.registry.specs().flatMap((spec) => {
    const server = /^mcp__(.+?)__/.exec(spec.name)?.[1];
    return server ? [{ name: spec.name, serverName: server, tokens: tokensOf(JSON.stringify(spec)), isLoaded: true }] : [];
  });
  return {
    categories: [...used, free],
    totalTokens: report.used,
    maxTokens: report.window,
    rawMaxTokens: report.window,
    percentage: Math.round((report.used / report.window) * 1000) / 10,
    gridRows: [],
    model: report.model,
    memoryFiles: report.memoryFiles.map((f) => ({ path: f.path, type: "memory", tokens: f.tokens })),
    mcpTools,
    agents: [],
    isAutoCompactEnabled: report.autoCompact,
    autoCompactThreshold: report.autoCompactAt,
  };
}

/** nanocode has no plugins: the answer is what the session has now. */
export function reloadPlugins(request: ControlRequest, context: ControlContext) {
  return { commands: slashCommands(context, context.skills), agents: agentInfos(context), plugins: [], mcpServers: mcpStatus(request, context).mcpServers, error_count: 0 };
}

export function reloadOutputStyles() {
  return { available_output_styles: ["default"] };
}

/** Skills are read when the session starts; a running session cannot take new ones. */
export function reloadSkills(): never {
  throw new ControlError("nanocode reads skills when the session starts: start a new query to pick up skills added or changed on disk");
}

const services = (context: ControlContext) => context.session.env.services as SessionServices | undefined;

export function stopTask(request: ControlRequest, context: ControlContext) {
  const { task_id } = fieldsOf(v.object({ task_id: v.string("must be a task id") }), request);
  if (!services(context)?.tasks.stop(task_id)) throw new ControlError(`no running task ${task_id}`);
  return {};
}

/** A call running in the foreground stays there: nanocode cannot move it to the background. */
export function backgroundTasks() {
  return { backgrounded: false };
}
