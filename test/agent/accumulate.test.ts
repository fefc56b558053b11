import { expect, test } from "bun:test";
import { ResponseAccumulator } from "../../src/agent/accumulate.ts";
import type { StreamEvent } from "../../src/model/messages.ts";

/** The completed tool_use block and its problem, for `json` streamed as a Read call's input. */
function toolCall(json: string) {
  const accumulator = new ResponseAccumulator();
  const events = [
    { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "Read", input: {} } },
    { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: json } },
    { type: "content_block_stop", index: 0 },
  ] as StreamEvent[];
  return events.map((event) => accumulator.push(event)).at(-1)!;
}

test("a tool input that is not a JSON object is an error, and the call keeps an object input the API accepts in the history", () => {
  expect(toolCall('{"file_path": "/a"}')).toEqual({ block: { type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "/a" } }, jsonError: undefined });
  for (const [json, problem] of [
    ['"abc"', "the tool input was a string, not a JSON object"],
    ["[1, 2]", "the tool input was an array, not a JSON object"],
    ["null", "the tool input was null, not a JSON object"],
    ['{"file_pa', "the tool input was not valid JSON (JSON Parse error: Unterminated string)"],
  ]) {
    const { block, jsonError } = toolCall(json!);
    expect([block.type === "tool_use" && block.input, jsonError]).toEqual([{}, problem]);
  }
});
