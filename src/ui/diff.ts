import { type Style, truncate } from "./style.ts";

export type DiffLine = { kind: "same" | "add" | "del"; text: string; oldNo?: number; newNo?: number };

const MAX_LCS = 250_000;

/** Line diff of two texts: common ends trimmed, the middle by longest common subsequence when small enough. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const b = after === "" ? [] : after.replace(/\n$/, "").split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const out: DiffLine[] = a.slice(0, start).map((text, i) => ({ kind: "same", text, oldNo: i + 1, newNo: i + 1 }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = midA.length * midB.length <= MAX_LCS ? lcsDiff(midA, midB) : [...midA.map((text) => ({ kind: "del" as const, text })), ...midB.map((text) => ({ kind: "add" as const, text }))];
  let oldNo = start;
  let newNo = start;
  for (const line of middle) {
    if (line.kind !== "add") oldNo++;
    if (line.kind !== "del") newNo++;
    out.push({ ...line, oldNo: line.kind === "add" ? undefined : oldNo, newNo: line.kind === "del" ? undefined : newNo });
  }
  a.slice(endA).forEach((text, i) => out.push({ kind: "same", text, oldNo: endA + i + 1, newNo: endB + i + 1 }));
  return out;
}

function lcsDiff(a: string[], b: string[]): DiffLine[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) out.push({ kind: "same", text: a[i++]! }), j++;
    else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) out.push({ kind: "del", text: a[i++]! });
    else out.push({ kind: "add", text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: "del", text: a[i++]! });
  while (j < b.length) out.push({ kind: "add", text: b[j++]! });
  return out;
}

export const countChanges = (lines: DiffLine[]) => ({ added: lines.filter((l) => l.kind === "add").length, removed: lines.filter((l) => l.kind === "del").length });

/** The changed lines with `context` lines around them, numbered and coloured, at most `maxRows` rows. */
export function renderDiff(lines: DiffLine[], s: Style, columns: number, { context = 2, maxRows = 24, indent = "" } = {}): string[] {
  const keep = lines.map((l, i) => l.kind !== "same" || lines.slice(Math.max(0, i - context), i + context + 1).some((n) => n.kind !== "same"));
  const numberWidth = String(Math.max(0, ...lines.map((l) => l.newNo ?? l.oldNo ?? 0))).length;
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped && out.length) out.push(`${indent}${s.dim(" ".repeat(numberWidth) + " ⋮")}`);
    skipped = false;
    const no = String((line.kind === "del" ? line.oldNo : line.newNo) ?? "").padStart(numberWidth);
    const sign = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
    const body = truncate(`${no} ${sign} ${line.text.replaceAll("\t", "  ")}`, Math.max(10, columns - indent.length - 1));
    out.push(indent + (line.kind === "add" ? s.green(s.addedBg(body)) : line.kind === "del" ? s.red(s.removedBg(body)) : s.dim(body)));
  });
  if (out.length > maxRows) return [...out.slice(0, maxRows), `${indent}${s.dim(`… +${out.length - maxRows} lines`)}`];
  return out;
}
