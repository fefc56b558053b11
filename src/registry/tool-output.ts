// What a tool's run() may return, checked before it joins the conversation: a user's module that
// returns a number or a stray object would otherwise crash the run, or put a block in the history
// that the API refuses on every later request.

import * as v from "valibot";
import type { ToolContent, ToolOutput } from "./define.ts";

const Source = v.looseObject({ type: v.string() });
const Block = v.variant("type", [
  v.looseObject({ type: v.literal("text"), text: v.string() }),
  v.looseObject({ type: v.literal("image"), source: Source }),
  v.looseObject({ type: v.literal("document"), source: Source }),
]);
const Content = v.union([v.string(), v.array(Block)]);
const Output = v.union([Content, v.looseObject({ content: Content, isError: v.optional(v.boolean()), attach: v.optional(v.array(Block)) })]);

const shown = (value: unknown) => (value === undefined ? "undefined" : (JSON.stringify(value)?.slice(0, 80) ?? String(value)));

/** `output` as a tool result, or an Error naming the tool and what it returned. */
export function checkToolOutput(tool: string, output: unknown): ToolContent | ToolOutput {
  const checked = v.safeParse(Output, output);
  if (checked.success) return output as ToolContent | ToolOutput;
  throw new Error(`tool ${tool} returned ${shown(output)}; run() must return a string, an array of text/image/document blocks, or { content, isError? } (fix the tool's module)`);
}
