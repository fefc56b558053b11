// Structured output: the answer must fit a JSON Schema, and arrives parsed as `structured_output`.
import { query } from "nanocode";

const schema = {
  type: "object",
  properties: {
    language: { type: "string" },
    test_command: { type: "string" },
    todo_count: { type: "integer" },
  },
  required: ["language", "test_command", "todo_count"],
};

for await (const message of query({
  prompt: "What language is this project in, how are its tests run, and how many TODO comments does it have?",
  options: { outputFormat: { type: "json_schema", schema }, maxTurns: 12 },
})) {
  if (message.type === "result") {
    if (message.is_error) throw new Error(`no structured answer: ${message.errors?.join("; ")}`);
    console.log(message.structured_output);
  }
}
