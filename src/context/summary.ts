import { contentBlocks, contentText, type Message, type TextBlock, type ToolUseBlock } from "../model/messages.ts";

// What goes into and comes out of a compaction: the summary prompt, and the message that opens
// the conversation afterwards (summary, the user's latest request verbatim, todo list, plan).

export const SUMMARY_MARKER = "Your task now: write a summary of the conversation so far";

export function summaryPrompt(instructions?: string): string {
  const extra = instructions?.trim() ? `\n\nThe user's instructions for this summary (they take precedence):\n${instructions.trim()}` : "";
  return `${SUMMARY_MARKER}, so that the work can go on without it. The summary replaces everything above: what it leaves out is lost. Do not call any tools; answer with text only.

First think in <analysis> tags: go through the conversation in order and note what the user asked, what you did, and what is still open. Then write the summary in <summary> tags, with these sections:
1. Request and intent: everything the user asked for, in detail, including changes of mind.
2. Key technical context: technologies, conventions, constraints and decisions that matter.
3. Files and code: each file read, changed or created, why it matters, and the important snippets (full code of recent changes).
4. Errors and fixes: each problem met, how it was solved, and what the user said about it.
5. User messages: every message the user wrote (not tool results), close to verbatim.
6. Pending tasks: what was asked for and is not done.
7. Current work: exactly what was being done just before this summary, with file names and code.
8. Next step: the next step, in line with the user's latest request (quote it where it says what to do).${extra}`;
}

/** The <summary> part of the model's answer, without its <analysis>. */
export function extractSummary(text: string): string {
  const inside = /<summary>([\s\S]*?)(<\/summary>|$)/.exec(text)?.[1];
  return (inside ?? text.replace(/<analysis>[\s\S]*?<\/analysis>/, "")).trim();
}

/** A message the user typed (not tool results, not a summary we wrote). */
export function isUserPrompt(message: Message): boolean {
  if (message.role !== "user") return false;
  if (typeof message.content === "string") return true;
  return message.content.some((b) => b.type === "text") && !message.content.some((b) => b.type === "tool_result") && !contentText(message.content).startsWith(SUMMARY_INTRO);
}

/** The latest call of a tool. */
const lastCall = (messages: readonly Message[], name: string) => contentBlocks(messages).findLast((b): b is ToolUseBlock => b.type === "tool_use" && b.name === name);

const SUMMARY_INTRO = "This session continues an earlier conversation that ran out of context.";

/** Todo list and plan as they stood in the summarised part: the summary must not lose them. */
function stateOf(summarised: readonly Message[]): string[] {
  const parts: string[] = [];
  const todos = (lastCall(summarised, "TodoWrite")?.input as { todos?: { content: string; status: string }[] } | undefined)?.todos;
  if (todos?.length) parts.push(`The todo list when the conversation was compacted:\n${todos.map((t) => `- [${t.status}] ${t.content}`).join("\n")}`);
  const plan = (lastCall(summarised, "ExitPlanMode")?.input as { plan?: string } | undefined)?.plan;
  if (plan) parts.push(`The plan the user approved:\n${plan}`);
  return parts;
}

/**
 * The first message of the compacted conversation. `summarised` is the part the summary replaces,
 * `kept` the latest turns that follow it verbatim; `extra` holds restored files and memory.
 */
export function summaryMessage(summary: string, summarised: readonly Message[], kept: readonly Message[], extra: string[], continueTask: boolean): Message {
  const blocks: TextBlock[] = [{ type: "text", text: `${SUMMARY_INTRO} The summary below covers the earlier part.\n\n<summary>\n${summary}\n</summary>` }];
  const latest = kept.some(isUserPrompt) ? undefined : [...summarised].reverse().find(isUserPrompt);
  if (latest) blocks.push({ type: "text", text: `The user's latest request, verbatim:\n<request>\n${contentText(latest.content)}\n</request>` });
  for (const text of [...stateOf(summarised), ...extra]) blocks.push({ type: "text", text });
  if (continueTask) blocks.push({ type: "text", text: "Go on with the task from where it stopped, without asking the user anything further." });
  return { role: "user", content: blocks };
}
