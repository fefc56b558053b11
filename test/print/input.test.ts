import { expect, test } from "bun:test";
import { parseInputLine, readInput } from "../../src/print/input.ts";

test("user lines, control requests and bad lines", () => {
  expect(parseInputLine('{"type":"user","message":{"role":"user","content":"hi"}}')).toEqual({ kind: "user", message: { role: "user", content: "hi" } });
  expect(parseInputLine('{"type":"control_request","request_id":"1","request":{"subtype":"interrupt"}}')).toEqual({ kind: "control", requestId: "1", subtype: "interrupt", request: { subtype: "interrupt" } });
  expect(parseInputLine("   ")).toBeUndefined();
  expect(parseInputLine("{oops")).toMatchObject({ kind: "invalid" });
  expect(parseInputLine('{"type":"user","message":{"role":"assistant","content":"x"}}')).toMatchObject({ kind: "invalid", error: expect.stringContaining("message.role") });
});

test("lines split across chunks, and a last line without a newline", async () => {
  const text = '{"type":"user","message":{"role":"user","content":"one"}}\n{"type":"user","message":{"role":"user","content":"two"}}';
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
      c.close();
    },
  });
  const items = [];
  for await (const item of readInput(stream)) items.push(item);
  expect(items.map((i) => (i.kind === "user" ? i.message.content : i.kind))).toEqual(["one", "two"]);
});
