// Scripted assistant turns: the format the replay provider plays and the test server serves.
// A script is `{ "turns": [[block, ...], ...] }` (or the bare array), the same shape as the
// conformance recordings. Blocks are `text`, `tool_use`, `thinking` (with its signature) or
// `redacted_thinking`; tool_use ids are filled in when missing.

import * as v from "valibot";
import { type AssistantBlock, contentBlocks, contentText, type Message, type StreamEvent, type ToolResultBlock } from "./messages.ts";

const ScriptBlock = v.union([
  v.object({ type: v.literal("text"), text: v.string() }),
  v.object({ type: v.literal("tool_use"), id: v.optional(v.string()), name: v.string(), input: v.record(v.string(), v.unknown()) }),
  v.object({ type: v.literal("thinking"), thinking: v.string(), signature: v.optional(v.string(), "") }),
  v.object({ type: v.literal("redacted_thinking"), data: v.string() }),
]);
export const Script = v.union([
  v.pipe(v.array(v.array(ScriptBlock)), v.transform((turns) => ({ turns }))),
  v.object({ turns: v.array(v.array(ScriptBlock)) }),
]);
export type Script = v.InferOutput<typeof Script>;
export type ScriptTurn = Script["turns"][number];

export type Placeholders = { workdir: string; home: string };

/** Fills `$WORKDIR`, `$HOME` and the `{{last_tool_result_*}}` templates of one turn. */
export function fillTurn(turn: ScriptTurn, turnIndex: number, history: Message[], places: Placeholders): AssistantBlock[] {
  const last = contentBlocks(history).findLast((b): b is ToolResultBlock => b.type === "tool_result");
  const lastText = last ? contentText(last.content) : "";
  const fill = (s: string) =>
    s
      .replaceAll("$WORKDIR", places.workdir)
      .replaceAll("$HOME", places.home)
      .replaceAll("{{last_tool_result_first_line}}", lastText.split("\n")[0] ?? "")
      .replaceAll("{{last_tool_result}}", lastText)
      .replaceAll("{{last_tool_result_is_error}}", String(last?.is_error === true))
      .replaceAll("{{last_user_text}}", lastUserText(history));
  return turn.map((block, i): AssistantBlock => {
    if (block.type === "text") return { type: "text", text: fill(block.text) };
    if (block.type === "thinking") return { type: "thinking", thinking: block.thinking, signature: block.signature };
    if (block.type === "redacted_thinking") return { type: "redacted_thinking", data: block.data };
    const input = JSON.parse(fill(JSON.stringify(block.input)));
    const id = block.id ?? `toolu_script_${String(turnIndex + 1).padStart(3, "0")}_${i}`;
    return { type: "tool_use", id, name: block.name, input };
  });
}

/** The text the user last wrote (a prompt, or text sent along with tool results). */
function lastUserText(history: Message[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const message = history[i]!;
    if (message.role !== "user") continue;
    if (typeof message.content === "string") return message.content;
    const texts = message.content.flatMap((b) => (b.type === "text" ? [b.text] : []));
    if (texts.length > 0) return texts.join("\n");
  }
  return "";
}

/** Splits a string into `n` roughly equal chunks so streams carry several deltas, as real servers do. */
function chunks(s: string, n: number): string[] {
  if (s.length <= 1) return [s];
  const size = Math.ceil(s.length / n);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

/** The full event sequence of one streamed response made of `blocks`. */
export function turnEvents(
  blocks: AssistantBlock[],
  meta: { id: string; model: string; inputTokens: number; cacheReadTokens?: number; cacheCreationTokens?: number },
): StreamEvent[] {
  const events: StreamEvent[] = [
    {
      type: "message_start",
      message: {
        id: meta.id,
        type: "message",
        role: "assistant",
        model: meta.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: meta.inputTokens, output_tokens: 1, cache_creation_input_tokens: meta.cacheCreationTokens ?? 0, cache_read_input_tokens: meta.cacheReadTokens ?? 0 },
      },
    },
  ];
  let outputChars = 0;
  blocks.forEach((block, index) => {
    if (block.type === "text") {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const text of chunks(block.text, 2)) events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
      outputChars += block.text.length;
    } else if (block.type === "tool_use") {
      events.push({ type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      const json = JSON.stringify(block.input);
      for (const partial_json of chunks(json, 3)) events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } });
      outputChars += json.length;
    } else if (block.type === "thinking") {
      events.push({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } });
      events.push({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: block.thinking } });
      events.push({ type: "content_block_delta", index, delta: { type: "signature_delta", signature: block.signature } });
      outputChars += block.thinking.length;
    } else {
      events.push({ type: "content_block_start", index, content_block: block });
    }
    events.push({ type: "content_block_stop", index });
  });
  const stop_reason = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  events.push({ type: "message_delta", delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: Math.max(1, Math.ceil(outputChars / 4)) } });
  events.push({ type: "message_stop" });
  return events;
}

/** Rough token count of a request body, as a stand-in for a server's tokenizer (4 chars a token). */
export const estimateTokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);
