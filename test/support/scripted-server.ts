// A model server for tests: Bun.serve on 127.0.0.1 with real SSE streaming, speaking the Anthropic
// Messages API or (dialect "openai") OpenAI Chat Completions. It plays a script of assistant turns,
// records every request it receives, and can misbehave on demand (see Reply).

import type { Message } from "../../src/model/messages.ts";
import { estimateTokens, fillTurn, type ScriptTurn, turnEvents } from "../../src/model/script.ts";
import { anthropicHistory, type ChatWireOptions, chatFrames } from "./openai-wire.ts";
import { PromptCache } from "./prompt-cache.ts";

export type RecordedRequest = {
  path: string;
  headers: Record<string, string>;
  /** As received: in the openai dialect `messages` are Chat Completions messages. */
  body: { model: string; system?: string | object[]; messages: Message[]; tools?: { name: string }[]; stream?: boolean; [k: string]: unknown };
  receivedAt: number;
  /** The input usage the server reported for this request (cache-aware, see prompt-cache.ts). */
  usage?: ReturnType<PromptCache["usage"]>;
};

/**
 * What the server answers a request with: a scripted turn; a raw HTTP response (429, 529, 401…);
 * a turn whose stream stops cleanly after `cutAfter` of its SSE frames ("half": half of them);
 * `hang`, which never answers; or `raw`, a 200 event stream with exactly this body.
 */
export type Reply = ScriptTurn | Response | { turn: ScriptTurn; delayMs?: number; cutAfter?: number | "half" } | { hang: true } | { raw: string };

export type ServerOptions = {
  turns?: ScriptTurn[];
  /** Picks the reply for a request; defaults to the turn numbered by the assistant messages in it. */
  reply?: (request: RecordedRequest, index: number) => Reply | Promise<Reply>;
  dialect?: Dialect;
  /** How the openai dialect streams. */
  openai?: ChatWireOptions;
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

function streamResponse(frames: string[], delays: { first?: number; each?: number }, requestNumber: number): Response {
  const stream = new ReadableStream({
    async start(controller) {
      const encoder = new TextEncoder();
      if (delays.first) await Bun.sleep(delays.first);
      for (const frame of frames) {
        if (delays.each) await Bun.sleep(delays.each);
        controller.enqueue(encoder.encode(frame));
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": `req_mock_${requestNumber}` } });
}

export function startScriptedServer(options: ServerOptions): ScriptedServer {
  const requests: RecordedRequest[] = [];
  const cache = new PromptCache(options.minCacheTokens);
  const places = { workdir: options.workdir ?? process.cwd(), home: options.home ?? process.env.HOME ?? "/" };
  const openai = options.dialect === "openai";
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || !url.pathname.endsWith(openai ? "/chat/completions" : "/v1/messages")) return new Response("not found", { status: 404 });
      const recorded: RecordedRequest = { path: url.pathname, headers: Object.fromEntries(req.headers), body: (await req.json()) as RecordedRequest["body"], receivedAt: Date.now() };
      requests.push(recorded);
      options.onRequest?.(recorded);
      const index = recorded.body.messages.filter((m) => m.role === "assistant").length;
      const reply = options.reply ? await options.reply(recorded, requests.length - 1) : options.turns?.[index];
      if (reply === undefined) return Response.json({ type: "error", error: { type: "invalid_request_error", message: `script has no turn ${index + 1}` } }, { status: 400 });
      if (reply instanceof Response) return reply;
      if ("hang" in reply) {
        await new Promise((resolve) => req.signal.addEventListener("abort", resolve, { once: true }));
        return new Response(null, { status: 499 });
      }
      if ("raw" in reply) return streamResponse([reply.raw], {}, requests.length);
      const { turn, delayMs = 0, cutAfter } = Array.isArray(reply) ? { turn: reply } : reply;
      const history = openai ? anthropicHistory(recorded.body.messages as never) : recorded.body.messages;
      const blocks = fillTurn(turn, index, history, places);
      // The cache model knows Anthropic requests; OpenAI-compatible servers here report no caching.
      recorded.usage = openai ? { input_tokens: estimateTokens(recorded.body), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } : cache.usage(recorded.body);
      const { input_tokens, cache_read_input_tokens, cache_creation_input_tokens } = recorded.usage;
      const events = turnEvents(blocks, {
        id: `msg_mock_${requests.length}`,
        model: recorded.body.model,
        inputTokens: input_tokens,
        cacheReadTokens: cache_read_input_tokens,
        cacheCreationTokens: cache_creation_input_tokens,
      });
      const includeUsage = (recorded.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const frames = openai ? chatFrames(events, { ...options.openai, includeUsage }) : [sse({ type: "ping" }), ...events.map(sse)];
      const sent = cutAfter === undefined ? frames : frames.slice(0, cutAfter === "half" ? Math.floor(frames.length / 2) : cutAfter);
      return streamResponse(sent, { first: delayMs, each: options.eventDelayMs }, requests.length);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) };
}

export type Dialect = "anthropic" | "openai";

/** The environment that points the binary at `server` in its dialect, with fast retries. */
export function envFor(dialect: Dialect, server: ScriptedServer, home: string): Record<string, string> {
  const common = { HOME: home, NANOCODE_RETRY_BASE_DELAY_MS: "1" };
  if (dialect === "anthropic") return { ...common, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  return { ...common, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: "local-coder" };
}
