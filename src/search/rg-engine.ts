import { exec } from "../registry/exec.ts";
import { shownPath } from "./builtin-engine.ts";
import type { FileResult, GrepQuery } from "./query.ts";
import { VCS_DIRS } from "./walk.ts";

function ripgrepArgs(query: GrepQuery): string[] {
  const args = ["--no-config", "--hidden", "--null", "--max-columns", "500", "--color", "never"];
  for (const dir of VCS_DIRS) args.push("--glob", `!${dir}`);
  if (query.mode === "files_with_matches") args.push("--files-with-matches");
  else if (query.mode === "count") args.push("--count", "--with-filename");
  else {
    // Always numbered: the numbers place context separators; they are dropped later if -n is false.
    args.push("--no-heading", "--with-filename", "--line-number");
    if (query.onlyMatching) args.push("--only-matching");
    if (query.before) args.push("-B", String(query.before));
    if (query.after) args.push("-A", String(query.after));
  }
  if (query.ignoreCase) args.push("--ignore-case");
  if (query.multiline) args.push("--multiline", "--multiline-dotall");
  if (query.type) args.push("--type", query.type);
  for (const glob of query.globs) args.push("--glob", glob);
  args.push("--regexp", query.pattern);
  if (query.root !== query.cwd) args.push("--", shownPath(query)(""));
  return args;
}

/** Reads ripgrep's --null output back into per-file results, in the order rg printed them. */
function parse(out: string, query: GrepQuery): FileResult[] {
  const byPath = new Map<string, FileResult>();
  const file = (path: string) => {
    let result = byPath.get(path);
    if (!result) byPath.set(path, (result = { path, count: 0, lines: [] }));
    return result;
  };
  if (query.mode === "files_with_matches") {
    for (const path of out.split("\0")) if (path.trim()) file(path.replace(/^\n/, "")).count = 1;
    return [...byPath.values()];
  }
  for (const line of out.split("\n")) {
    const nul = line.indexOf("\0");
    if (nul === -1) continue; // "--" separators are rebuilt when formatting
    const result = file(line.slice(0, nul));
    const rest = line.slice(nul + 1);
    if (query.mode === "count") {
      result.count = Number(rest);
      continue;
    }
    const at = rest.search(/[:-]/);
    const match = rest[at] === ":";
    // A CRLF file's lines end in "\r" as rg prints them; the model is better off without it.
    const text = rest.endsWith("\r") ? rest.slice(at + 1, -1) : rest.slice(at + 1);
    result.lines.push({ n: Number(rest.slice(0, at)), text, match });
    if (match) result.count++;
  }
  return [...byPath.values()];
}

/** Grep through ripgrep. Results come in rg's (parallel, so unspecified) file order. */
export async function ripgrepSearch(rg: string, query: GrepQuery, signal?: AbortSignal): Promise<FileResult[]> {
  const { stdout, stderr, exitCode } = await exec([rg, ...ripgrepArgs(query)], { cwd: query.cwd, signal });
  // 1 is "no match"; 2 with output means some files could not be read, which rg skips.
  if (exitCode === 2 && stdout === "") throw new Error(stderr.trim() || "ripgrep failed");
  return parse(stdout, query);
}
