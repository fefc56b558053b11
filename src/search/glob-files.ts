import { statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { comparePaths } from "./format.ts";
import { globBody } from "./glob-regex.ts";
import { listFiles, VCS_DIRS } from "./walk.ts";

/** Dependency and build folders a file search skips unless the pattern names them. */
const DEPENDENCY_DIRS = ["node_modules"];

/** The leading folders of a pattern that hold no glob syntax: the walk can start there. */
function literalPrefix(pattern: string): string {
  const segments = pattern.split("/");
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}\\]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join("/");
}

export type GlobMatch = { path: string; mtimeMs: number };

/**
 * Files under `root` matching `pattern` (a Bun.Glob pattern relative to `root`, or absolute), as
 * absolute paths with their mtimes, oldest first. The walk honours ignore files as ripgrep does
 * and never enters .git or node_modules (unless the pattern names it).
 */
export async function globFiles(root: string, pattern: string): Promise<GlobMatch[]> {
  let base = root;
  let rel = pattern;
  if (isAbsolute(pattern)) {
    const prefix = literalPrefix(pattern);
    base = prefix || "/";
    rel = relative(base, pattern);
  }
  const glob = new Bun.Glob(rel);
  // Most files fail on their name alone ("*.ts"): a cheap regex turns them away before the full match.
  const last = rel.slice(rel.lastIndexOf("/") + 1);
  const byName = last.includes("**") ? undefined : new RegExp(`^${globBody(last)}$`);
  const start = literalPrefix(rel);
  const skip = new Set(rel.includes("node_modules") ? VCS_DIRS : [...VCS_DIRS, ...DEPENDENCY_DIRS]);
  const walkRoot = join(base, start);
  // Folders are listed on the thread pool, in parallel, while this thread filters and reads the
  // matches' mtimes (a stat here is cheaper than a promise per match: measured).
  const found: GlobMatch[] = [];
  try {
    await listFiles(walkRoot, { skip }, (file) => {
      const path = start ? (file ? `${start}/${file}` : start) : file;
      if (byName && !byName.test(path.slice(path.lastIndexOf("/") + 1))) return;
      if (!glob.match(path)) return;
      const abs = join(base, path);
      found.push({ path: abs, mtimeMs: statSync(abs, { throwIfNoEntry: false })?.mtimeMs ?? 0 });
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return found.sort((a, b) => a.mtimeMs - b.mtimeMs || comparePaths(a.path, b.path));
}
