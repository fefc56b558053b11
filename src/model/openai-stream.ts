// OpenAI Chat Completions stream chunks translated into Anthropic stream events.

import type { StopReason, StreamEvent, Usage } from "./messages.ts";

type ToolCallDelta = { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } };

export type ChatChunk = {
  id?: string;
  model?: string;
  choices?: {
    index?: number;
    delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: ToolCallDelta[] | null };
    finish_reason?: string | null;
  }[];
  usage?: ChatUsage | null;
  error?: { message?: string; type?: string; code?: string | number } | string;
};

type ChatUsage = {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  /** DeepSeek's names for the cached part of the prompt. */
  prompt_cache_hit_tokens?: number;
};

const STOP_REASONS: Record<string, StopReason> = {
  stop: "end_turn",
  tool_calls: "tool_use",
  function_call: "tool_use",
  length: "max_tokens",
  content_filter: "refusal",
};

/**
 * Turns the chunks of one streamed completion into the events of one Anthropic message. Text and
 * reasoning stream as they come (reasoning as a thinking block). Tool calls are assembled by
 * their index (id and name first, arguments in pieces, several calls side by side) and emitted
 * whole when the completion ends, so a server that interleaves calls cannot split one.
 */
export class ChunkTranslator {
  private started = false;
  private nextIndex = 0;
  private open?: { index: number; kind: "text" | "thinking" };
  private readonly calls = new Map<number, { id: string; name: string; args: string }>();
  private stopReason?: StopReason;
  private usage?: Partial<Usage>;
  private outputChars = 0;

  constructor(private readonly meta: { model: string; inputTokensEstimate: number }) {}

  *push(chunk: ChatChunk): Generator<StreamEvent> {
    if (!this.started) {
      this.started = true;
      const message = { id: chunk.id || `chatcmpl_${crypto.randomUUID()}`, type: "message" as const, role: "assistant" as const, model: chunk.model || this.meta.model, content: [] as [] };
      yield { type: "message_start", message: { ...message, usage: { input_tokens: 0, output_tokens: 0 } } };
    }
    if (chunk.usage) this.usage = fromChatUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) yield* this.streamed("thinking", reasoning);
    if (delta.content) yield* this.streamed("text", delta.content);
    for (const call of delta.tool_calls ?? []) this.addCall(call);
    if (choice.finish_reason) this.stopReason = STOP_REASONS[choice.finish_reason] ?? "end_turn";
  }

  /**
   * Ends the message once the stream is over. `sawDone`: the server sent `[DONE]`. A stream with
   * neither `[DONE]` nor a finish reason was cut, and gets no `message_stop`.
   */
  *end(sawDone: boolean): Generator<StreamEvent> {
    if (!this.started || (!sawDone && !this.stopReason)) return;
    yield* this.close();
    for (const call of [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c)) {
      const index = this.nextIndex++;
      yield { type: "content_block_start", index, content_block: { type: "tool_use", id: call.id, name: call.name, input: {} } };
      if (call.args) yield { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: call.args } };
      yield { type: "content_block_stop", index };
    }
    // Some servers finish a message that calls tools with "stop".
    const stop_reason = this.calls.size > 0 && this.stopReason !== "max_tokens" ? "tool_use" : (this.stopReason ?? "end_turn");
    const usage = this.usage ?? { input_tokens: this.meta.inputTokensEstimate, output_tokens: Math.ceil(this.outputChars / 4) };
    yield { type: "message_delta", delta: { stop_reason, stop_sequence: null }, usage };
    yield { type: "message_stop" };
  }

  private *streamed(kind: "text" | "thinking", text: string): Generator<StreamEvent> {
    this.outputChars += text.length;
    if (this.open?.kind !== kind) {
      yield* this.close();
      const index = this.nextIndex++;
      this.open = { index, kind };
      yield { type: "content_block_start", index, content_block: kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" } };
    }
    const index = this.open.index;
    yield { type: "content_block_delta", index, delta: kind === "text" ? { type: "text_delta", text } : { type: "thinking_delta", thinking: text } };
  }

  private *close(): Generator<StreamEvent> {
    if (this.open) yield { type: "content_block_stop", index: this.open.index };
    this.open = undefined;
  }

  private addCall(delta: ToolCallDelta): void {
    // Without an index, a chunk belongs to the call its id names, else to the latest call.
    const byId = delta.id ? [...this.calls].find(([, c]) => c.id === delta.id)?.[0] : undefined;
    const key = delta.index ?? byId ?? (delta.id || this.calls.size === 0 ? this.calls.size : this.calls.size - 1);
    let call = this.calls.get(key);
    if (!call) {
      call = { id: "", name: "", args: "" };
      this.calls.set(key, call);
    }
    if (delta.id) call.id = delta.id;
    call.id ||= `call_${crypto.randomUUID().slice(0, 8)}`;
    // The name comes whole in the call's first chunk; some servers repeat it in later ones.
    if (delta.function?.name) call.name ||= delta.function.name;
    if (delta.function?.arguments) {
      call.args += delta.function.arguments;
      this.outputChars += delta.function.arguments.length;
    }
  }
}

/** OpenAI counts cached tokens inside prompt_tokens; Anthropic counts them apart. */
function fromChatUsage(u: ChatUsage): Partial<Usage> {
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (u.prompt_tokens ?? 0) - cached),
    output_tokens: u.completion_tokens ?? 0,
    cache_read_input_tokens: cached,
  };
}
