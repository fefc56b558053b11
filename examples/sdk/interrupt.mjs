// Stopping a run: interrupt() ends the running turn (its result still arrives, marked aborted);
// an AbortController passed as `abortController` ends the whole process the same way.
import { query } from "nanocode";

const run = query({ prompt: "Read every file in this folder and describe each one." });
const timer = setTimeout(() => run.interrupt(), Number(process.argv[2] ?? 5000));

for await (const message of run) {
  if (message.type === "result") console.log(`${message.subtype}, ${message.terminal_reason}: ${message.result ?? ""}`);
}
clearTimeout(timer);
