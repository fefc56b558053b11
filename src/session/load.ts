import * as v from "valibot";
import { asBlocks, type Message, type ToolResultBlock, type UserMessage } from "../model/messages.ts";
import { SessionCost } from "./cost.ts";
import type { RecordedEvent, SessionHeader, SessionLine } from "./store.ts";

export type LoadedSession = {
  header?: SessionHeader;
  /** The conversation as the model will see it next: from the last compaction on, repaired. */
  messages: Message[];
  cost: SessionCost;
  /** Results for tool calls a crash left without one; the store appends them on the next write. */
  repairs: RecordedEvent[];
  /** The file's readable event lines, verbatim (a fork copies them). */
  lines: string[];
  /** One line each, for the user: a cut last line, unreadable lines, repaired calls. */
  problems: string[];
  /** Whole lines that are no session line (a cut last line is not counted). */
  unreadable: number;
};

const INTERRUPTED_BY_EXIT = "The session ended (nanocode was stopped) before this tool call finished; it may or may not have taken effect.";

/** Reads a session file written by SessionStore. Damage costs only the damaged lines, never the session. */
export async function loadSession(path: string): Promise<LoadedSession> {
  const text = await Bun.file(path).text();
  const loaded: LoadedSession = { messages: [], cost: new SessionCost(), repairs: [], lines: [], problems: [], unreadable: 0 };
  const lines = text.split("\n");
  const cut = lines.pop() ?? "";
  for (const line of lines) {
    if (line === "") continue;
    const entry = parseLine(line);
    if (!entry) {
      loaded.unreadable++;
      continue;
    }
    apply(loaded, entry);
    if (entry.type !== "session") loaded.lines.push(line);
  }
  if (cut.trim() !== "") {
    // A line without its newline was being written when the process died: it may still parse,
    // but it is not known to be whole, so it is dropped (the store truncates it on the next write).
    loaded.problems.push(`${path}: skipped the last line, cut short when the session was interrupted or the disk was full (${cut.length} bytes)`);
  }
  if (loaded.unreadable) loaded.problems.push(`${path}: skipped ${loaded.unreadable} unreadable line${loaded.unreadable > 1 ? "s" : ""}`);
  const paired = pairToolCalls(loaded.messages);
  if (paired.fixed) {
    loaded.messages = paired.messages;
    loaded.problems.push(`${path}: ${paired.fixed} tool call${paired.fixed > 1 ? "s" : ""} lost ${paired.fixed > 1 ? "their" : "its"} result or call with the skipped lines; paired up again`);
  }
  const repaired = completeToolCalls(loaded.messages);
  if (repaired) {
    loaded.messages.push(repaired);
    loaded.repairs.push({ type: "user", message: repaired });
    loaded.problems.push(`${path}: ${repaired.content.length} tool call${repaired.content.length > 1 ? "s" : ""} had no result (the session was stopped mid-call); marked as interrupted`);
  }
  return loaded;
}

// The shape of each line, as far as loading relies on it: a line edited by hand or written by
// something else counts as unreadable rather than crashing the resume.
const Usage = v.looseObject({ input_tokens: v.optional(v.number()), output_tokens: v.optional(v.number()), cache_creation_input_tokens: v.optional(v.number()), cache_read_input_tokens: v.optional(v.number()) });
// Blocks as the API checks them: a call with no id or an input that is no object would be refused
// on every later request.
const Block = v.variant("type", [
  v.looseObject({ type: v.literal("text"), text: v.string() }),
  v.looseObject({ type: v.literal("tool_use"), id: v.string(), name: v.string(), input: v.record(v.string(), v.unknown()) }),
  v.looseObject({ type: v.literal("tool_result"), tool_use_id: v.string() }),
  v.looseObject({ type: v.picklist(["image", "document", "thinking", "redacted_thinking"]) }),
]);
const User = v.looseObject({ role: v.literal("user"), content: v.union([v.string(), v.array(Block)]) });
const Assistant = v.looseObject({ role: v.literal("assistant"), content: v.array(Block) });
const Line = v.variant("type", [
  v.looseObject({ type: v.literal("session"), sessionId: v.string() }),
  v.looseObject({ type: v.literal("user"), message: User }),
  v.looseObject({ type: v.literal("assistant"), message: Assistant, model: v.string(), usage: Usage }),
  v.looseObject({ type: v.literal("compact"), messages: v.array(v.variant("role", [User, Assistant])), model: v.string(), usage: Usage }),
  v.looseObject({ type: v.literal("usage"), model: v.string(), usage: Usage }),
  v.looseObject({ type: v.literal("done"), outcome: v.looseObject({ modelUsage: v.record(v.string(), Usage), durationApiMs: v.number() }) }),
]);

/** One line as a SessionLine, or undefined when it is not JSON or not a line loading understands. */
function parseLine(line: string): SessionLine | undefined {
  try {
    const json: unknown = JSON.parse(line);
    return v.is(Line, json) ? (json as SessionLine) : undefined;
  } catch {
    return undefined;
  }
}

function apply(loaded: LoadedSession, entry: SessionLine): void {
  switch (entry.type) {
    case "session":
      loaded.header = entry;
      return;
    case "user":
    case "assistant":
      loaded.messages.push(entry.message);
      break;
    case "compact":
      loaded.messages = [...entry.messages];
      break;
  }
  if (entry.type !== "user") loaded.cost.observe(entry);
}

const LOST_WITH_A_LINE = "The result of this tool call was lost with a damaged line of the session file; it may or may not have taken effect.";

/**
 * The API takes a tool_result only right after the message with its tool_use, and a tool_use only
 * with its result in the next message. Skipped lines can break that in the middle of a session:
 * results whose call was lost are dropped, calls whose results were lost are answered as lost.
 * The last message is left to completeToolCalls. Returns the history and how many were fixed.
 */
function pairToolCalls(messages: Message[]): { messages: Message[]; fixed: number } {
  const out: Message[] = [];
  let fixed = 0;
  const lost = (id: string): ToolResultBlock => ({ type: "tool_result", tool_use_id: id, content: `<tool_use_error>${LOST_WITH_A_LINE}</tool_use_error>`, is_error: true });
  for (const message of messages) {
    const previous = out.at(-1);
    const calls = previous?.role === "assistant" ? previous.content.flatMap((b) => (b.type === "tool_use" ? [b.id] : [])) : [];
    if (message.role === "assistant") {
      if (calls.length) out.push({ role: "user", content: calls.map(lost) });
      fixed += calls.length;
      out.push(message);
      continue;
    }
    const blocks = asBlocks(message.content);
    const answered = new Set(blocks.flatMap((b) => (b.type === "tool_result" ? [b.tool_use_id] : [])));
    const kept = blocks.filter((b) => b.type !== "tool_result" || calls.includes(b.tool_use_id));
    const missing = calls.filter((id) => !answered.has(id));
    fixed += blocks.length - kept.length + missing.length;
    if (kept.length === blocks.length && missing.length === 0) out.push(message);
    else if (kept.length + missing.length > 0) out.push({ role: "user", content: [...missing.map(lost), ...kept] });
  }
  return { messages: out, fixed };
}

/**
 * The API refuses a tool_use without its tool_result. A crash between a call and its result
 * leaves one at the end of the file: answer it as interrupted. (Earlier gaps cannot occur: the
 * loop writes every call's result before the next request.)
 */
function completeToolCalls(messages: Message[]): (UserMessage & { content: ToolResultBlock[] }) | undefined {
  const last = messages.at(-1);
  if (last?.role !== "assistant") return undefined;
  const calls = last.content.filter((b) => b.type === "tool_use");
  if (calls.length === 0) return undefined;
  return {
    role: "user",
    content: calls.map((call) => ({ type: "tool_result", tool_use_id: call.id, content: `<tool_use_error>${INTERRUPTED_BY_EXIT}</tool_use_error>`, is_error: true })),
  };
}
