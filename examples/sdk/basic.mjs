// Ask nanocode one question about the current folder and print the answer.
//   npm i nanocode && node basic.mjs "what does this project do?"
// Works the same with Bun: bun basic.mjs "…"
import { query } from "nanocode";

const prompt = process.argv[2] ?? "What does this project do? Answer in two sentences.";

for await (const message of query({ prompt, options: { maxTurns: 10 } })) {
  if (message.type === "assistant") {
    for (const block of message.message.content) if (block.type === "tool_use") console.error(`→ ${block.name} ${JSON.stringify(block.input)}`);
  } else if (message.type === "result") {
    console.log(message.is_error ? `failed (${message.subtype}): ${message.errors?.join("; ")}` : message.result);
    console.error(`${message.num_turns} turns, $${message.total_cost_usd.toFixed(4)}`);
    process.exitCode = message.is_error ? 1 : 0;
  }
}
