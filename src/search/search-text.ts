import type { Pattern } from "./pattern.ts";

/** One output line: a matching line (or, with -o, one match) or a context line. */
export type Line = { n: number; text: string; match: boolean };

export type SearchMode = "content" | "files_with_matches" | "count";

export type SearchOptions = { mode: SearchMode; multiline: boolean; onlyMatching: boolean; before: number; after: number };

/** What one file yields: its matching-line count and, in content mode, the lines to print. */
export type FileHits = { count: number; lines: Line[] };

// ripgrep reads 64 KiB first: a NUL byte in there makes the whole file binary, and it is skipped.
const BINARY_PROBE = 64 * 1024;
const MAX_COLUMNS = 500;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

function shown(text: string, match: boolean): string {
  // Same rule as rg --max-columns 500: longer lines (in bytes) are replaced by a note.
  if (text.length * 3 <= MAX_COLUMNS || encoder.encode(text).length <= MAX_COLUMNS) return text;
  return match ? "[Omitted long matching line]" : "[Omitted long context line]";
}

/** Line starts, computed once per file that has a match. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line containing `offset`. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Searches one file's bytes as ripgrep would: line by line (a match never spans lines unless
 * multiline), binary files skipped, long lines replaced by a note. Undefined when nothing matched.
 */
export function searchBytes(bytes: Uint8Array, pattern: Pattern, options: SearchOptions): FileHits | undefined {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (nul < BINARY_PROBE) return undefined;
    bytes = bytes.subarray(0, bytes.lastIndexOf(10, nul) + 1);
  }
  if (pattern.literal && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(pattern.literal) === -1) return undefined;
  const text = decoder.decode(bytes);
  const regex = pattern.regex;
  regex.lastIndex = 0;
  let starts: number[] | undefined;
  const end = (line: number) => {
    const next = starts![line + 1];
    return next === undefined ? text.length : next - 1;
  };
  const lineText = (line: number) => {
    const t = text.slice(starts![line]!, end(line));
    return t.endsWith("\r") ? t.slice(0, -1) : t;
  };

  // Matching lines (0-based) and, for -o, the matches on each.
  const matched = new Map<number, string[]>();
  let groups = 0;
  let lastGroupEnd = -1;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    starts ??= lineStarts(text);
    const first = lineAt(starts, m.index);
    if (options.multiline) {
      const last = lineAt(starts, Math.max(m.index, m.index + m[0].length - 1));
      if (first > lastGroupEnd) groups++;
      lastGroupEnd = Math.max(lastGroupEnd, last);
      for (let l = first; l <= last; l++) if (!matched.has(l)) matched.set(l, []);
      matched.get(first)!.push(m[0]);
      if (m[0].length === 0) regex.lastIndex++;
    } else {
      // Judge the line on its own, so a match cannot reach into the next one.
      const local = new RegExp(regex.source, regex.flags);
      const texts = [...lineText(first).matchAll(local)].map((x) => x[0]);
      if (texts.length) {
        matched.set(first, texts);
        groups++;
      }
      regex.lastIndex = end(first) + 1;
      if (regex.lastIndex > text.length) break;
    }
    if (options.mode === "files_with_matches") break;
  }
  if (matched.size === 0) return undefined;
  if (options.mode !== "content") return { count: groups, lines: [] };

  const lines: Line[] = [];
  const context = new Set<number>();
  for (const l of matched.keys()) {
    for (let c = Math.max(0, l - options.before); c <= Math.min(starts!.length - 1, l + options.after); c++) if (!matched.has(c)) context.add(c);
  }
  // A final newline does not start another line.
  const lastLine = text.endsWith("\n") ? starts!.length - 2 : starts!.length - 1;
  const all = [...new Set([...matched.keys(), ...context])].filter((l) => l <= lastLine).sort((a, b) => a - b);
  for (const l of all) {
    const hits = matched.get(l);
    if (!hits) lines.push({ n: l + 1, text: shown(lineText(l), false), match: false });
    else if (options.onlyMatching) for (const h of hits) lines.push({ n: l + 1, text: shown(h, true), match: true });
    else lines.push({ n: l + 1, text: shown(lineText(l), true), match: true });
  }
  return { count: groups, lines };
}
