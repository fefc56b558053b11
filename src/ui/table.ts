import { renderInline } from "./inline.ts";
import { type Style, width, wrap } from "./style.ts";

type Align = "left" | "center" | "right";

const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll("\\|", "|"));

/** Whether `line` is the `|---|:--:|` row that makes the lines above it a table header. */
export const isSeparatorRow = (line: string) => /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(line) && line.includes("-");

const pad = (text: string, size: number, align: Align) => {
  const room = Math.max(0, size - width(text));
  if (align === "right") return " ".repeat(room) + text;
  if (align === "center") return " ".repeat(Math.floor(room / 2)) + text + " ".repeat(Math.ceil(room / 2));
  return text + " ".repeat(room);
};

/** Narrows the widest columns until the table (with its borders) fits in `columns`. */
function fit(widths: number[], columns: number): number[] {
  const out = [...widths];
  const total = () => out.reduce((a, b) => a + b, 0) + 3 * out.length + 1;
  while (total() > columns) {
    const widest = out.indexOf(Math.max(...out));
    if (out[widest]! <= 3) break;
    out[widest]!--;
  }
  return out;
}

/** A Markdown table (header, separator, rows) drawn with box characters, cells wrapped to fit. */
export function renderTable(lines: string[], columns: number, s: Style): string[] {
  const [headerLine, separator, ...body] = lines;
  const aligns: Align[] = cellsOf(separator!).map((c) => (c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : "left"));
  const header = cellsOf(headerLine!).map((c) => s.bold(renderInline(c, s)));
  const rows = body.map((r) => cellsOf(r).map((c) => renderInline(c, s)));
  const count = Math.max(header.length, ...rows.map((r) => r.length));
  const all = [header, ...rows].map((r) => Array.from({ length: count }, (_, i) => r[i] ?? ""));
  const widths = fit(
    Array.from({ length: count }, (_, i) => Math.max(1, ...all.map((r) => width(r[i]!)))),
    columns,
  );
  const border = (l: string, m: string, r: string) => s.dim(l + widths.map((w) => "─".repeat(w + 2)).join(m) + r);
  const drawRow = (row: string[]) => {
    const wrapped = row.map((cell, i) => wrap(cell, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, line) => {
      const cells = wrapped.map((w, i) => ` ${pad(w[line] ?? "", widths[i]!, aligns[i] ?? "left")} `);
      return s.dim("│") + cells.join(s.dim("│")) + s.dim("│");
    });
  };
  const out = [border("┌", "┬", "┐"), ...drawRow(all[0]!), border("├", "┼", "┤")];
  for (const row of all.slice(1)) out.push(...drawRow(row));
  out.push(border("└", "┴", "┘"));
  return out;
}
