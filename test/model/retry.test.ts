import { describe, expect, test } from "bun:test";
import type { StreamEvent } from "../../src/model/messages.ts";
import { type ModelRequest, type Provider, ProviderError, retryAfterMs } from "../../src/model/provider.ts";
import { Retrier, type RetryNotice, resilientStream } from "../../src/model/retry.ts";
import { turnEvents } from "../../src/model/script.ts";

const request: ModelRequest = { model: "main", system: [], messages: [{ role: "user", content: "hi" }], tools: [], maxTokens: 100 };
const answer = turnEvents([{ type: "text", text: "hello" }], { id: "msg_1", model: "main", inputTokens: 1 });
const overloaded = () => new ProviderError("overloaded", "Overloaded", 529);

/** A provider that plays one behaviour per attempt: events to stream, optionally then an error or a hang. */
function flaky(attempts: { events?: StreamEvent[]; fail?: ProviderError; hang?: boolean }[]): Provider & { models: string[]; signals: AbortSignal[]; called: Promise<void> } {
  const models: string[] = [];
  const signals: AbortSignal[] = [];
  const called = Promise.withResolvers<void>();
  return {
    name: "flaky",
    endpoint: "http://flaky.test",
    models,
    signals,
    called: called.promise,
    async *stream(req, signal) {
      const plan = attempts[models.length] ?? { events: answer };
      models.push(req.model);
      signals.push(signal);
      called.resolve();
      for (const event of plan.events ?? []) yield event;
      if (plan.fail) throw plan.fail;
      if (plan.hang) await new Promise(() => {});
    },
  };
}

async function collect(provider: Provider, retrier: Retrier, signal = new AbortController().signal, req = request) {
  const events: StreamEvent[] = [];
  const notices: RetryNotice[] = [];
  let error: unknown;
  try {
    for await (const item of resilientStream(provider, req, signal, retrier)) {
      if (item.type === "retry") notices.push(item);
      else events.push(item);
    }
  } catch (e) {
    error = e;
  }
  return { events, notices, error: error as ProviderError | undefined };
}

describe("Retrier", () => {
  test("backs off exponentially with at most 25% jitter, capped, and gives up after maxRetries", () => {
    const low = new Retrier("m", { maxRetries: 8, baseDelayMs: 500, maxDelayMs: 4000 }, () => 0);
    const high = new Retrier("m", { maxRetries: 8, baseDelayMs: 500, maxDelayMs: 4000 }, () => 0.999);
    const error = new ProviderError("server", "boom", 500);
    const delays = Array.from({ length: 5 }, () => low.next(error)!.delayMs);
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(high.next(error)!.delayMs).toBe(625);
    const short = new Retrier("m", { maxRetries: 2 });
    expect(short.next(error)?.attempt).toBe(1);
    expect(short.next(error)?.attempt).toBe(2);
    expect(short.next(error)).toBeUndefined();
  });

  test("honours retry-after exactly, and gives up when the server asks for more than 5 minutes", () => {
    const retrier = new Retrier("m", {}, () => 0.5);
    expect(retrier.next(new ProviderError("rate_limit", "slow down", 429, 7000))!.delayMs).toBe(7000);
    expect(retrier.next(new ProviderError("rate_limit", "come back tomorrow", 429, 86_400_000))).toBeUndefined();
  });

  test("never retries what cannot succeed", () => {
    const retrier = new Retrier("m");
    for (const kind of ["auth", "invalid_request", "prompt_too_long", "bad_response", "aborted"] as const) expect(retrier.next(new ProviderError(kind, "no"))).toBeUndefined();
  });

  test("switches to the next fallback model after 3 overloaded answers in a row, with a fresh budget", () => {
    const retrier = new Retrier("main", { fallbackModels: ["fb1", "fb2"], maxRetries: 5 });
    expect(retrier.next(overloaded())!.model).toBe("main");
    expect(retrier.next(overloaded())!.model).toBe("main");
    expect(retrier.next(overloaded())).toMatchObject({ model: "fb1", delayMs: 0, attempt: 1 });
    expect(retrier.model).toBe("fb1");
    // A different failure in between resets the count.
    retrier.next(overloaded());
    retrier.next(new ProviderError("server", "x", 500));
    retrier.next(overloaded());
    expect(retrier.model).toBe("fb1");
    retrier.next(overloaded());
    expect(retrier.next(overloaded())!.model).toBe("fb2");
  });

  test("with no retries allowed, one overloaded answer moves to the fallback", () => {
    const retrier = new Retrier("main", { fallbackModels: ["fb"], maxRetries: 0 });
    expect(retrier.next(overloaded())!.model).toBe("fb");
    expect(retrier.next(overloaded())).toBeUndefined();
  });
});

test("retry-after is read from retry-after-ms, seconds, or an HTTP date", () => {
  expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }))).toBe(250);
  expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
  expect(retryAfterMs(new Headers({ "retry-after": "Wed, 21 Oct 2026 07:28:10 GMT" }), Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(10_000);
  expect(retryAfterMs(new Headers({}))).toBeUndefined();
});

describe("resilientStream", () => {
  const fast = { baseDelayMs: 1, maxRetries: 3 };

  test("retries failures before the first event and then streams the answer", async () => {
    const provider = flaky([{ fail: overloaded() }, { fail: new ProviderError("connection", "cannot reach x (ECONNRESET)") }]);
    const { events, notices, error } = await collect(provider, new Retrier("main", fast));
    expect(error).toBeUndefined();
    expect(events).toEqual(answer);
    expect(notices.map((n) => [n.attempt, n.error.kind, n.partial])).toEqual([
      [1, "overloaded", false],
      [2, "connection", false],
    ]);
  });

  test("a stream cut mid-response is retried, and the notice says the partial events are void", async () => {
    const provider = flaky([{ events: answer.slice(0, 3) }]);
    const { events, notices } = await collect(provider, new Retrier("main", fast));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ partial: true, error: { kind: "connection" } });
    expect(notices[0]!.error.message).toBe("the connection to http://flaky.test closed before the response was complete");
    expect(events).toEqual([...answer.slice(0, 3), ...answer]);
  });

  test("an error event inside the stream is typed by its error type", async () => {
    const streamError: StreamEvent = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    const { notices, events } = await collect(flaky([{ events: [answer[0]!, streamError] }]), new Retrier("main", fast));
    expect(notices[0]!.error.kind).toBe("overloaded");
    expect(events.at(-1)).toEqual({ type: "message_stop" });
  });

  test("gives up with the last error once the budget is spent", async () => {
    const provider = flaky(Array.from({ length: 5 }, () => ({ fail: new ProviderError("server", "Internal error", 500) })));
    const { notices, error } = await collect(provider, new Retrier("main", { baseDelayMs: 1, maxRetries: 2 }));
    expect(notices).toHaveLength(2);
    expect(error).toMatchObject({ kind: "server", message: "Internal error" });
    expect(provider.models).toHaveLength(3);
  });

  test("a server that goes quiet times out, and its request is cancelled", async () => {
    const provider = flaky([{ events: answer.slice(0, 2), hang: true }, { hang: true }]);
    const { notices, error } = await collect(provider, new Retrier("main", { baseDelayMs: 1, maxRetries: 1, timeoutMs: 30 }));
    expect(notices[0]).toMatchObject({ partial: true, error: { kind: "timeout" } });
    expect(error?.message).toBe("no answer from http://flaky.test within 30ms (API_TIMEOUT_MS)");
    expect(provider.signals.every((s) => s.aborted)).toBe(true);
  });

  test("abort ends a hanging attempt at once and cancels its request", async () => {
    const controller = new AbortController();
    const provider = flaky([{ hang: true }]);
    const run = collect(provider, new Retrier("main"), controller.signal);
    await provider.called;
    controller.abort();
    const { error } = await run;
    expect(error?.kind).toBe("aborted");
    expect(provider.signals[0]!.aborted).toBe(true);
  });

  test("abort also ends the wait between attempts", async () => {
    const controller = new AbortController();
    const provider = flaky([{ fail: new ProviderError("rate_limit", "slow down", 429, 60_000) }]);
    const seen: RetryNotice[] = [];
    const run = (async () => {
      try {
        for await (const item of resilientStream(provider, request, controller.signal, new Retrier("main"))) {
          if (item.type === "retry") {
            seen.push(item);
            controller.abort();
          }
        }
      } catch (error) {
        return error as ProviderError;
      }
    })();
    expect((await run)?.kind).toBe("aborted");
    expect(seen[0]!.delayMs).toBe(60_000);
  });

  test("the fallback model is asked, with max tokens clamped to what it can produce", async () => {
    const provider = flaky([{ fail: overloaded() }, { fail: overloaded() }, { fail: overloaded() }]);
    const requests: number[] = [];
    const spy: Provider = { name: "spy", stream: (req, signal) => (requests.push(req.maxTokens), provider.stream(req, signal)) };
    const retrier = new Retrier("claude-sonnet-5-5", { baseDelayMs: 1, fallbackModels: ["some-local-model"] });
    const { notices, events } = await collect(spy, retrier, undefined, { ...request, maxTokens: 32_000 });
    expect(provider.models).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5", "claude-sonnet-5-5", "some-local-model"]);
    expect(notices.at(-1)).toMatchObject({ failedModel: "claude-sonnet-5-5", model: "some-local-model" });
    expect(requests).toEqual([32_000, 32_000, 32_000, 8_192]);
    expect(events).toEqual(answer);
  });
});
