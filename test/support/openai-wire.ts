// The OpenAI Chat Completions side of the scripted server: a turn's Anthropic stream events
// re-encoded as `chat.completion.chunk` frames the way OpenAI-compatible servers stream them
// (tool calls by index with arguments in pieces, reasoning in its own field, usage last or absent).

import type { Message, StreamEvent } from "../../src/model/messages.ts";

export type ChatWireOptions = {
  /** Send the usage chunk when the client asks for it (stream_options.include_usage); default true. */
  usage?: boolean;
  /** Where reasoning goes: DeepSeek and vLLM say reasoning_content, OpenRouter and Ollama reasoning. */
  reasoningField?: "reasoning_content" | "reasoning";
};

const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

export function chatFrames(events: StreamEvent[], options: ChatWireOptions & { includeUsage: boolean }): string[] {
  const frames: string[] = [];
  const created = Math.floor(Date.now() / 1000);
  let head = { id: "", object: "chat.completion.chunk", created, model: "" };
  let inputTokens = 0;
  const callIndex = new Map<number, number>();
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => frame({ ...head, choices: [{ index: 0, delta, finish_reason }] });
  for (const event of events) {
    if (event.type === "message_start") {
      head = { ...head, id: event.message.id.replace(/^msg_/, "chatcmpl-"), model: event.message.model };
      inputTokens = event.message.usage.input_tokens ?? 0;
      frames.push(chunk({ role: "assistant", content: "" }));
    } else if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
      const index = callIndex.size;
      callIndex.set(event.index, index);
      frames.push(chunk({ tool_calls: [{ index, id: event.content_block.id, type: "function", function: { name: event.content_block.name, arguments: "" } }] }));
    } else if (event.type === "content_block_delta") {
      const d = event.delta;
      if (d.type === "text_delta") frames.push(chunk({ content: d.text }));
      else if (d.type === "thinking_delta") frames.push(chunk({ [options.reasoningField ?? "reasoning_content"]: d.thinking }));
      else if (d.type === "input_json_delta") frames.push(chunk({ tool_calls: [{ index: callIndex.get(event.index), function: { arguments: d.partial_json } }] }));
    } else if (event.type === "message_delta") {
      frames.push(chunk({}, event.delta.stop_reason === "tool_use" ? "tool_calls" : "stop"));
      if (options.includeUsage && options.usage !== false) {
        const completion = event.usage?.output_tokens ?? 0;
        frames.push(frame({ ...head, choices: [], usage: { prompt_tokens: inputTokens, completion_tokens: completion, total_tokens: inputTokens + completion } }));
      }
    } else if (event.type === "message_stop") frames.push("data: [DONE]\n\n");
  }
  return frames;
}

type ChatMessage = { role: string; content?: unknown; tool_call_id?: string };

/** Chat messages seen as Anthropic ones, enough for the script's `{{last_tool_result}}` templates. */
export function anthropicHistory(messages: ChatMessage[]): Message[] {
  return messages.map((m): Message => {
    if (m.role === "tool") return { role: "user", content: [{ type: "tool_result", tool_use_id: m.tool_call_id ?? "", content: String(m.content ?? "") }] };
    if (m.role === "assistant") return { role: "assistant", content: [] };
    return { role: "user", content: typeof m.content === "string" ? m.content : "" };
  });
}
