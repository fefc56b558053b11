import { readFileSync } from "node:fs";
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

/**
 * Grep without ripgrep: the same walk (ignore files, hidden files, no symlinks), the same regex
 * semantics as far as JavaScript allows, files read in path order so it can stop as soon as it has
 * `enough`. Results are in path order.
 */
export function builtinSearch(query: GrepQuery, signal?: AbortSignal): FileResult[] {
  const pattern = compilePattern(query.pattern, query);
  const options = { mode: query.mode, multiline: query.multiline, onlyMatching: query.onlyMatching, before: query.before, after: query.after };
  const show = shownPath(query);
  const results: FileResult[] = [];
  let produced = 0;
  walkFiles(query.root, { skip: SKIP, override: fileFilter(query.globs, query.type) }, (rel) => {
    if (signal?.aborted) return false;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(rel === "" ? query.root : join(query.root, rel));
    } catch {
      return true; // unreadable: skipped, as rg does
    }
    const hits = searchBytes(bytes, pattern, options);
    if (!hits) return true;
    results.push({ path: show(rel), ...hits });
    produced += query.mode === "content" ? hits.lines.length : 1;
    return query.enough === undefined || produced < query.enough || query.mode === "files_with_matches";
  });
  return results;
}
