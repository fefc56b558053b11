import { bodyMessage, notAStream } from "./error-body.ts";
import type { StreamEvent } from "./messages.ts";
import { abortedError, connectionError, errorKind, type ModelRequest, type Provider, ProviderError, retryAfterMs, streamErrorKind, withRequestId } from "./provider.ts";

export type AnthropicOptions = {
  apiKey?: string;
  authToken?: string;
  baseURL?: string;
  /** What to tell the user when the key is rejected: where it came from. */
  keyHint?: string;
  /** The model for side jobs ("small"), for a server that lacks the usual one. */
  smallModel?: string;
  /** Beta features to ask for (--betas): sent in the anthropic-beta header. */
  betas?: string[];
};

/**
 * Streams from the Anthropic Messages API (or any server speaking it) through @anthropic-ai/sdk.
 * The SDK's own retries and logging are off: resilientStream retries for every provider, and
 * errors reach the user as one line.
 */
export class AnthropicProvider implements Provider {
  readonly name = "anthropic";
  readonly endpoint: string;
  // The SDK costs ~25 ms to import: load it on the first request, not at start-up.
  private client?: Promise<import("@anthropic-ai/sdk").default>;

  constructor(private readonly options: AnthropicOptions) {
    this.endpoint = options.baseURL ?? "https://api.anthropic.com";
  }

  resolveModel(name: string): string | undefined {
    return name === "small" ? this.options.smallModel : undefined;
  }

  private sdk() {
    this.client ??= import("@anthropic-ai/sdk").then(
      ({ default: Anthropic }) =>
        new Anthropic({
          apiKey: this.options.apiKey ?? null,
          authToken: this.options.authToken ?? null,
          baseURL: this.options.baseURL ?? null,
          maxRetries: 0,
          // resilientStream enforces the idle timeout; this only bounds a request that never ends.
          timeout: 24 * 60 * 60_000,
          logLevel: "off",
        }),
    );
    return this.client;
  }

  /** Interleaved thinking: the model may think again after each tool result. */
  private betas(request: ModelRequest): string[] {
    return [...(this.options.betas ?? []), ...(request.thinking ? ["interleaved-thinking-2025-05-14"] : [])];
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const client = await this.sdk();
    let answered = false;
    try {
      const { data: stream, request_id, response } = await client.messages
        .create(
          {
            model: request.model,
            max_tokens: request.maxTokens,
            system: request.system,
            messages: request.messages as Parameters<typeof client.messages.create>[0]["messages"],
            tools: request.tools as never,
            ...(request.thinking ? { thinking: request.thinking as never } : {}),
            stream: true,
          },
          { signal, ...(this.betas(request).length > 0 ? { headers: { "anthropic-beta": this.betas(request).join(",") } } : {}) },
        )
        .withResponse();
      answered = true;
      const wrong = await notAStream(response, this.endpoint);
      if (wrong) throw wrong;
      for await (const event of stream) yield withRequestId(event as unknown as StreamEvent, event.type === "message_start" ? request_id : undefined);
    } catch (error) {
      throw this.toProviderError(error, signal, answered);
    }
  }

  private toProviderError(error: unknown, signal: AbortSignal, answered: boolean): ProviderError {
    if (error instanceof ProviderError) return error;
    if (signal.aborted) return abortedError();
    if (error instanceof SyntaxError) return new ProviderError("bad_response", `${this.endpoint} sent malformed data in the response stream (${error.message})`);
    const e = error as { status?: number; message?: string; error?: { error?: { message?: string; type?: string }; message?: string }; headers?: Headers; name?: string };
    // A body that is not JSON reaches us only inside the SDK's message, after the status.
    const body = e.error === undefined ? (e.message ?? String(error)).replace(new RegExp(`^${e.status} `), "") : JSON.stringify(e.error);
    const serverMessage = typeof e.status === "number" ? bodyMessage(body, e.status, "no message") : (e.error?.error?.message ?? e.error?.message ?? e.message ?? String(error));
    if (typeof e.status !== "number") {
      // An `event: error` inside the stream (e.g. overloaded_error) arrives without a status.
      const streamType = e.error?.error?.type;
      if (streamType) return new ProviderError(streamErrorKind(streamType, serverMessage), serverMessage);
      if (e.name?.includes("Timeout")) return new ProviderError("timeout", `the request to ${this.endpoint} timed out`);
      return connectionError(error, this.endpoint, answered);
    }
    const kind = errorKind(e.status, serverMessage);
    if (kind === "auth") return new ProviderError(kind, `API key rejected by ${this.endpoint} (HTTP ${e.status}): ${this.options.keyHint ?? "check ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN"}.`, e.status);
    return new ProviderError(kind, serverMessage, e.status, retryAfterMs(e.headers));
  }
}
