import type { Message } from "../model/messages.ts";
import type { SystemBlock, ToolSpec } from "../model/provider.ts";
import type { ContextReport } from "../registry/define.ts";
import type { SessionContext } from "./session-context.ts";
import { tokensOf } from "./tokens.ts";

/** Where the window goes (/context): system prompt, memory files, tool definitions, conversation. */
export function contextReport(context: SessionContext, parts: { model: string; maxTokens: number; system: readonly SystemBlock[]; tools: readonly ToolSpec[]; messages: readonly Message[] }): ContextReport {
  const memoryFiles = context.memory.files.map((f) => ({ path: f.path, tokens: tokensOf(f.content) }));
  const memory = memoryFiles.reduce((sum, f) => sum + f.tokens, 0);
  const system = tokensOf(JSON.stringify(parts.system));
  const tools = tokensOf(JSON.stringify(parts.tools));
  const used = context.estimate(parts.messages, parts.system, parts.tools);
  return {
    model: parts.model,
    window: context.window(parts.model),
    autoCompactAt: context.threshold(parts.model, parts.maxTokens),
    autoCompact: context.settings.autoCompact,
    used,
    parts: [
      { name: "System prompt", tokens: Math.max(0, system - memory) },
      { name: "Memory files", tokens: memory },
      { name: "Tool definitions", tokens: tools },
      { name: "Messages", tokens: Math.max(0, used - system - tools) },
    ],
    memoryFiles,
  };
}
