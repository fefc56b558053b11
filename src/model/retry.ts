// Resilience for every provider: one retry policy (exponential backoff with jitter, `retry-after`
// honoured, fallback models when the main one stays overloaded) and one wrapper around a
// provider's stream that applies it, with an idle timeout and immediate cancellation.

import { setTimeout as wait } from "node:timers/promises";
import type { StreamEvent } from "./messages.ts";
import { modelInfo } from "./models.ts";
import { abortedError, type ModelRequest, type Provider, ProviderError, streamErrorKind } from "./provider.ts";

export type RetryOptions = {
  /** Retries after the first attempt of one request. */
  maxRetries: number;
  /** The first backoff; it doubles with each retry up to `maxDelayMs`, plus up to 25% jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest wait for the next piece of a response (the first byte included). */
  timeoutMs: number;
  /** Models to switch to, in order, when the current one stays overloaded. */
  fallbackModels: string[];
  /** "Overloaded" answers in a row that make the current model count as staying overloaded. */
  overloadedBeforeFallback: number;
};

// Claude Code's figures: 10 retries, 500 ms doubling up to 32 s, a 10-minute request timeout.
export const RETRY_DEFAULTS: RetryOptions = {
  maxRetries: 10,
  baseDelayMs: 500,
  maxDelayMs: 32_000,
  timeoutMs: 600_000,
  fallbackModels: [],
  overloadedBeforeFallback: 3,
};

/** A server that asks for a longer wait than this is not waited for: its error is reported instead. */
const LONGEST_RETRY_AFTER_MS = 5 * 60_000;

/** Between two attempts: what failed, how long we wait, and the model the next attempt uses. */
export type RetryNotice = {
  type: "retry";
  /** This retry's number (1-based) out of `maxRetries`. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  error: ProviderError;
  /** The model that failed, and the one the next attempt uses (a fallback when they differ). */
  failedModel: string;
  model: string;
  /** Events of the failed attempt had already been yielded: the consumer must drop them. */
  partial: boolean;
};

/**
 * The retry budget and model choice of one agent run. The budget is per request: it starts over
 * after each complete response. A switch to a fallback model lasts for the rest of the run.
 */
export class Retrier {
  readonly options: RetryOptions;
  private readonly models: string[];
  private modelIndex = 0;
  private retries = 0;
  private overloadedInARow = 0;

  constructor(model: string, options: Partial<RetryOptions> = {}, private readonly random = Math.random) {
    this.options = { ...RETRY_DEFAULTS, ...options };
    this.models = [model, ...this.options.fallbackModels.filter((m) => m !== model)];
  }

  get model(): string {
    return this.models[this.modelIndex]!;
  }

  succeeded(): void {
    this.retries = 0;
    this.overloadedInARow = 0;
  }

  /** After a failed attempt: when to try again and with which model, or undefined to give up. */
  next(error: ProviderError): Omit<RetryNotice, "type" | "error" | "failedModel" | "partial"> | undefined {
    if (!error.retryable) return undefined;
    const { maxRetries, baseDelayMs, maxDelayMs, overloadedBeforeFallback } = this.options;
    this.overloadedInARow = error.kind === "overloaded" ? this.overloadedInARow + 1 : 0;
    const staysOverloaded = this.overloadedInARow >= Math.min(overloadedBeforeFallback, maxRetries + 1);
    if (staysOverloaded && this.modelIndex + 1 < this.models.length) {
      // The fallback is another model, so it gets a fresh budget and no wait.
      this.modelIndex++;
      this.overloadedInARow = 0;
      this.retries = 1;
      return { attempt: 1, maxRetries, delayMs: 0, model: this.model };
    }
    if (this.retries >= maxRetries) return undefined;
    if (error.retryAfterMs !== undefined && error.retryAfterMs > LONGEST_RETRY_AFTER_MS) return undefined;
    this.retries++;
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (this.retries - 1)) * (1 + 0.25 * this.random());
    return { attempt: this.retries, maxRetries, delayMs: Math.round(error.retryAfterMs ?? backoff), model: this.model };
  }
}

/**
 * Streams `request` from `provider`, retrying what the retrier allows. Before each wait it yields a
 * RetryNotice; one with `partial` set means the events since the last `message_start` belong to
 * the failed attempt. Gives up by throwing the last ProviderError; throws an "aborted" one as soon
 * as `signal` fires, cancelling the HTTP request and any wait.
 */
export async function* resilientStream(provider: Provider, request: ModelRequest, signal: AbortSignal, retrier: Retrier): AsyncGenerator<StreamEvent | RetryNotice> {
  while (true) {
    const model = retrier.model;
    const maxTokens = Math.min(request.maxTokens, modelInfo(model).maxOutput);
    let partial = false;
    try {
      for await (const event of attempt(provider, { ...request, model, maxTokens }, signal, retrier.options.timeoutMs)) {
        partial = true;
        yield event;
      }
      retrier.succeeded();
      return;
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const plan = error.kind === "aborted" ? undefined : retrier.next(error);
      if (!plan) throw error;
      yield { type: "retry", ...plan, error, failedModel: model, partial };
      await sleep(plan.delayMs, signal);
    }
  }
}

/**
 * One attempt. The provider gets its own signal, aborted when the caller's fires or when no event
 * arrives within `timeoutMs` of asking for one; the attempt fails then without waiting for the
 * provider to notice. A stream must end with `message_stop`: anything shorter was cut.
 */
async function* attempt(provider: Provider, request: ModelRequest, signal: AbortSignal, timeoutMs: number): AsyncGenerator<StreamEvent> {
  if (signal.aborted) throw abortedError();
  const controller = new AbortController();
  const where = provider.endpoint ?? provider.name;
  let failed: ProviderError | undefined;
  let rejectWait: ((error: ProviderError) => void) | undefined;
  const fail = (error: ProviderError) => {
    failed ??= error;
    controller.abort();
    rejectWait?.(failed);
  };
  const onAbort = () => fail(abortedError());
  signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => rejectWait && fail(new ProviderError("timeout", `no answer from ${where} within ${seconds(timeoutMs)} (API_TIMEOUT_MS)`)), timeoutMs);
  const iterator = provider.stream(request, controller.signal)[Symbol.asyncIterator]();
  let complete = false;
  try {
    while (!failed) {
      timer.refresh();
      const next = await new Promise<IteratorResult<StreamEvent>>((resolve, reject) => {
        rejectWait = reject;
        iterator.next().then(resolve, reject);
      }).catch((error: unknown) => {
        throw failed ?? error;
      });
      rejectWait = undefined;
      if (next.done) break;
      const event = next.value;
      if (event.type === "error") throw new ProviderError(streamErrorKind(event.error.type, event.error.message), event.error.message);
      if (event.type === "message_stop") complete = true;
      yield event;
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
    if (!complete) {
      controller.abort();
      iterator.return?.()?.catch(() => {});
    }
  }
  if (failed) throw failed;
  if (!complete) throw new ProviderError("connection", `the connection to ${where} closed before the response was complete`);
}

const seconds = (ms: number) => (ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`);

/** Waits `ms`, or rejects with an "aborted" ProviderError the moment `signal` fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return wait(ms, undefined, { signal }).catch(() => {
    throw abortedError();
  });
}
