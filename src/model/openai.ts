import type { StreamEvent } from "./messages.ts";
import { ALIASES, modelInfo } from "./models.ts";
import { toChatRequest } from "./openai-request.ts";
import { type ChatChunk, ChunkTranslator } from "./openai-stream.ts";
import { abortedError, connectionError, errorKind, type ModelRequest, type Provider, ProviderError, retryAfterMs, withRequestId } from "./provider.ts";
import { estimateTokens } from "./script.ts";
import { bodyMessage, notAStream } from "./error-body.ts";
import { readServerSentEvents } from "./sse.ts";

export type OpenAIOptions = {
  /** The provider's name as the user knows it: "openai", or a name from settings. */
  name: string;
  /** Up to and including the version, e.g. http://localhost:11434/v1. */
  baseURL: string;
  apiKey?: string;
  /** What to tell the user when the key is rejected: where it came from. */
  keyHint: string;
  /** Send cache_control marks; by default only to OpenRouter, which passes them on to Claude models. */
  promptCaching?: boolean;
  headers?: Record<string, string>;
  /** The run's model, which also stands in for Claude's aliases here. */
  defaultModel: string;
  /** The model for side jobs ("small"); default: defaultModel. */
  smallModel?: string;
};

/**
 * Any server speaking OpenAI's Chat Completions API with streaming: OpenAI, OpenRouter, Ollama,
 * vLLM, LM Studio, llama.cpp, DeepSeek, Groq. Written on fetch and our own SSE reader: the
 * translation both ways is ours either way, and an SDK would add start-up time for no gain.
 */
export class OpenAIProvider implements Provider {
  readonly name: string;
  readonly endpoint: string;

  constructor(private readonly options: OpenAIOptions) {
    this.name = options.name;
    this.endpoint = `${options.baseURL.replace(/\/+$/, "")}/chat/completions`;
  }

  /** Claude's aliases and "small" mean nothing to this server: the configured models stand in. */
  resolveModel(name: string): string | undefined {
    if (name === "small") return this.options.smallModel ?? this.options.defaultModel;
    return Object.hasOwn(ALIASES, name) ? this.options.defaultModel : undefined;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const info = modelInfo(request.model);
    const host = URL.parse(this.options.baseURL)?.hostname ?? "";
    const body = toChatRequest(request, {
      caching: this.options.promptCaching ?? (host === "openrouter.ai" && /claude/i.test(request.model)),
      images: info.images,
      maxTokensField: host === "api.openai.com" ? "max_completion_tokens" : "max_tokens",
    });
    const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream", ...this.options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;

    let response: Response;
    try {
      response = await fetch(this.endpoint, { method: "POST", headers, body: JSON.stringify(body), signal });
    } catch (error) {
      throw signal.aborted ? abortedError() : connectionError(error, this.options.baseURL);
    }
    if (!response.ok) throw await this.httpError(response);
    if (!response.body) throw new ProviderError("bad_response", `${this.endpoint} answered without a body`);
    const wrong = await notAStream(response, this.endpoint);
    if (wrong) throw wrong;

    const requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id");
    const translator = new ChunkTranslator({ model: request.model, inputTokensEstimate: estimateTokens(body) });
    let sawDone = false;
    try {
      for await (const { data } of readServerSentEvents(response.body)) {
        if (data.trim() === "[DONE]") {
          sawDone = true;
          break;
        }
        for (const event of translator.push(this.parseChunk(data))) yield event.type === "message_start" ? withRequestId(event, requestId) : event;
      }
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw signal.aborted ? abortedError() : connectionError(error, this.options.baseURL, true);
    }
    yield* translator.end(sawDone);
  }

  private parseChunk(data: string): ChatChunk {
    let chunk: ChatChunk;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new ProviderError("bad_response", `${this.endpoint} sent malformed data in the response stream: ${JSON.stringify(data.slice(0, 80))}`);
    }
    if (typeof chunk !== "object" || chunk === null) throw new ProviderError("bad_response", `${this.endpoint} sent an unexpected chunk: ${data.slice(0, 80)}`);
    if (chunk.error) {
      // An error inside a 200 stream: the server failed mid-answer, and may well succeed if asked again.
      const { message, code } = typeof chunk.error === "string" ? { message: chunk.error, code: undefined } : chunk.error;
      const status = typeof code === "number" ? code : Number.parseInt(String(code ?? ""), 10);
      throw new ProviderError(Number.isFinite(status) ? errorKind(status, message ?? "") : "server", message ?? "the server reported an error", Number.isFinite(status) ? status : undefined);
    }
    return chunk;
  }

  private async httpError(response: Response): Promise<ProviderError> {
    const text = await response.text().catch(() => "");
    const message = bodyMessage(text, response.status, response.statusText || "no message");
    const kind = errorKind(response.status, message);
    if (kind === "auth") return new ProviderError(kind, `API key rejected by ${this.options.baseURL} (HTTP ${response.status}): ${this.options.keyHint}.`, response.status);
    return new ProviderError(kind, message, response.status, retryAfterMs(response.headers));
  }
}

