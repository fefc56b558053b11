import type { Message } from "../model/messages.ts";
import { userTurns } from "../session/user-turns.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Style } from "./style.ts";
import { callLabel } from "./tool-lines.ts";

/** The last `max` messages of a resumed conversation, drawn as they were when they happened (compactly). */
export function pastTurns(messages: readonly Message[], s: Style, columns: number, cwd: string, max = 12): string[] {
  const prompts = new Set(userTurns(messages).map((p) => p.index));
  const lines: string[] = [];
  const from = Math.max(0, messages.length - max);
  if (from > 0) lines.push(s.dim(`  … ${from} earlier messages`));
  messages.slice(from).forEach((m, i) => {
    if (m.role === "user") {
      if (!prompts.has(from + i)) return;
      const text = typeof m.content === "string" ? m.content : m.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
      lines.push("", ...text.split("\n").map((l, n) => s.dim(`${n === 0 ? ">" : " "} ${l}`)));
      return;
    }
    for (const block of m.content) {
      if (block.type === "text" && block.text.trim()) lines.push("", ...renderMarkdown(block.text, s, columns - 2).map((l, n) => `${n === 0 ? "●" : " "} ${l}`));
      else if (block.type === "tool_use") lines.push(`${s.dim("●")} ${callLabel(block.name, block.input, cwd, s)}`);
    }
  });
  return lines;
}
