import { type AgentEvent, retryLine } from "../agent/events.ts";
import { MarkdownStream } from "./markdown.ts";
import { type Style, truncate } from "./style.ts";
import { callLabel, toolLines } from "./tool-lines.ts";
import { SANDBOXED } from "../shell/run-shell.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export type Printer = { print(lines: string[]): void; readonly columns: number };

const seconds = (ms: number) => (ms < 60_000 ? `${Math.floor(ms / 1000)}s` : `${Math.floor(ms / 60_000)}m ${Math.floor((ms % 60_000) / 1000)}s`);
const count = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/**
 * One turn on screen: consumes the agent's events, appends finished lines (text as Markdown, each
 * tool call as a compact line with its result), and supplies the live rows shown while it runs:
 * the line still streaming, the tools in progress, and a spinner with elapsed time and tokens.
 */
export class TurnView {
  private text?: MarkdownStream;
  private thinking?: MarkdownStream;
  private firstTextLine = true;
  private readonly running = new Map<string, { name: string; input: unknown; progress?: string; sandboxed?: boolean }>();
  private readonly startedAt = performance.now();
  private outputTokens = 0;
  private streamingChars = 0;
  private phase = "Thinking";
  private lastBlank = false;

  constructor(
    private readonly out: Printer,
    private readonly style: Style,
    private readonly cwd: () => string,
  ) {}

  event(event: AgentEvent): void {
    const s = this.style;
    switch (event.type) {
      case "stream": {
        const e = event.event;
        if (e.type === "content_block_start" && e.content_block.type === "text") {
          this.text = new MarkdownStream(s, () => this.out.columns - 2);
          this.firstTextLine = true;
          this.phase = "Writing";
        } else if (e.type === "content_block_start" && e.content_block.type === "thinking") {
          this.thinking = new MarkdownStream(s, () => this.out.columns - 2);
          this.emit([s.dim(s.italic("✻ Thinking…"))], true);
        } else if (e.type === "content_block_start" && e.content_block.type === "tool_use") this.phase = `Preparing ${e.content_block.name}`;
        else if (e.type === "content_block_stop") this.endBlocks();
        else if (e.type === "content_block_delta" && e.delta.type === "input_json_delta") this.streamingChars += e.delta.partial_json.length;
        else if (e.type === "message_delta" && e.usage?.output_tokens) {
          this.outputTokens += e.usage.output_tokens;
          this.streamingChars = 0;
        }
        return;
      }
      case "text":
        this.streamingChars += event.text.length;
        if (this.text) this.emitText(this.text.push(event.text));
        return;
      case "thinking":
        this.streamingChars += event.text.length;
        if (this.thinking) this.emit(this.thinking.push(event.text).map((l) => `  ${s.dim(s.italic(l))}`));
        return;
      case "assistant":
        this.endBlocks();
        return;
      case "tool_start":
        this.running.set(event.id, { name: event.name, input: event.input });
        this.phase = `Running ${event.name}`;
        return;
      case "tool_progress": {
        const tool = this.running.get(event.id);
        if (tool) tool.progress = event.text;
        if (tool && event.text === SANDBOXED) tool.sandboxed = true;
        return;
      }
      case "tool_end": {
        const sandboxed = this.running.get(event.id)?.sandboxed;
        this.running.delete(event.id);
        const lines = toolLines(event.name, event.input, event.result, this.cwd(), s, this.out.columns);
        if (sandboxed && lines[0] !== undefined) lines[0] += s.dim(" · sandboxed");
        this.emit(lines, true);
        if (this.running.size === 0) this.phase = "Thinking";
        return;
      }
      case "subagent":
        if (event.event.type === "tool_end") {
          const e = event.event;
          this.emit([truncate(`    ${s.dim(`⎿ ${event.agentType}: ${Bun.stripANSI(callLabel(e.name, e.input, this.cwd(), s))}`)}`, this.out.columns - 1)]);
        }
        return;
      case "notice":
        this.emit([s.yellow(`⚠ ${event.text}`)], true);
        return;
      case "retry":
        // Lines already written stay (the screen is append-only); the rest of a dropped response is not shown.
        if (event.discarded && (this.text || this.thinking)) this.emit([s.dim("  (that response was cut off; asking again)")]);
        if (event.discarded) this.text = this.thinking = undefined;
        this.emit([s.yellow(`⚠ ${retryLine(event)}`)], true);
        this.phase = "Retrying";
        return;
      case "compact":
        this.emit([s.dim(`✻ Conversation compacted (${count(event.tokensBefore)} → ${count(event.tokensAfter)} tokens)`)], true);
        return;
      case "done": {
        this.endBlocks();
        const { outcome } = event;
        if (outcome.terminalReason === "aborted") this.emit([s.red("  ⎿  Interrupted · tell nanocode what to do instead")]);
        else if (outcome.isError) this.emit([s.red(`● ${outcome.result}`)], true);
        return;
      }
    }
  }

  /** The rows drawn live while the turn runs. */
  live(frame: number): string[] {
    const s = this.style;
    const columns = this.out.columns;
    const rows: string[] = [];
    const pending = [...(this.thinking?.pending() ?? []).map((l) => `  ${s.dim(s.italic(l))}`), ...(this.text?.pending() ?? []).map((l, i) => (this.firstTextLine && i === 0 ? `● ${l}` : `  ${l}`))];
    rows.push(...pending.slice(-6));
    for (const tool of this.running.values()) {
      rows.push(truncate(`${s.yellow(FRAMES[frame % FRAMES.length]!)} ${callLabel(tool.name, tool.input, this.cwd(), s)}`, columns - 1));
      if (tool.progress) rows.push(truncate(`  ⎿  ${s.dim(tool.progress)}`, columns - 1));
    }
    const tokens = this.outputTokens + Math.ceil(this.streamingChars / 4);
    const info = `(${seconds(performance.now() - this.startedAt)}${tokens ? ` · ↓ ${count(tokens)} tokens` : ""} · esc to interrupt)`;
    rows.push("", truncate(`${s.magenta(FRAMES[frame % FRAMES.length]!)} ${s.magenta(`${this.phase}…`)} ${s.dim(info)}`, columns - 1));
    return rows;
  }

  private endBlocks(): void {
    if (this.text) this.emitText(this.text.end());
    if (this.thinking) this.emit(this.thinking.end().map((l) => `  ${this.style.dim(this.style.italic(l))}`));
    this.text = undefined;
    this.thinking = undefined;
  }

  private emitText(lines: string[]): void {
    if (lines.length === 0) return;
    const out = lines.map((l, i) => (this.firstTextLine && i === 0 ? `${this.style.bold("●")} ${l}` : `  ${l}`));
    this.emit(out, this.firstTextLine);
    this.firstTextLine = false;
  }

  /** Prints lines; `separate` puts a blank line before them unless one is there already. */
  private emit(lines: string[], separate = false): void {
    if (lines.length === 0) return;
    const out = separate && !this.lastBlank ? ["", ...lines] : lines;
    this.lastBlank = out.at(-1)?.trim() === "";
    this.out.print(out);
  }
}
