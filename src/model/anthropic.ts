import type { StreamEvent } from "./messages.ts";
import { type ModelRequest, type Provider, ProviderError, type ProviderErrorKind } from "./provider.ts";

export type AnthropicOptions = {
  apiKey?: string;
  authToken?: string;
  baseURL?: string;
  maxRetries?: number;
  timeoutMs?: number;
};

/** Streams from the Anthropic Messages API (or any server speaking it) through @anthropic-ai/sdk. */
export class AnthropicProvider implements Provider {
  readonly name = "anthropic";
  // The SDK costs ~25 ms to import: load it on the first request, not at start-up.
  private client?: Promise<import("@anthropic-ai/sdk").default>;

  constructor(private readonly options: AnthropicOptions) {}

  private sdk() {
    this.client ??= import("@anthropic-ai/sdk").then(
      ({ default: Anthropic }) =>
        new Anthropic({
          apiKey: this.options.apiKey ?? null,
          authToken: this.options.authToken ?? null,
          baseURL: this.options.baseURL ?? null,
          maxRetries: this.options.maxRetries ?? 2,
          timeout: this.options.timeoutMs ?? 10 * 60_000,
        }),
    );
    return this.client;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const client = await this.sdk();
    try {
      const stream = await client.messages.create(
        {
          model: request.model,
          max_tokens: request.maxTokens,
          system: request.system,
          messages: request.messages as Parameters<typeof client.messages.create>[0]["messages"],
          tools: request.tools as never,
          ...(request.thinking ? { thinking: request.thinking as never } : {}),
          stream: true,
        },
        { signal },
      );
      for await (const event of stream) yield event as unknown as StreamEvent;
    } catch (error) {
      throw toProviderError(error, signal, this.options.baseURL ?? "https://api.anthropic.com");
    }
  }
}

function toProviderError(error: unknown, signal: AbortSignal, baseURL: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted) return new ProviderError("aborted", "Request aborted");
  const e = error as { status?: number; message?: string; error?: { error?: { message?: string; type?: string } }; headers?: Headers; name?: string; cause?: { code?: string; message?: string } };
  const status = typeof e.status === "number" ? e.status : undefined;
  const serverMessage = e.error?.error?.message ?? e.message ?? String(error);
  if (status === undefined) {
    const timedOut = e.name?.includes("Timeout");
    if (timedOut) return new ProviderError("timeout", `the request to ${baseURL} timed out`);
    const cause = e.cause?.code ?? e.cause?.message ?? serverMessage;
    return new ProviderError("connection", `cannot reach ${baseURL} (${cause})`);
  }
  const retryAfter = Number(e.headers?.get?.("retry-after"));
  return new ProviderError(kindOf(status, serverMessage), serverMessage, status, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
}

function kindOf(status: number, message: string): ProviderErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate_limit";
  if (status === 529) return "overloaded";
  if (status >= 500) return "server";
  if (status === 400 && /prompt is too long|too many tokens|context.{0,20}(length|window)/i.test(message)) return "prompt_too_long";
  return "invalid_request";
}
