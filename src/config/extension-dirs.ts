import { existsSync } from "node:fs";
import { isDirectory } from "../fs/fs-error.ts";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** The folder holding `.git` at or above `cwd`, or undefined outside a repository. */
export function gitRoot(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Directories from the filesystem root down to `cwd`, outermost first. */
export function ancestry(cwd: string): string[] {
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

/** `cwd` and every folder above it up to the git root (just `cwd` outside a repository), closest first. */
function projectLevels(cwd: string): string[] {
  const root = gitRoot(cwd);
  if (!root) return [cwd];
  const levels = ancestry(cwd).reverse();
  return levels.slice(0, levels.indexOf(root) + 1);
}

export type ExtensionKind = "tools" | "commands" | "skills" | "agents" | "output-styles";
export type ExtensionDir = { dir: string; scope: "user" | "project" };

/**
 * The folders users drop extensions of one kind into, highest precedence first: the user's own
 * (`~/.nanocode/<kind>`, then `~/.claude/<kind>`), then the project's from `cwd` up to the git root,
 * `.nanocode/` before `.claude/` at each level. Where two define the same name, the first one wins.
 */
export function extensionDirs(kind: ExtensionKind, cwd: string, home = homedir()): ExtensionDir[] {
  const pair = (base: string) => [join(base, ".nanocode", kind), join(base, ".claude", kind)];
  const all: ExtensionDir[] = [
    ...pair(home).map((dir) => ({ dir, scope: "user" as const })),
    ...projectLevels(cwd).flatMap(pair).map((dir) => ({ dir, scope: "project" as const })),
  ];
  const seen = new Set<string>();
  return all.filter(({ dir }) => !seen.has(dir) && seen.add(dir) && isDirectory(dir));
}
