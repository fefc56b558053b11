import {
  type AssistantBlock,
  type AssistantMessage,
  emptyUsage,
  type StopReason,
  type StreamEvent,
  type ToolUseBlock,
  type Usage,
} from "../model/messages.ts";

export type CompletedBlock = { block: AssistantBlock; jsonError?: string };

/** Assembles a streamed response into a message, handing out each block the moment it completes. */
export class ResponseAccumulator {
  id = "";
  model = "";
  usage: Usage = emptyUsage();
  stopReason: StopReason | null = null;
  private readonly open = new Map<number, { block: AssistantBlock; json: string }>();
  private readonly done: AssistantBlock[] = [];

  /** Feeds one event; returns the block this event completed, if any. */
  push(event: StreamEvent): CompletedBlock | undefined {
    switch (event.type) {
      case "message_start":
        this.id = event.message.id;
        this.model = event.message.model;
        this.usage = { ...emptyUsage(), ...event.message.usage };
        return undefined;
      case "content_block_start":
        this.open.set(event.index, { block: structuredClone(event.content_block), json: "" });
        return undefined;
      case "content_block_delta": {
        const entry = this.open.get(event.index);
        if (!entry) return undefined;
        const { block } = entry;
        const d = event.delta;
        if (d.type === "text_delta" && block.type === "text") block.text += d.text;
        else if (d.type === "input_json_delta") entry.json += d.partial_json;
        else if (d.type === "thinking_delta" && block.type === "thinking") block.thinking += d.thinking;
        else if (d.type === "signature_delta" && block.type === "thinking") block.signature = (block.signature ?? "") + d.signature;
        return undefined;
      }
      case "content_block_stop": {
        const entry = this.open.get(event.index);
        if (!entry) return undefined;
        this.open.delete(event.index);
        const completed: CompletedBlock = { block: entry.block };
        if (entry.block.type === "tool_use") completed.jsonError = parseInput(entry.block, entry.json);
        this.done.push(entry.block);
        return completed;
      }
      case "message_delta":
        this.stopReason = event.delta.stop_reason;
        for (const [key, value] of Object.entries(event.usage ?? {})) {
          if (typeof value === "number" && key in this.usage) this.usage[key as keyof Usage] = value;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** The response so far: completed blocks only, so a cut stream still yields a valid message. */
  message(): AssistantMessage {
    return { role: "assistant", content: [...this.done] };
  }
}

/**
 * Sets the tool_use input from its streamed JSON; returns the problem, if any. The input kept in
 * the conversation is always an object: the API refuses any other tool_use input in the history,
 * so one bad call would fail every later request of the session.
 */
function parseInput(block: ToolUseBlock, json: string): string | undefined {
  if (json.trim() === "") {
    block.input ??= {};
    return undefined;
  }
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    block.input = {};
    return `the tool input was not valid JSON (${(error as Error).message})`;
  }
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  block.input = isObject ? input : {};
  return isObject ? undefined : `the tool input was ${Array.isArray(input) ? "an array" : input === null ? "null" : `a ${typeof input}`}, not a JSON object`;
}
