import type { Message } from "../model/messages.ts";

/** The prompts of a conversation, with their index in it (tool results and injected notes are not prompts). */
export function userTurns(messages: readonly Message[]): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  messages.forEach((m, index) => {
    if (m.role !== "user") return;
    if (typeof m.content === "string") out.push({ index, text: m.content });
    else if (!m.content.some((b) => b.type === "tool_result")) {
      const text = m.content.flatMap((b) => (b.type === "text" && !b.text.startsWith("<") ? [b.text] : [])).join("\n");
      if (text) out.push({ index, text });
    }
  });
  return out;
}
