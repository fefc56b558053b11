import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { configDir } from "../config/paths.ts";

const KEEP = 1000;

/**
 * What the user typed, kept across sessions in `~/.nanocode/history.jsonl` (one JSON line per
 * entry, appended), offered per project: Up/Down walk it, Ctrl+R searches it.
 */
export class InputHistory {
  private readonly entries: string[];
  /** Position while walking with Up/Down: entries.length means "the line being typed". */
  private index: number;
  private draft = "";

  constructor(
    private readonly cwd: string,
    private readonly file = join(configDir(), "history.jsonl"),
  ) {
    this.entries = load(file, cwd);
    this.index = this.entries.length;
  }

  get all(): readonly string[] {
    return this.entries;
  }

  add(text: string): void {
    this.index = this.entries.length;
    if (text.trim() === "" || this.entries.at(-1) === text) return;
    this.entries.push(text);
    this.index = this.entries.length;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify({ text, cwd: this.cwd, at: new Date().toISOString() })}\n`);
    } catch {
      // History is a convenience: a read-only home must not break the session.
    }
  }

  /** The older entry (Up), remembering what was being typed; undefined at the oldest. */
  previous(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    return this.entries[--this.index];
  }

  /** The newer entry (Down), back to what was being typed; undefined when already there. */
  next(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }

  /** The newest entry containing `query` older than position `before`, with its position. */
  search(query: string, before = this.entries.length): { text: string; at: number } | undefined {
    const q = query.toLowerCase();
    for (let i = Math.min(before, this.entries.length) - 1; i >= 0; i--) if (this.entries[i]!.toLowerCase().includes(q)) return { text: this.entries[i]!, at: i };
    return undefined;
  }
}

function load(file: string, cwd: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n").slice(-KEEP * 4)) {
    try {
      const entry = JSON.parse(line) as { text?: unknown; cwd?: unknown };
      if (typeof entry.text === "string" && entry.cwd === cwd && out.at(-1) !== entry.text) out.push(entry.text);
    } catch {
      // A cut or foreign line: skip it.
    }
  }
  return out.slice(-KEEP);
}
