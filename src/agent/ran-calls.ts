import { isDeepStrictEqual } from "node:util";
import type { ToolResultBlock, ToolUseBlock } from "../model/messages.ts";

export type RanCall = { name: string; input: unknown; result: ToolResultBlock };

/**
 * Calls that ran in a response cut by a stream error. The retried response often asks for them
 * again (a model, or a server replaying the turn, does not know they ran): an identical call there
 * takes the earlier result instead of running twice (`echo x >> counter` must append one line).
 */
export class RanCalls {
  private calls: RanCall[] = [];

  add(calls: RanCall[]): void {
    this.calls.push(...calls);
  }

  clear(): void {
    this.calls = [];
  }

  /** The earlier result of a call with the same name and input, re-addressed to `block`; each is taken once. */
  take(block: ToolUseBlock): ToolResultBlock | undefined {
    const i = this.calls.findIndex((call) => call.name === block.name && isDeepStrictEqual(call.input, block.input));
    if (i < 0) return undefined;
    const [call] = this.calls.splice(i, 1);
    return { ...call!.result, tool_use_id: block.id };
  }
}
