import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { FileResult, GrepQuery } from "./query.ts";

/** Path order, folder by folder (as a sorted walk visits them): "a/b" before "a-c". */
export function comparePaths(a: string, b: string): number {
  const x = a.replaceAll("/", "\0");
  const y = b.replaceAll("/", "\0");
  return x < y ? -1 : x > y ? 1 : 0;
}

export type Page = { offset: number; limit: number | undefined };

function paginate<T>(items: T[], page: Page): { shown: T[]; note: string } {
  const end = page.limit === undefined ? undefined : page.offset + page.limit;
  const shown = items.slice(page.offset, end);
  const cut = end !== undefined && items.length > end;
  return { shown, note: cut ? `\n\n[Showing results with pagination = limit: ${page.limit}, offset: ${page.offset}]` : "" };
}

async function newestFirst(results: FileResult[], cwd: string): Promise<string[]> {
  const stamped = await Promise.all(results.map(async (r) => ({ path: r.path, t: (await stat(resolve(cwd, r.path)).catch(() => undefined))?.mtimeMs ?? 0 })));
  return stamped.sort((a, b) => b.t - a.t || comparePaths(a.path, b.path)).map((s) => s.path);
}

function contentLines(results: FileResult[], numbered: boolean, context: boolean): string[] {
  const out: string[] = [];
  let last: { path: string; n: number } | undefined;
  for (const file of results) {
    for (const line of file.lines) {
      // ripgrep's "--" between groups of lines that do not touch, within and across files.
      if (context && last && (last.path !== file.path || line.n > last.n + 1)) out.push("--");
      const sep = line.match ? ":" : "-";
      out.push(numbered ? `${file.path}${sep}${line.n}${sep}${line.text}` : `${file.path}${sep}${line.text}`);
      last = { path: file.path, n: line.n };
    }
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Grep's result text, as Claude Code shapes it: files newest first ("Found N files"), content
 * lines and counts in path order; head_limit and offset page through any of them.
 */
export async function formatResults(results: FileResult[], query: GrepQuery, options: Page & { numbered: boolean }): Promise<string> {
  if (query.mode === "files_with_matches") {
    if (results.length === 0) return "No files found";
    const { shown, note } = paginate(await newestFirst(results, query.cwd), options);
    return `Found ${plural(shown.length, "file")}\n${shown.join("\n")}${note}`;
  }
  const sorted = [...results].sort((a, b) => comparePaths(a.path, b.path));
  if (query.mode === "count") {
    if (sorted.length === 0) return "No matches found";
    const { shown, note } = paginate(sorted, options);
    const total = shown.reduce((sum, r) => sum + r.count, 0);
    return `${shown.map((r) => `${r.path}:${r.count}`).join("\n")}\n\nFound ${plural(total, "total occurrence")} across ${plural(shown.length, "file")}.${note}`;
  }
  const lines = contentLines(sorted, options.numbered, query.before > 0 || query.after > 0);
  if (lines.length === 0) return "No matches found";
  const { shown, note } = paginate(lines, options);
  return shown.join("\n") + note;
}
