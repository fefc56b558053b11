// A model server for tests: Bun.serve on 127.0.0.1 speaking the Anthropic Messages API with real
// SSE streaming. It plays a script of assistant turns and records every request it receives.

import type { Message } from "../../src/model/messages.ts";
import { PromptCache } from "./prompt-cache.ts";
import { fillTurn, type ScriptTurn, turnEvents } from "../../src/model/script.ts";

export type RecordedRequest = {
  path: string;
  headers: Record<string, string>;
  body: { model: string; system?: string | object[]; messages: Message[]; tools?: { name: string }[]; stream?: boolean; [k: string]: unknown };
  receivedAt: number;
  /** The input usage the server reported for this request (cache-aware, see prompt-cache.ts). */
  usage?: ReturnType<PromptCache["usage"]>;
};

/** What the server answers a request with: a scripted turn, or a raw HTTP response (errors, faults). */
export type Reply = ScriptTurn | Response | { turn: ScriptTurn; delayMs?: number };

export type ServerOptions = {
  turns?: ScriptTurn[];
  /** Picks the reply for a request; defaults to the turn numbered by the assistant messages in it. */
  reply?: (request: RecordedRequest, index: number) => Reply | Promise<Reply>;
  workdir?: string;
  home?: string;
  /** Delay before each SSE event, to simulate a model that takes time. */
  eventDelayMs?: number;
  /** Prefixes shorter than this many tokens are not cached (default 1024, as the API for Sonnet). */
  minCacheTokens?: number;
  /** Called as each request arrives, before it is answered. */
  onRequest?: (request: RecordedRequest) => void;
};

export type ScriptedServer = {
  url: string;
  requests: RecordedRequest[];
  stop(): void;
};

const sse = (event: { type: string }) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export function startScriptedServer(options: ServerOptions): ScriptedServer {
  const requests: RecordedRequest[] = [];
  const cache = new PromptCache(options.minCacheTokens);
  const places = { workdir: options.workdir ?? process.cwd(), home: options.home ?? process.env.HOME ?? "/" };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || !url.pathname.endsWith("/v1/messages")) return new Response("not found", { status: 404 });
      const recorded: RecordedRequest = { path: url.pathname, headers: Object.fromEntries(req.headers), body: (await req.json()) as RecordedRequest["body"], receivedAt: Date.now() };
      requests.push(recorded);
      options.onRequest?.(recorded);
      const index = recorded.body.messages.filter((m) => m.role === "assistant").length;
      const reply = options.reply ? await options.reply(recorded, requests.length - 1) : options.turns?.[index];
      if (reply === undefined) return Response.json({ type: "error", error: { type: "invalid_request_error", message: `script has no turn ${index + 1}` } }, { status: 400 });
      if (reply instanceof Response) return reply;
      const { turn, delayMs = 0 } = Array.isArray(reply) ? { turn: reply } : reply;
      const blocks = fillTurn(turn, index, recorded.body.messages, places);
      recorded.usage = cache.usage(recorded.body);
      const { input_tokens, cache_read_input_tokens, cache_creation_input_tokens } = recorded.usage;
      const events = turnEvents(blocks, {
        id: `msg_mock_${requests.length}`,
        model: recorded.body.model,
        inputTokens: input_tokens,
        cacheReadTokens: cache_read_input_tokens,
        cacheCreationTokens: cache_creation_input_tokens,
      });
      const stream = new ReadableStream({
        async start(controller) {
          const encode = (s: string) => controller.enqueue(new TextEncoder().encode(s));
          if (delayMs) await Bun.sleep(delayMs);
          encode(sse({ type: "ping" }));
          for (const event of events) {
            if (options.eventDelayMs) await Bun.sleep(options.eventDelayMs);
            encode(sse(event));
          }
          controller.close();
        },
      });
      return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": `req_mock_${requests.length}` } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) };
}
