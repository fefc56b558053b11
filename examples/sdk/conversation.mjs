// A conversation: each message the generator yields is one turn of the same session, with the
// earlier turns as context. Every turn ends with its own `result` message.
import { query } from "nanocode";

async function* conversation() {
  yield { type: "user", message: { role: "user", content: "Which files in this folder are the largest?" } };
  yield { type: "user", message: { role: "user", content: "Summarise the first one in one line." } };
}

for await (const message of query({ prompt: conversation(), options: { maxTurns: 8 } })) {
  if (message.type === "system" && message.subtype === "init") console.error(`session ${message.session_id}, model ${message.model}`);
  if (message.type === "result") console.log(`[turn ${message.result_index + 1}] ${message.result ?? message.errors?.join("; ")}`);
}
