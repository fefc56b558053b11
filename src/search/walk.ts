import { type Dirent, readdirSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { ancestry, gitRoot } from "../config/extension-dirs.ts";
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
  const repo = gitRoot(root);
  if (repo) {
    const exclude = IgnoreRules.load(join(repo, ".git", "info", "exclude"));
    if (exclude) frames.push({ base: relative(root, repo), rules: exclude });
  }
  // Outermost first, so that deeper files take precedence when evaluated from the end.
  for (const dir of ancestry(dirname(root))) {
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

type Dir = { abs: string; rel: string; frames: Frame[]; inRepo: boolean };
type Entry = { rel: string; dir?: Dir };

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A folder's entries that survive the ignore rules, in name order; sub-folders carry their rules. */
function expand(dir: Dir, entries: Dirent[], options: WalkOptions): Entry[] {
  entries.sort(byName);
  const inRepo = dir.inRepo || entries.some((e) => e.name === ".git");
  let frames = dir.frames;
  for (const name of IGNORE_FILES) {
    if (name === ".gitignore" && !inRepo) continue;
    if (!entries.some((e) => e.name === name && e.isFile())) continue;
    const rules = IgnoreRules.load(join(dir.abs, name));
    if (rules) frames = [...frames, { base: dir.rel, rules }];
  }
  const out: Entry[] = [];
  for (const entry of entries) {
    if (options.skip.has(entry.name) || entry.isSymbolicLink()) continue;
    const isDir = entry.isDirectory();
    if (!isDir && !entry.isFile()) continue;
    const rel = dir.rel === "" ? entry.name : `${dir.rel}/${entry.name}`;
    // Overrides (--glob) outrank ignore files: a whitelisted path is taken even if ignored.
    const override = options.override?.(rel, isDir);
    if (override === "ignore") continue;
    if (override !== "include" && frames.length && ignored(frames, rel, isDir)) continue;
    out.push(isDir ? { rel, dir: { abs: `${dir.abs}/${entry.name}`, rel, frames, inRepo } } : { rel });
  }
  return out;
}

function rootDir(root: string): Dir {
  const { frames, inRepo } = ancestorFrames(root);
  return { abs: root, rel: "", frames, inRepo };
}

/**
 * Lists the files under `root` the way ripgrep does: hidden files included, symlinks not
 * followed, .gitignore honoured inside git repositories (and the parents' ignore files, and
 * .git/info/exclude), .ignore and .rgignore everywhere, ignored folders never entered. Paths come
 * relative to `root`, in path order (each folder's entries sorted by name), so results are the
 * same on every run. `visit` returns false to stop the walk early. A file as root is visited as "".
 */
export function walkFiles(root: string, options: WalkOptions, visit: (rel: string) => boolean | void): void {
  if (!statSync(root).isDirectory()) {
    visit("");
    return;
  }
  const walk = (dir: Dir): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch {
      return true; // unreadable: skipped, as rg does
    }
    for (const entry of expand(dir, entries, options)) {
      if (entry.dir ? !walk(entry.dir) : visit(entry.rel) === false) return false;
    }
    return true;
  };
  walk(rootDir(root));
}

/** Folders read at once by listFiles: the thread pool lists them while this thread filters. */
const DIRS_IN_FLIGHT = 16;

/** The same files as walkFiles, in no particular order, listing folders in parallel (faster). */
export async function listFiles(root: string, options: WalkOptions, visit: (rel: string) => void): Promise<void> {
  if (!statSync(root).isDirectory()) return visit("");
  const queue: Dir[] = [rootDir(root)];
  let busy = 0;
  await new Promise<void>((done) => {
    const pump = () => {
      while (busy < DIRS_IN_FLIGHT && queue.length) {
        const dir = queue.pop()!;
        busy++;
        readdir(dir.abs, { withFileTypes: true })
          .then((entries) => {
            for (const entry of expand(dir, entries, options)) entry.dir ? queue.push(entry.dir) : visit(entry.rel);
          }, () => {})
          .finally(() => {
            busy--;
            pump();
          });
      }
      if (busy === 0 && queue.length === 0) done();
    };
    pump();
  });
}
