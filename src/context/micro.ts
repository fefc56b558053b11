import type { Message, ToolResultBlock, ToolUseBlock, UserBlock } from "../model/messages.ts";
import { messageTokens, tokensOf } from "./tokens.ts";

/** Results smaller than this are not worth a stub. */
const MIN_CHARS = 2_000;
const CLEARED_MARK = "[Old tool result cleared to save context.";

/**
 * Micro-compaction: replaces the content of old, large tool results with a short stub that says
 * how to get them again, keeping the `keep` most recent results whole. Cheap (no model call) and
 * lossless in the sense that the model can repeat the call. Changes `messages` in place (the
 * session file keeps the full results); returns the tokens saved.
 */
export function microCompact(messages: Message[], keep = 3, minChars = MIN_CHARS): number {
  const calls = new Map<string, ToolUseBlock>();
  const results: { message: number; index: number; block: ToolResultBlock }[] = [];
  messages.forEach((message, m) => {
    if (typeof message.content === "string") return;
    message.content.forEach((block, index) => {
      if (block.type === "tool_use") calls.set(block.id, block);
      else if (block.type === "tool_result") results.push({ message: m, index, block });
    });
  });
  let saved = 0;
  for (const { message, index, block } of results.slice(0, Math.max(0, results.length - keep))) {
    const tokens = messageTokens({ role: "user", content: [block] });
    if (tokens * 4 < minChars || JSON.stringify(block.content).includes(CLEARED_MARK)) continue;
    const call = calls.get(block.tool_use_id);
    const again = call ? ` To see it again, call ${call.name} with ${JSON.stringify(call.input).slice(0, 300)}.` : "";
    const stub = `${CLEARED_MARK}${again}]`;
    const content = messages[message]!.content as UserBlock[];
    // Copy the message: earlier events (and whoever holds them) keep the original.
    const copy = [...content];
    copy[index] = { ...block, content: stub };
    messages[message] = { ...messages[message]!, content: copy } as Message;
    saved += tokens - tokensOf(stub);
  }
  return saved;
}
