// The files deny rules hide, as they are on disk: a hard link is a second name for a denied file,
// and nothing in the other name says so. The denied files are listed (each pattern's literal
// folder walked, bounded) and compared by device and inode; a folder that holds denied files is
// found the same way.

import { type Dirent, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { realPath } from "./real-path.ts";
import { matchesExactly, matchesPath, patternBase, patternReaches } from "./rules.ts";

/** More files than this under the deny patterns' folders and the listing stops: what is left is unsure. */
export const MAX_LISTED = 50_000;
// File systems keep times this coarsely at worst (FAT: 2 s): a file changed this close before a
// listing may have changed after it.
const TIME_GRAIN_MS = 2_000;
// Kernel views, not files: walking them is slow and their names change meaning per process.
const SKIPPED = new Set(["/proc", "/sys", "/dev"]);

type Listing = {
  /** `dev:ino` of denied files with more than one name, and the pattern hiding each. */
  linked: Map<string, string>;
  /** Real path of each denied file, with its pattern. */
  files: Map<string, string>;
  /** Folders a pattern covers whole (none of their parents is covered), real paths. */
  folders: Set<string>;
  /** False when the walk stopped at MAX_LISTED: a file not listed may still be denied. */
  complete: boolean;
  /** When it was made (ms since the epoch). */
  madeAt: number;
};

const statOf = (path: string) => {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
};

const entriesOf = (dir: string): Dirent[] => {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
};

function list(patterns: string[], limit: number): Listing {
  const listing: Listing = { linked: new Map(), files: new Map(), folders: new Set(), complete: true, madeAt: Date.now() };
  let seen = 0;
  for (const pattern of patterns) {
    const base = patternBase(pattern);
    if (statOf(base)?.isFile()) {
      if (matchesPath(pattern, base)) recordFile(listing, pattern, base);
      continue;
    }
    // Each folder on the way down is matched once: below a denied folder everything is denied.
    const stack = [{ dir: base, denied: matchesPath(pattern, base), top: true }];
    while (stack.length > 0) {
      const { dir, denied, top } = stack.pop()!;
      if (denied && top && statOf(dir)?.isDirectory()) listing.folders.add(realPath(dir));
      // Symbolic links are not followed: the file one leads to is checked under its own name.
      for (const entry of entriesOf(dir)) {
        if (++seen > limit) return { ...listing, complete: false };
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !SKIPPED.has(path)) stack.push({ dir: path, denied: denied || matchesExactly(pattern, path), top: !denied });
        else if (entry.isFile() && (denied || matchesExactly(pattern, path))) recordFile(listing, pattern, path);
      }
    }
  }
  return listing;
}

function recordFile(listing: Listing, pattern: string, path: string): void {
  const stat = statOf(path);
  if (!stat?.isFile()) return;
  listing.files.set(realPath(path), pattern);
  if (stat.nlink > 1) listing.linked.set(`${stat.dev}:${stat.ino}`, pattern);
}

export class DeniedFiles {
  private listing?: Listing;
  /** `dev:ino:ctime:nlink` → the pattern hiding that file under another name (null: none). Linking or unlinking a name changes ctime. */
  private readonly decisions = new Map<string, string | null>();
  private signature = "";

  constructor(
    private readonly patterns: () => string[],
    private readonly limit = MAX_LISTED,
  ) {}

  /** Files may have been created, linked or moved since the last listing: the next question lists them again. */
  forget(): void {
    this.listing = undefined;
  }

  /** New rules: nothing decided or listed before holds. */
  private sync(patterns: string[]): void {
    const signature = patterns.join("\n");
    if (signature === this.signature) return;
    this.signature = signature;
    this.decisions.clear();
    this.listing = undefined;
  }

  private current(): Listing {
    const patterns = this.patterns();
    this.sync(patterns);
    this.listing ??= list(patterns, this.limit);
    return this.listing;
  }

  /**
   * The pattern hiding another name of the regular file at `path` (a hard link to a denied file),
   * or undefined. Only a file with more than one name needs the listing; when the listing is
   * incomplete, a file with several names counts as denied.
   */
  linkedTo(path: string): string | undefined {
    const stat = statOf(path);
    if (!stat?.isFile() || stat.nlink < 2) return undefined;
    const patterns = this.patterns();
    if (patterns.length === 0) return undefined;
    this.sync(patterns);
    const key = `${stat.dev}:${stat.ino}:${stat.ctimeMs}:${stat.nlink}`;
    if (!this.decisions.has(key)) {
      // A name linked since the listing (between two tool calls: a mention) changed the file's ctime.
      if (this.listing && stat.ctimeMs > this.listing.madeAt - TIME_GRAIN_MS) this.forget();
      const listing = this.current();
      this.decisions.set(key, listing.linked.get(`${stat.dev}:${stat.ino}`) ?? (listing.complete ? null : patterns[0]!));
    }
    return this.decisions.get(key) ?? undefined;
  }

  /**
   * Whether the folder `dir` holds a denied file: `holds` names the pattern; `unsure` when the
   * listing stopped early and a pattern could reach inside.
   */
  inside(dir: string): { holds: string } | { unsure: string } | undefined {
    const patterns = this.patterns();
    if (patterns.length === 0) return undefined;
    const listing = this.current();
    const real = realPath(dir);
    const prefix = real.endsWith("/") ? real : `${real}/`;
    for (const [file, pattern] of listing.files) if (file.startsWith(prefix)) return { holds: pattern };
    if (listing.complete) return undefined;
    const reaching = patterns.find((p) => patternReaches(p, real) || patternReaches(p, dir));
    return reaching ? { unsure: reaching } : undefined;
  }

  /** Some denied file has another name, which may be anywhere (or the listing is incomplete). */
  anyLinked(): string | undefined {
    if (this.patterns().length === 0) return undefined;
    const listing = this.current();
    return listing.linked.values().next().value ?? (listing.complete ? undefined : this.patterns()[0]);
  }
}

/**
 * What the patterns cover on disk now, for a sandbox to hide or keep read-only: the folders they
 * cover whole and the files outside those, real paths. `complete` is false when the listing
 * stopped early (some covered file may be missing).
 */
export function coveredPaths(patterns: string[], limit = MAX_LISTED): { paths: string[]; complete: boolean } {
  if (patterns.length === 0) return { paths: [], complete: true };
  const { files, folders, complete } = list(patterns, limit);
  const inFolder = (file: string) => [...folders].some((folder) => file.startsWith(`${folder}/`));
  return { paths: [...folders, ...[...files.keys()].filter((file) => !inFolder(file))], complete };
}
