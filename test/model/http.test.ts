import { afterEach, expect, test } from "bun:test";
import type { Socket } from "bun";
import { AnthropicProvider } from "../../src/model/anthropic.ts";
import type { StreamEvent } from "../../src/model/messages.ts";
import { OpenAIProvider } from "../../src/model/openai.ts";
import { type ModelRequest, type Provider, ProviderError } from "../../src/model/provider.ts";
import { Retrier, resilientStream } from "../../src/model/retry.ts";
import type { Dialect } from "../support/scripted-server.ts";

// The real providers over real HTTP: cancellation and broken connections.

const request: ModelRequest = { model: "m", system: [], messages: [{ role: "user", content: "hi" }], tools: [], maxTokens: 100 };
const providerFor = (dialect: Dialect, url: string): Provider =>
  dialect === "anthropic" ? new AnthropicProvider({ apiKey: "k", baseURL: url }) : new OpenAIProvider({ name: "openai", baseURL: `${url}/v1`, apiKey: "k", keyHint: "check OPENAI_API_KEY", defaultModel: "m" });

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const stop of cleanup) stop();
  cleanup = [];
});

for (const dialect of ["anthropic", "openai"] as const) {
  test(`${dialect}: abort cancels the HTTP request at once`, async () => {
    const arrived = Promise.withResolvers<Request>();
    const closed = Promise.withResolvers<void>();
    // A server that never answers, watching its side: the request signal fires when the client goes.
    const watch = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      idleTimeout: 0,
      fetch(req) {
        req.signal.addEventListener("abort", () => closed.resolve(), { once: true });
        arrived.resolve(req);
        return new Promise<Response>(() => {});
      },
    });
    cleanup.push(() => watch.stop(true));
    const controller = new AbortController();
    const run = (async () => {
      try {
        for await (const _ of resilientStream(providerFor(dialect, `http://127.0.0.1:${watch.port}`), request, controller.signal, new Retrier("m"))) {
        }
      } catch (error) {
        return error as ProviderError;
      }
    })();
    await arrived.promise;
    controller.abort();
    expect((await run)?.kind).toBe("aborted");
    await closed.promise;
  });

  test(`${dialect}: a connection reset mid-response is a retryable connection error`, async () => {
    const frame =
      dialect === "anthropic"
        ? `event: message_start\ndata: ${JSON.stringify({ type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], usage: { input_tokens: 1, output_tokens: 1 } } })}\n\n`
        : `data: ${JSON.stringify({ id: "c", model: "m", choices: [{ index: 0, delta: { content: "Hel" }, finish_reason: null }] })}\n\n`;
    // A raw socket, to send part of a chunked body and then drop the connection.
    let connection: Socket | undefined;
    const listener = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        data(socket: Socket) {
          const body = frame;
          socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n`);
          socket.flush();
          connection = socket;
        },
      },
    });
    cleanup.push(() => listener.stop(true));
    const events: StreamEvent[] = [];
    let failure: unknown;
    try {
      for await (const event of providerFor(dialect, `http://127.0.0.1:${listener.port}`).stream(request, new AbortController().signal)) {
        events.push(event);
        // Reset before the chunked body's last chunk, once the first frame has been read (a reset
        // that comes first may discard the frame, unread, on a loaded machine).
        connection?.terminate();
      }
    } catch (error) {
      failure = error;
    }
    expect(events[0]?.type).toBe("message_start");
    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).retryable).toBe(true);
    expect((failure as ProviderError).message).toContain("broke mid-response");
  });
}
