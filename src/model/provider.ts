import type { CacheControl, Message, StreamEvent } from "./messages.ts";
import { resolveModel, SMALL_MODEL } from "./models.ts";

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

/**
 * A model backend. It streams one response as Anthropic-shaped events and throws ProviderError on
 * failure. It does not retry: `resilientStream` (retry.ts) does that for every provider.
 */
export interface Provider {
  readonly name: string;
  /** Where requests go, for error messages (a URL, or a file for replay). */
  readonly endpoint?: string;
  /**
   * What a model name means to this server, when not what it means to Anthropic's API: "small"
   * (the model for side jobs) and the aliases (opus, sonnet, haiku). Undefined: the usual meaning.
   */
  resolveModel?(name: string): string | undefined;
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

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(["rate_limit", "overloaded", "server", "connection", "timeout"]);

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
    return RETRYABLE.has(this.kind);
  }
}

/**
 * The model id a name stands for with this provider: an alias, "small" (side jobs, Explore
 * agents), or an id. Anthropic's small model can be changed with Claude Code's variables.
 */
export function modelNamed(provider: Provider, name: string, env = process.env): string {
  const own = provider.resolveModel?.(name);
  if (own) return own;
  return resolveModel(name === "small" ? env.ANTHROPIC_DEFAULT_HAIKU_MODEL || env.ANTHROPIC_SMALL_FAST_MODEL || SMALL_MODEL : name);
}

const REQUEST_ID = Symbol("request-id");

/**
 * Keeps the HTTP request id of a response on its `message_start` event, where JSON never sees it
 * (the Anthropic SDK keeps `_request_id` on its results the same way): the raw event stays as the
 * server sent it, and stream-json's `assistant` lines can still name the request.
 */
export function withRequestId<T extends object>(event: T, id: string | null | undefined): T {
  if (id) Object.defineProperty(event, REQUEST_ID, { value: id });
  return event;
}

export const requestIdOf = (event: object): string | undefined => (event as { [REQUEST_ID]?: string })[REQUEST_ID];

export const abortedError = () => new ProviderError("aborted", "Request aborted");

/** The kind of an HTTP error status; `message` tells a too-long prompt from other bad requests. */
export function errorKind(status: number, message: string): ProviderErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limit";
  // 529 is Anthropic's "overloaded"; OpenAI-compatible servers say 503.
  if (status === 529 || status === 503) return "overloaded";
  if (status >= 500 || status === 409) return "server";
  if ((status === 400 || status === 413) && /prompt is too long|too many tokens|maximum context length|context.{0,20}(length|window)/i.test(message)) return "prompt_too_long";
  return "invalid_request";
}

/** The kind of an error reported inside a stream (`{"type":"error","error":{"type":…}}`). */
export function streamErrorKind(type: string | undefined, message: string): ProviderErrorKind {
  switch (type) {
    case "overloaded_error":
      return "overloaded";
    case "rate_limit_error":
      return "rate_limit";
    case "authentication_error":
    case "permission_error":
      return "auth";
    case "invalid_request_error":
      return errorKind(400, message);
    case "timeout_error":
      return "timeout";
    default:
      return "server";
  }
}

/** How long the server asked us to wait: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A failure below HTTP (refused, reset, DNS, TLS), named by its system code when there is one.
 * `midResponse`: the server had started answering, so the connection broke rather than failed to open.
 */
export function connectionError(error: unknown, endpoint: string, midResponse = false): ProviderError {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new ProviderError("connection", midResponse ? `the connection to ${endpoint} broke mid-response (${cause})` : `cannot reach ${endpoint} (${cause})`);
}
