// Anthropic-shaped requests translated into OpenAI Chat Completions requests.

import { type AssistantMessage, asBlocks, type CacheControl, type DocumentBlock, type ImageBlock, type TextBlock, type ToolResultBlock, textOf, type UserMessage } from "./messages.ts";
import type { ModelRequest } from "./provider.ts";

type TextPart = { type: "text"; text: string; cache_control?: CacheControl };
type ContentPart = TextPart | { type: "image_url"; image_url: { url: string } } | { type: "file"; file: { filename: string; file_data: string } };

export type ChatMessage =
  | { role: "system"; content: string | TextPart[] }
  | { role: "user"; content: string | ContentPart[] }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export type ChatToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  tools?: { type: "function"; function: { name: string; description: string; parameters: Record<string, unknown> } }[];
  stream: true;
  stream_options: { include_usage: true };
  max_tokens?: number;
  max_completion_tokens?: number;
};

export type TranslateOptions = {
  /** Keep `cache_control` marks: only for servers that understand them (OpenRouter in front of Claude). */
  caching: boolean;
  /** Images the model cannot see become a line of text instead of a request the server refuses. */
  images: boolean;
  /** OpenAI's own API wants `max_completion_tokens`; other servers know `max_tokens`. */
  maxTokensField: "max_tokens" | "max_completion_tokens";
};

export function toChatRequest(request: ModelRequest, options: TranslateOptions): ChatRequest {
  const messages: ChatMessage[] = [];
  const system = request.system.map((b): TextPart => ({ type: "text", text: b.text, ...(options.caching && b.cache_control ? { cache_control: b.cache_control } : {}) }));
  if (system.length > 0) messages.push({ role: "system", content: system.some((p) => p.cache_control) ? system : system.map((p) => p.text).join("\n\n") });
  for (const message of request.messages) {
    if (message.role === "assistant") messages.push(assistantMessage(message));
    else messages.push(...userMessages(message, options));
  }
  return {
    model: request.model,
    messages,
    ...(request.tools.length > 0
      ? { tools: request.tools.map((t) => ({ type: "function" as const, function: { name: t.name, description: t.description, parameters: t.input_schema } })) }
      : {}),
    stream: true,
    stream_options: { include_usage: true },
    [options.maxTokensField]: request.maxTokens,
  };
}

/** Thinking blocks stay behind: their signatures mean nothing to another server. */
function assistantMessage(message: AssistantMessage): ChatMessage {
  const text = textOf(message);
  const calls = message.content.flatMap((b): ChatToolCall[] =>
    b.type === "tool_use" ? [{ id: b.id, type: "function", function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } }] : [],
  );
  return { role: "assistant", content: text || (calls.length > 0 ? null : ""), ...(calls.length > 0 ? { tool_calls: calls } : {}) };
}

/**
 * One user message becomes: a `tool` message per tool result (they must directly follow the
 * assistant's calls), then the rest of the content as one user message. Tool messages carry text
 * only, so images a tool returned follow in a user message of their own.
 */
function userMessages(message: UserMessage, options: TranslateOptions): ChatMessage[] {
  if (typeof message.content === "string") return [{ role: "user", content: message.content }];
  const out: ChatMessage[] = [];
  const rest: ContentPart[] = [];
  const toolImages: ContentPart[] = [];
  for (const block of message.content) {
    if (block.type === "tool_result") {
      const { text, images } = toolResultParts(block, options);
      out.push({ role: "tool", tool_call_id: block.tool_use_id, content: text });
      if (images.length > 0) toolImages.push({ type: "text", text: `The image${images.length > 1 ? "s" : ""} returned by tool call ${block.tool_use_id}:` }, ...images);
    } else rest.push(part(block, options));
  }
  const content = [...toolImages, ...rest];
  if (content.length > 0) out.push({ role: "user", content: content.every(isPlainText) ? content.map((p) => (p as TextPart).text).join("\n\n") : content });
  return out;
}

const isPlainText = (p: ContentPart) => p.type === "text" && !p.cache_control;

function part(block: TextBlock | ImageBlock | DocumentBlock, options: TranslateOptions): ContentPart {
  const cache = options.caching && block.cache_control ? { cache_control: block.cache_control } : {};
  if (block.type === "text") return { type: "text", text: block.text, ...cache };
  if (block.type === "image") {
    if (!options.images) return { type: "text", text: "[an image was attached here, but this model cannot read images]" };
    return { type: "image_url", image_url: { url: `data:${block.source.media_type};base64,${block.source.data}` } };
  }
  if (block.source.type === "text") return { type: "text", text: block.source.data, ...cache };
  return { type: "file", file: { filename: "document.pdf", file_data: `data:application/pdf;base64,${block.source.data}` } };
}

function toolResultParts(block: ToolResultBlock, options: TranslateOptions): { text: string; images: ContentPart[] } {
  const blocks = asBlocks(block.content);
  const texts: string[] = [];
  const images: ContentPart[] = [];
  for (const b of blocks) {
    const p = part(b, options);
    if (p.type === "text") texts.push(p.text);
    else images.push(p);
  }
  let text = texts.join("\n");
  if (images.length > 0 && !text) text = `(${images.length} image${images.length > 1 ? "s" : ""}, attached below)`;
  // There is no is_error flag in this API: say it in words, unless the text already does.
  if (block.is_error && !text.startsWith("<tool_use_error>")) text = `Error: ${text}`;
  return { text, images };
}
