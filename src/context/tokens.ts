import type { AssistantBlock, Message, Usage, UserBlock } from "../model/messages.ts";

// A fast token estimate for budgeting (about 4 characters a token), corrected by the real usage the
// API reports for each response: only what was added since the last response is estimated.

const CHARS_PER_TOKEN = 4;
/** What the API charges for an image of typical size. */
const IMAGE_TOKENS = 1600;

export const tokensOf = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

function blockTokens(block: UserBlock | AssistantBlock): number {
  switch (block.type) {
    case "text":
      return tokensOf(block.text);
    case "tool_use":
      return tokensOf(block.name + JSON.stringify(block.input));
    case "tool_result":
      return typeof block.content === "string" ? tokensOf(block.content) : block.content.reduce((sum, b) => sum + blockTokens(b), 0);
    case "image":
      return IMAGE_TOKENS;
    case "document":
      // Base64 PDF pages cost far more than their text; count them like images per ~50 kB.
      return block.source.type === "text" ? tokensOf(block.source.data) : Math.ceil(block.source.data.length / 50_000) * IMAGE_TOKENS;
    case "thinking":
      return tokensOf(block.thinking);
    case "redacted_thinking":
      return tokensOf(block.data);
  }
}

export function messageTokens(message: Message): number {
  if (typeof message.content === "string") return tokensOf(message.content);
  return (message.content as (UserBlock | AssistantBlock)[]).reduce((sum, b) => sum + blockTokens(b), 0);
}

export const messagesTokens = (messages: readonly Message[]) => messages.reduce((sum, m) => sum + messageTokens(m), 0);

/** Total context size as the API counts it for one response: everything sent plus what came back. */
export const usageTotal = (u: Usage) => u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens + u.output_tokens;

/**
 * The size of the conversation in tokens. After each response it knows the real size of
 * everything up to that response; later messages are estimated.
 */
export class TokenMeter {
  private anchor?: { count: number; tokens: number };
  /** When the last response arrived (ms since the epoch). */
  observedAt?: number;

  /** `count`: messages in the conversation once the response was added. */
  observe(count: number, usage: Usage): void {
    this.observedAt = Date.now();
    const tokens = usageTotal(usage);
    this.anchor = tokens > 0 ? { count, tokens } : undefined;
  }

  /** Forget the anchor: the messages before it changed (a compaction). */
  reset(): void {
    this.anchor = undefined;
  }

  /** `fixed`: the estimate of the system prompt and tool definitions, used when there is no anchor. */
  estimate(messages: readonly Message[], fixed: number): number {
    const anchor = this.anchor;
    if (anchor && anchor.count <= messages.length) return anchor.tokens + messagesTokens(messages.slice(anchor.count));
    return fixed + messagesTokens(messages);
  }
}
