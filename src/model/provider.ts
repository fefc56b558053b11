import type { CacheControl, Message, StreamEvent } from "./messages.ts";

export type SystemBlock = { type: "text"; text: string; cache_control?: CacheControl };

export type ToolSpec = {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
  cache_control?: CacheControl;
};

export interface ModelRequest {
  model: string;
  system: SystemBlock[];
  messages: Message[];
  tools: ToolSpec[];
  maxTokens: number;
  thinking?: { type: "enabled"; budget_tokens: number } | { type: "adaptive" };
}

/** A model backend. It streams one response as Anthropic-shaped events and throws ProviderError on failure. */
export interface Provider {
  readonly name: string;
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
}

export type ProviderErrorKind =
  | "auth"
  | "rate_limit"
  | "overloaded"
  | "server"
  | "connection"
  | "timeout"
  | "invalid_request"
  | "prompt_too_long"
  | "aborted"
  | "bad_response";

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }

  get retryable(): boolean {
    return ["rate_limit", "overloaded", "server", "connection", "timeout"].includes(this.kind);
  }
}
