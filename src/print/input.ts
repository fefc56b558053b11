import * as v from "valibot";
import type { UserMessage } from "../model/messages.ts";

// `--input-format stream-json`: one JSON object per stdin line, as Claude Code reads them.
const UserLine = v.object({
  type: v.literal("user"),
  /** The Agent SDK's id for the message: a file checkpoint is named by it (rewind_files). */
  uuid: v.optional(v.string()),
  message: v.object({
    role: v.literal("user"),
    content: v.union([v.string(), v.array(v.looseObject({ type: v.string() }))], "content must be a string or an array of content blocks"),
  }),
});
const ControlRequest = v.object({
  type: v.literal("control_request"),
  request_id: v.string(),
  request: v.looseObject({ subtype: v.string() }),
});

export type InputItem =
  | { kind: "user"; message: UserMessage; uuid?: string }
  | { kind: "control"; requestId: string; subtype: string; request: Record<string, unknown> }
  /** `lost`: the line was meant as a message or a request (not JSON, or a broken one), not a type we do not know. */
  | { kind: "invalid"; error: string; lost: boolean };

/** Reads one input line; a bad line is reported, never fatal. */
export function parseInputLine(line: string): InputItem | undefined {
  if (line.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "invalid", error: `stdin line is not JSON: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`, lost: true };
  }
  const type = (json as { type?: unknown })?.type;
  if (type === "control_request") {
    const parsed = v.safeParse(ControlRequest, json);
    if (parsed.success) return { kind: "control", requestId: parsed.output.request_id, subtype: parsed.output.request.subtype, request: parsed.output.request };
    return { kind: "invalid", error: `control_request: ${v.getDotPath(parsed.issues[0]) ?? ""} ${parsed.issues[0].message}`, lost: true };
  }
  const parsed = v.safeParse(UserLine, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return {
      kind: "invalid",
      error: `stdin line ignored: ${v.getDotPath(issue) ?? "type"}: ${issue.message} (expected {"type":"user","message":{"role":"user","content":"..."}})`,
      lost: type === "user" || type === undefined,
    };
  }
  const { message, uuid } = parsed.output;
  return { kind: "user", message: message as UserMessage, ...(uuid ? { uuid } : {}) };
}

/** Splits a byte stream into lines and parses each as it arrives. */
export async function* readInput(stream: ReadableStream<Uint8Array>): AsyncGenerator<InputItem> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const item = parseInputLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      if (item) yield item;
      newline = buffer.indexOf("\n");
    }
  }
  const last = parseInputLine(buffer + decoder.decode());
  if (last) yield last;
}

/**
 * The first item read ahead of the rest (the Agent SDK's `initialize` comes first and shapes the
 * session, so it is read before the session is made), and every item, that one included.
 */
export async function readAhead(stream: ReadableStream<Uint8Array>): Promise<{ first?: InputItem; items: AsyncIterable<InputItem> }> {
  const rest = readInput(stream);
  const first = await rest.next();
  async function* items() {
    if (!first.done) yield first.value;
    yield* rest;
  }
  return { first: first.done ? undefined : first.value, items: items() };
}
