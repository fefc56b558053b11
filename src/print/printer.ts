import type { AgentEvent, Outcome } from "../agent/events.ts";
import { describeCall } from "../registry/describe.ts";
import { resultObject } from "./result.ts";

export type PrintFormat = "text" | "json";

/**
 * Print mode: drains the run and prints only what a script needs. text: the final answer on
 * stdout, or one error line on stderr. json: one result object. Returns the exit code.
 */
export async function printRun(
  run: AsyncGenerator<AgentEvent, Outcome>,
  format: PrintFormat,
  meta: { sessionId: string; startedAt: number; verbose: boolean },
): Promise<number> {
  let outcome: Outcome | undefined;
  while (true) {
    const next = await run.next();
    if (next.done) {
      outcome = next.value;
      break;
    }
    const event = next.value;
    if (meta.verbose) verboseLine(event);
    if (event.type === "notice") process.stderr.write(`nanocode: ${event.text}\n`);
  }
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(resultObject(outcome, { sessionId: meta.sessionId, durationMs: performance.now() - meta.startedAt }))}\n`);
  } else if (outcome.isError) {
    process.stderr.write(/^(API )?Error\b/.test(outcome.result) ? `${outcome.result}\n` : `Error: ${outcome.result}\n`);
  } else {
    process.stdout.write(`${outcome.result}\n`);
  }
  return outcome.isError ? 1 : 0;
}

/** --verbose: what the agent does, one line per step, on stderr (stdout stays the answer). */
function verboseLine(event: AgentEvent): void {
  if (event.type === "assistant") {
    for (const block of event.message.content) if (block.type === "text" && block.text.trim()) process.stderr.write(`${block.text.trim()}\n`);
  } else if (event.type === "tool_end") {
    const { content, is_error } = event.result;
    const text = typeof content === "string" ? content : content.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join(" ");
    const first = text.split("\n")[0] ?? "";
    process.stderr.write(`● ${describeCall(event.name, event.input)}\n  ⎿ ${is_error ? "error: " : ""}${first}${text.includes("\n") ? " …" : ""} (${Math.round(event.durationMs)} ms)\n`);
  }
}
