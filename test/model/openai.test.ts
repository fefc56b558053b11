import { describe, expect, test } from "bun:test";
import { ResponseAccumulator } from "../../src/agent/accumulate.ts";
import type { StreamEvent } from "../../src/model/messages.ts";
import { toChatRequest } from "../../src/model/openai-request.ts";
import { type ChatChunk, ChunkTranslator } from "../../src/model/openai-stream.ts";
import type { ModelRequest } from "../../src/model/provider.ts";
import { readServerSentEvents } from "../../src/model/sse.ts";

const png = { type: "image" as const, source: { type: "base64" as const, media_type: "image/png", data: "iVBOR" } };
const plain = { caching: false, images: true, maxTokensField: "max_tokens" as const };

describe("requests", () => {
  const request: ModelRequest = {
    model: "qwen2.5-coder",
    maxTokens: 4096,
    system: [
      { type: "text", text: "static", cache_control: { type: "ephemeral" } },
      { type: "text", text: "dynamic" },
    ],
    tools: [{ name: "Read", description: "Reads", input_schema: { type: "object", properties: { file_path: { type: "string" } } } }],
    messages: [
      { role: "user", content: "look" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "hmm", signature: "sig" },
          { type: "text", text: "Reading both." },
          { type: "tool_use", id: "t1", name: "Read", input: { file_path: "a.png" } },
          { type: "tool_use", id: "t2", name: "Read", input: { file_path: "b.txt" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: [png] },
          { type: "tool_result", tool_use_id: "t2", content: "no such file", is_error: true },
          { type: "text", text: "and?" },
        ],
      },
    ],
  };

  test("translate messages, tool calls, tool results and images", () => {
    const body = toChatRequest(request, plain);
    expect(body).toMatchObject({ model: "qwen2.5-coder", stream: true, stream_options: { include_usage: true }, max_tokens: 4096 });
    expect(body.tools).toEqual([{ type: "function", function: { name: "Read", description: "Reads", parameters: request.tools[0]!.input_schema } }]);
    expect(body.messages).toEqual([
      { role: "system", content: "static\n\ndynamic" },
      { role: "user", content: "look" },
      {
        role: "assistant",
        content: "Reading both.",
        tool_calls: [
          { id: "t1", type: "function", function: { name: "Read", arguments: '{"file_path":"a.png"}' } },
          { id: "t2", type: "function", function: { name: "Read", arguments: '{"file_path":"b.txt"}' } },
        ],
      },
      { role: "tool", tool_call_id: "t1", content: "(1 image, attached below)" },
      { role: "tool", tool_call_id: "t2", content: "Error: no such file" },
      {
        role: "user",
        content: [
          { type: "text", text: "The image returned by tool call t1:" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBOR" } },
          { type: "text", text: "and?" },
        ],
      },
    ]);
  });

  test("a model without images gets a line of text instead; cache marks go only where understood", () => {
    const body = toChatRequest(request, { caching: true, images: false, maxTokensField: "max_completion_tokens" });
    expect(body.max_completion_tokens).toBe(4096);
    expect(body.messages[0]).toEqual({
      role: "system",
      content: [
        { type: "text", text: "static", cache_control: { type: "ephemeral" } },
        { type: "text", text: "dynamic" },
      ],
    });
    expect(body.messages[3]).toEqual({ role: "tool", tool_call_id: "t1", content: "[an image was attached here, but this model cannot read images]" });
    expect(JSON.stringify(body.messages)).not.toContain("image_url");
    expect(JSON.stringify(toChatRequest(request, plain))).not.toContain("cache_control");
  });
});

/** Feeds chunks through the translator and the loop's accumulator: the message the agent would see. */
function assemble(chunks: ChatChunk[], sawDone = true) {
  const translator = new ChunkTranslator({ model: "m", inputTokensEstimate: 42 });
  const events: StreamEvent[] = [...chunks.flatMap((c) => [...translator.push(c)]), ...translator.end(sawDone)];
  const acc = new ResponseAccumulator();
  const completed = events.map((e) => acc.push(e)).filter(Boolean);
  return { events, message: acc.message(), acc, completed };
}

const delta = (d: NonNullable<NonNullable<ChatChunk["choices"]>[number]["delta"]>, finish_reason: string | null = null): ChatChunk => ({ id: "c1", model: "m", choices: [{ index: 0, delta: d, finish_reason }] });

describe("stream chunks", () => {
  test("parallel tool calls with arguments split across (even interleaved) chunks are assembled by index", () => {
    const { message, acc, completed } = assemble([
      delta({ role: "assistant", content: "" } as never),
      delta({ reasoning_content: "Two files" }),
      delta({ reasoning_content: " to read." }),
      delta({ content: "Reading." }),
      delta({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "Read", arguments: "" } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"file_' } }] }),
      delta({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "Glob", arguments: '{"pat' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: 'path":"a.ts"}' } }] }),
      delta({ tool_calls: [{ index: 1, function: { arguments: 'tern":"*.ts"}' } }] }),
      delta({}, "tool_calls"),
      { id: "c1", choices: [], usage: { prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 60 } } },
    ]);
    expect(message.content).toEqual([
      { type: "thinking", thinking: "Two files to read.", signature: "" },
      { type: "text", text: "Reading." },
      { type: "tool_use", id: "call_a", name: "Read", input: { file_path: "a.ts" } },
      { type: "tool_use", id: "call_b", name: "Glob", input: { pattern: "*.ts" } },
    ]);
    expect(completed.every((c) => !c!.jsonError)).toBe(true);
    expect(acc.stopReason).toBe("tool_use");
    expect(acc.usage).toEqual({ input_tokens: 40, output_tokens: 20, cache_read_input_tokens: 60, cache_creation_input_tokens: 0 });
  });

  test("without a usage chunk, usage is estimated; 'stop' with tool calls still means tool_use", () => {
    const { acc, message } = assemble([delta({ tool_calls: [{ index: 0, id: "x", function: { name: "Bash", arguments: '{"command":"ls"}' } }] }), delta({}, "stop")]);
    expect(acc.stopReason).toBe("tool_use");
    expect(acc.usage.input_tokens).toBe(42);
    expect(acc.usage.output_tokens).toBeGreaterThan(0);
    expect(message.content).toEqual([{ type: "tool_use", id: "x", name: "Bash", input: { command: "ls" } }]);
  });

  test("servers that send whole calls without an index, or repeat the name, still give whole calls", () => {
    const { message } = assemble([
      delta({ tool_calls: [{ id: "p", function: { name: "Read", arguments: '{"file_path":"x"}' } }, { id: "q", function: { name: "Read", arguments: '{"file_path":"y"}' } }] }),
      delta({ tool_calls: [{ index: 2, id: "r", function: { name: "Glob", arguments: '{"pattern"' } }] }),
      delta({ tool_calls: [{ index: 2, function: { name: "Glob", arguments: ':"*"}' } }] }),
      delta({}, "tool_calls"),
    ]);
    expect(message.content.map((b) => (b.type === "tool_use" ? [b.id, b.name, b.input] : b.type))).toEqual([
      ["p", "Read", { file_path: "x" }],
      ["q", "Read", { file_path: "y" }],
      ["r", "Glob", { pattern: "*" }],
    ]);
  });

  test("a stream that stops with neither a finish reason nor [DONE] gets no message_stop: it was cut", () => {
    const { events } = assemble([delta({ content: "Half an ans" })], false);
    expect(events.map((e) => e.type)).toEqual(["message_start", "content_block_start", "content_block_delta"]);
    expect(assemble([delta({ content: "Short." })], true).events.at(-1)).toEqual({ type: "message_stop" });
  });
});

describe("server-sent events", () => {
  const body = (...parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
  const read = async (stream: ReadableStream<Uint8Array>) => {
    const out = [];
    for await (const e of readServerSentEvents(stream)) out.push(e);
    return out;
  };

  test("events split anywhere across chunks, CRLF line ends, comments and multi-line data", async () => {
    expect(await read(body(": keep-alive\r\n\r\nevent: ping\r", "\ndata: {}\r\n\r\ndata: a", "\ndata:b\n\ndata: [DONE]"))).toEqual([
      { event: "ping", data: "{}" },
      { event: "message", data: "a\nb" },
      { event: "message", data: "[DONE]" },
    ]);
  });

  test("multi-byte characters split between chunks survive", async () => {
    const bytes = new TextEncoder().encode("data: héllo ✓\n\n");
    const parts = [bytes.slice(0, 8), bytes.slice(8, 15), bytes.slice(15)];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(p);
        c.close();
      },
    });
    expect(await read(stream)).toEqual([{ event: "message", data: "héllo ✓" }]);
  });
});
