import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { displayPath } from "../fs/paths.ts";
import { fileFilter } from "./file-filter.ts";
import { compilePattern } from "./pattern.ts";
import type { FileResult, GrepQuery } from "./query.ts";
import { searchBytes } from "./search-text.ts";
import { VCS_DIRS, walkFiles } from "./walk.ts";

const SKIP = new Set(VCS_DIRS);

/** How `rel` (relative to the search root) is shown: as ripgrep prints it when run from cwd. */
export function shownPath(query: GrepQuery): (rel: string) => string {
  const prefix = query.root === query.cwd ? "" : displayPath(query.cwd, query.root);
  return (rel) => (prefix === "" ? rel : rel === "" ? prefix : `${prefix}/${rel}`);
}

/** Reads in flight at once: the thread pool reads while this thread searches what has arrived. */
const READS_IN_FLIGHT = 32;

/**
 * Grep without ripgrep: the same walk (ignore files, hidden files, no symlinks), the same regex
 * semantics as far as JavaScript allows. Files are read in parallel but taken in path order, so
 * the search can stop as soon as the first files hold `enough`. Results are in path order.
 */
export async function builtinSearch(query: GrepQuery, signal?: AbortSignal): Promise<FileResult[]> {
  const pattern = compilePattern(query.pattern, query);
  const options = { mode: query.mode, multiline: query.multiline, onlyMatching: query.onlyMatching, before: query.before, after: query.after };
  const show = shownPath(query);
  const files: string[] = [];
  walkFiles(query.root, { skip: SKIP, override: fileFilter(query.globs, query.type) }, (rel) => {
    files.push(rel);
  });
  // slots[i]: file i's result, null when it had none, undefined while not searched yet.
  const slots: (FileResult | null | undefined)[] = new Array(files.length);
  let next = 0;
  let done = 0; // files 0..done-1 are all searched
  let produced = 0;
  let enough = false;
  const settle = (i: number, result: FileResult | null) => {
    slots[i] = result;
    for (; done < files.length && slots[done] !== undefined; done++) {
      const r = slots[done];
      if (r) produced += query.mode === "content" ? r.lines.length : 1;
      if (query.enough !== undefined && query.mode !== "files_with_matches" && produced >= query.enough) enough = true;
    }
  };
  const worker = async () => {
    while (!enough && next < files.length && !signal?.aborted) {
      const i = next++;
      const rel = files[i]!;
      const bytes = await readFile(rel === "" ? query.root : join(query.root, rel)).catch(() => undefined);
      const hits = bytes && searchBytes(bytes, pattern, options);
      settle(i, hits ? { path: show(rel), ...hits } : null);
    }
  };
  await Promise.all(Array.from({ length: READS_IN_FLIGHT }, worker));
  // Stopped early: only the searched prefix counts, so the result is the same as a full run's start.
  return slots.slice(0, done).filter((r): r is FileResult => Boolean(r));
}
