import { type AgentEvent, retryLine } from "../agent/events.ts";
import { describeCall } from "../registry/describe.ts";
import type { SDKMessage, SDKResultMessage } from "./messages.ts";
import type { Output } from "./output.ts";

export type PrintFormat = "text" | "json" | "stream-json";

/**
 * Writes one format. text: the final answer on stdout, or one error line on stderr. json: the
 * result object (with --verbose, an array of every message of the turn). stream-json: every
 * message as its own line, the result last.
 */
export class Printer {
  private collected: SDKMessage[] = [];

  constructor(
    private readonly format: PrintFormat,
    private readonly verbose: boolean,
    private readonly out: Output,
  ) {}

  /** Agent events that only a person reads: notices, and with --verbose in text mode each step. */
  event(event: AgentEvent): void {
    if (event.type === "notice") process.stderr.write(`nanocode: ${event.text}\n`);
    // stderr is not the JSON channel, so retries show with --verbose in every format.
    else if (event.type === "retry") this.verbose && process.stderr.write(`nanocode: ${retryLine(event)}\n`);
    else if (this.verbose && this.format === "text") verboseLine(event);
  }

  async message(message: SDKMessage): Promise<void> {
    if (this.format === "stream-json") return this.out.line(message);
    if (this.format === "json" && this.verbose) this.collected.push(message);
    if (message.type === "result") return this.result(message);
  }

  private async result(result: SDKResultMessage): Promise<void> {
    if (this.format === "json") {
      await this.out.line(this.verbose ? this.collected : result);
      this.collected = [];
    } else if (result.is_error) {
      const text = result.errors?.[0] ?? result.result ?? result.subtype;
      process.stderr.write(/^(API )?Error\b/.test(text) ? `${text}\n` : `Error: ${text}\n`);
    } else {
      await this.out.write(`${result.result}\n`);
    }
  }
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
