import { highlight } from "./highlight.ts";
import { renderInline } from "./inline.ts";
import type { Style } from "./style.ts";
import { wrap } from "./style.ts";
import { isSeparatorRow, renderTable } from "./table.ts";

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const LIST = /^(\s*)([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?(.*)$/;

/**
 * Streamed Markdown to ANSI, append-only: text arrives in pieces, and every line is rendered
 * exactly once, when it is complete, so what is written never needs rewriting and the terminal's
 * own scrollback works. A table is held back until its last row has arrived (its column widths
 * depend on every row). The line still arriving is available as a preview (`pending`) for the
 * part of the screen that is redrawn.
 */
export class MarkdownStream {
  private partial = "";
  private fence?: { marker: string; lang: string };
  private table: string[] = [];

  constructor(
    private readonly style: Style,
    private readonly columns: () => number,
  ) {}

  /** Adds streamed text; returns the rendered lines it completed. */
  push(text: string): string[] {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop()!;
    const out = lines.flatMap((line) => this.line(line));
    // A line that has begun and is no table row ends the table already.
    if (this.table.length && this.partial.trim() !== "" && !this.partial.trimStart().startsWith("|")) out.push(...this.flushTable());
    return out;
  }

  /** The incomplete last line, rendered as it would be if it ended now (empty when there is none). */
  pending(): string[] {
    const held = this.table.length ? this.table.map((row) => this.style.dim(row)) : [];
    if (this.partial === "") return held;
    if (this.fence) return [...held, `  ${highlight(this.partial, this.fence.lang, this.style)}`];
    return [...held, ...this.paragraph(this.partial)];
  }

  /** Ends the text: renders whatever is still held (the last line, an unfinished table or code block). */
  end(): string[] {
    const rest = this.partial === "" ? [] : this.line(this.partial);
    this.partial = "";
    const table = this.flushTable();
    this.fence = undefined;
    return [...rest, ...table];
  }

  private line(line: string): string[] {
    const s = this.style;
    if (this.fence) {
      const close = FENCE.exec(line);
      if (close && close[1]!.startsWith(this.fence.marker[0]!) && close[1]!.length >= this.fence.marker.length && line.trim() === close[1]) {
        this.fence = undefined;
        return [];
      }
      return [`  ${highlight(line, this.fence.lang, s)}`];
    }
    if (TABLE_ROW.test(line) || (this.table.length === 1 && isSeparatorRow(line))) {
      this.table.push(line);
      return [];
    }
    const before = this.flushTable();
    const open = FENCE.exec(line);
    if (open) {
      this.fence = { marker: open[1]!, lang: open[2] ?? "" };
      return before;
    }
    return [...before, ...this.block(line)];
  }

  private flushTable(): string[] {
    const rows = this.table;
    this.table = [];
    if (rows.length === 0) return [];
    if (rows.length >= 2 && isSeparatorRow(rows[1]!)) return renderTable(rows, this.columns(), this.style);
    return rows.flatMap((row) => this.paragraph(row));
  }

  private block(line: string): string[] {
    const s = this.style;
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const text = renderInline(heading[2]!, s);
      return heading[1]!.length === 1 ? [s.bold(s.underline(text))] : [s.bold(text)];
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return [s.dim("─".repeat(Math.min(this.columns(), 60)))];
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) return this.paragraph(quote[1]!, s.dim("│ "), s.dim("│ ")).map((l) => s.italic(l));
    const item = LIST.exec(line);
    if (item) {
      const [, indent = "", marker = "", task, text = ""] = item;
      const bullet = /\d/.test(marker) ? marker : task ? (/x/i.test(task) ? "☒" : "☐") : indent.length >= 2 ? "◦" : "•";
      const head = `${indent}${/\d/.test(marker) ? bullet : s.dim(bullet)} ${task && /\d/.test(marker) ? (/x/i.test(task) ? "☒ " : "☐ ") : ""}`;
      return this.paragraph(text, head, " ".repeat(indent.length + bullet.length + 1));
    }
    if (line.trim() === "") return [""];
    return this.paragraph(line.trimEnd());
  }

  /** Inline-rendered text word-wrapped to the width, `first` before the first line and `rest` before the others. */
  private paragraph(text: string, first = "", rest = ""): string[] {
    const room = Math.max(10, this.columns() - Bun.stringWidth(first));
    return wrap(renderInline(text, this.style), room).map((l, i) => (i === 0 ? first : rest) + l);
  }
}

/** A whole Markdown text rendered at once (finished messages, command output). */
export function renderMarkdown(text: string, style: Style, columns: number): string[] {
  const stream = new MarkdownStream(style, () => columns);
  return [...stream.push(text), ...stream.end()];
}
