// Conversation shapes. They follow the Anthropic Messages API, which is the internal lingua franca:
// other providers translate to and from these.

export type CacheControl = { type: "ephemeral"; ttl?: "5m" | "1h" };

export type TextBlock = { type: "text"; text: string; cache_control?: CacheControl };
export type ImageBlock = {
  type: "image";
  source: { type: "base64"; media_type: string; data: string };
  cache_control?: CacheControl;
};
export type DocumentBlock = {
  type: "document";
  source: { type: "base64"; media_type: "application/pdf"; data: string } | { type: "text"; media_type: "text/plain"; data: string };
  cache_control?: CacheControl;
};
export type ToolUseBlock = { type: "tool_use"; id: string; name: string; input: unknown; cache_control?: CacheControl };
export type ToolResultBlock = {
  type: "tool_result";
  tool_use_id: string;
  content: string | Array<TextBlock | ImageBlock | DocumentBlock>;
  is_error?: boolean;
  cache_control?: CacheControl;
};
export type ThinkingBlock = { type: "thinking"; thinking: string; signature: string };
export type RedactedThinkingBlock = { type: "redacted_thinking"; data: string };

export type AssistantBlock = TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock;
export type UserBlock = TextBlock | ImageBlock | DocumentBlock | ToolResultBlock;

export type UserMessage = { role: "user"; content: string | UserBlock[] };
export type AssistantMessage = { role: "assistant"; content: AssistantBlock[] };
export type Message = UserMessage | AssistantMessage;

export type Usage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

export const emptyUsage = (): Usage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

export function addUsage(into: Usage, more: Partial<Usage>): Usage {
  into.input_tokens += more.input_tokens ?? 0;
  into.output_tokens += more.output_tokens ?? 0;
  into.cache_creation_input_tokens += more.cache_creation_input_tokens ?? 0;
  into.cache_read_input_tokens += more.cache_read_input_tokens ?? 0;
  return into;
}

export type StopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "pause_turn" | "refusal";

/** The server-sent events of a streamed Messages response (`ping` included, as servers send it). */
export type StreamEvent =
  | {
      type: "message_start";
      message: { id: string; type?: "message"; role: "assistant"; model: string; content: []; usage: Partial<Usage> } & Record<string, unknown>;
    }
  | { type: "content_block_start"; index: number; content_block: AssistantBlock }
  | {
      type: "content_block_delta";
      index: number;
      delta:
        | { type: "text_delta"; text: string }
        | { type: "input_json_delta"; partial_json: string }
        | { type: "thinking_delta"; thinking: string }
        | { type: "signature_delta"; signature: string };
    }
  | { type: "content_block_stop"; index: number }
  | { type: "message_delta"; delta: { stop_reason: StopReason | null; stop_sequence?: string | null }; usage?: Partial<Usage> }
  | { type: "message_stop" }
  | { type: "ping" }
  | { type: "error"; error: { type: string; message: string } };

/** The text of a message's or a tool result's content: its text blocks joined by `separator` (other blocks add only a separator). */
export const contentText = (content: string | readonly (UserBlock | AssistantBlock)[], separator = "\n") =>
  typeof content === "string" ? content : content.map((b) => (b.type === "text" ? b.text : "")).join(separator);

/** A message's text blocks, run together. */
export const textOf = (message: Message) => contentText(message.content, "");

/** A tool result's text, other blocks named by their type (`[image]`), an error without its <tool_use_error> wrapping. */
export function resultText(result: ToolResultBlock): string {
  const { content } = result;
  const text = typeof content === "string" ? content : content.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join("\n");
  return text.replace(/^<tool_use_error>([\s\S]*)<\/tool_use_error>$/, "$1");
}

/** The content of a message or tool result as blocks: a string is one text block. */
export const asBlocks = <B>(content: string | B[]): (B | TextBlock)[] => (typeof content === "string" ? [{ type: "text", text: content }] : content);

/** Every content block of `messages`, in order. */
export const contentBlocks = (messages: readonly Message[]) => messages.flatMap((m): (UserBlock | AssistantBlock)[] => (typeof m.content === "string" ? [] : m.content));
