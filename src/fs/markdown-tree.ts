import { readdirSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";

function linksToFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false; // a link into a loop names nothing
  }
}

/**
 * The `.md` files under `dir` at any depth (relative paths, sorted), as Claude Code finds agents,
 * commands and rules: hidden files and folders left out, linked folders entered (a shared set of
 * rules linked into a project is common) but each real folder once, so a link loop ends. A folder
 * inside that cannot be listed is left out; `dir` itself failing throws, for the caller to report.
 */
export function markdownTree(dir: string): string[] {
  const seen = new Set<string>();
  const walk = (under: string): string[] => {
    const here = join(dir, under);
    const real = realpathSync(here);
    if (seen.has(real)) return [];
    seen.add(real);
    // In name order, so which of two names of one folder is kept does not depend on the disk.
    const entries = readdirSync(here, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return entries.flatMap((entry) => {
      if (entry.name.startsWith(".")) return [];
      const path = under ? `${under}/${entry.name}` : entry.name;
      if (entry.isDirectory() || (entry.isSymbolicLink() && linksToFolder(join(dir, path)))) {
        try {
          return walk(path);
        } catch {
          return [];
        }
      }
      return path.endsWith(".md") ? [path] : [];
    });
  };
  return walk("").sort();
}

/**
 * The `.md` files at `path` with their paths relative to it: the file itself when `path` is one (a
 * plugin's manifest may name a single command or agent file where a folder of them goes), else
 * those of markdownTree.
 */
export function markdownAt(path: string): Array<{ path: string; relative: string }> {
  if (path.endsWith(".md") && statSync(path, { throwIfNoEntry: false })?.isFile()) return [{ path, relative: basename(path) }];
  return markdownTree(path).map((relative) => ({ path: join(path, relative), relative }));
}
