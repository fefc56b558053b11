import { type Dirent, existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { IgnoreRules, type Verdict } from "./ignore-file.ts";

/** Version-control folders: never searched, at any depth. */
export const VCS_DIRS = [".git", ".svn", ".hg", ".bzr", ".jj", ".sl"];

export type WalkOptions = {
  /** Names skipped wherever they appear (files or folders). */
  skip: ReadonlySet<string>;
  /** Further say on a path relative to the root (ripgrep's --glob overrides). */
  override?: (rel: string, isDir: boolean) => Verdict;
};

/** An ignore file and the folder its patterns are relative to ("" for the root, "../.." above it). */
type Frame = { base: string; rules: IgnoreRules };

const IGNORE_FILES = [".gitignore", ".ignore", ".rgignore"];

function ancestorFrames(root: string): { frames: Frame[]; inRepo: boolean } {
  const frames: Frame[] = [];
  let repo: string | undefined;
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) {
      repo = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  // Outermost first, so that deeper files take precedence when evaluated from the end.
  const chain: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  if (repo) {
    const exclude = IgnoreRules.load(join(repo, ".git", "info", "exclude"));
    if (exclude) frames.push({ base: relative(root, repo), rules: exclude });
  }
  for (const dir of chain) {
    for (const name of IGNORE_FILES) {
      if (name === ".gitignore" && !(repo && dir.startsWith(repo))) continue;
      const rules = IgnoreRules.load(join(dir, name));
      if (rules) frames.push({ base: relative(root, dir), rules });
    }
  }
  return { frames, inRepo: repo !== undefined };
}

/** `rel` (relative to the walk root) as seen from a frame's base. */
function fromBase(base: string, rel: string): string {
  if (base === "") return rel;
  if (base.startsWith("..")) return relative(base, rel);
  return rel.slice(base.length + 1);
}

function ignored(frames: Frame[], rel: string, isDir: boolean): boolean {
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i]!;
    const verdict = frame.rules.verdict(fromBase(frame.base, rel), isDir);
    if (verdict) return verdict === "ignore";
  }
  return false;
}

/**
 * Lists the files under `root` the way ripgrep does: hidden files included, symlinks not
 * followed, .gitignore honoured inside git repositories (and the parents' ignore files, and
 * .git/info/exclude), .ignore and .rgignore everywhere, ignored folders never entered. Paths come
 * relative to `root`, in path order (each folder's entries sorted by name), so results are the
 * same on every run. `visit` returns false to stop the walk early.
 */
export function walkFiles(root: string, options: WalkOptions, visit: (rel: string) => boolean | void): void {
  const info = statSync(root);
  if (!info.isDirectory()) {
    visit("");
    return;
  }
  const { frames, inRepo } = ancestorFrames(root);
  const walkDir = (abs: string, rel: string, repo: boolean): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return true; // unreadable: skipped, as rg does
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inRepoHere = repo || entries.some((e) => e.name === ".git");
    const pushed = frames.length;
    for (const name of IGNORE_FILES) {
      if (name === ".gitignore" && !inRepoHere) continue;
      if (!entries.some((e) => e.name === name && e.isFile())) continue;
      const rules = IgnoreRules.load(join(abs, name));
      if (rules) frames.push({ base: rel, rules });
    }
    try {
      for (const entry of entries) {
        if (options.skip.has(entry.name) || entry.isSymbolicLink()) continue;
        const isDir = entry.isDirectory();
        if (!isDir && !entry.isFile()) continue;
        const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
        // Overrides (--glob) outrank ignore files: a whitelisted path is taken even if ignored.
        const override = options.override?.(path, isDir);
        if (override === "ignore") continue;
        if (override !== "include" && frames.length && ignored(frames, path, isDir)) continue;
        if (isDir) {
          if (!walkDir(`${abs}/${entry.name}`, path, inRepoHere)) return false;
        } else if (visit(path) === false) return false;
      }
      return true;
    } finally {
      frames.length = pushed;
    }
  };
  walkDir(root, "", inRepo);
}
