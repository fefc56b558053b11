// The path guard: where edits may go without asking, which files always ask, and which paths
// deny rules hide from every tool (Read, Grep, Glob and read-only shell commands alike).

import { existsSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { ShellRead } from "./bash-readonly.ts";
import { matchesPath, patternReaches } from "./rules.ts";

/** The real path: symlinks resolved for the part that exists, `..` normalised for the rest. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return absolute;
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return absolute;
  }
}

export const isInside = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

// Files that steer the shell, git or nanocode itself: a write there asks even when edits are approved.
const SHELL_FILES = new Set([".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".zlogout", ".gitconfig", ".gitmodules", ".envrc"]);
const GUARDED_FOLDERS = new Set([".git", ".nanocode", ".claude", ".ssh", ".husky"]);

/** Why a write to this path always asks, or undefined. */
export function protectedReason(path: string): string | undefined {
  const segments = path.split(sep);
  const folder = segments.slice(0, -1).find((s) => GUARDED_FOLDERS.has(s));
  if (folder) return `it writes inside ${folder}/, which can change how git, nanocode or your shell behave`;
  const name = segments.at(-1) ?? "";
  if (SHELL_FILES.has(name) || name.startsWith(".bashrc") || name.startsWith(".zshrc")) return `${name} is run by your shell or git`;
  if (path.startsWith(join(homedir(), ".config", "fish"))) return "it is a shell configuration file";
  return undefined;
}

export class PathGuard {
  /** Folders the session may edit in: the working directory and `--add-dir`s, real paths. */
  readonly workingDirs: string[];

  constructor(
    workingDirs: string[],
    /** Absolute globs of `Read(...)` deny rules. */
    private readDenied: () => string[],
  ) {
    this.workingDirs = [...new Set(workingDirs.map(realPath))];
  }

  addWorkingDir(dir: string): void {
    const real = realPath(dir);
    if (!this.workingDirs.includes(real)) this.workingDirs.push(real);
  }

  insideWorkingDirs(path: string): boolean {
    const real = realPath(path);
    return this.workingDirs.some((dir) => isInside(dir, real));
  }

  /** The deny rule pattern hiding this path (as written or through symlinks), if any. */
  deniedBy(path: string): string | undefined {
    const candidates = [resolve(path), realPath(path)];
    return this.readDenied().find((pattern) => candidates.some((p) => matchesPath(pattern, p)));
  }

  canRead(path: string): boolean {
    return this.deniedBy(path) === undefined;
  }

  /** A file the command reads by name that a deny rule hides (as `cat secrets/key` does): the call is denied like Read. */
  shellReadDenied(reads: ShellRead[]): { path: string; pattern: string } | undefined {
    for (const read of reads) {
      if (read.tree || read.path === undefined) continue;
      const pattern = this.deniedBy(read.path);
      if (pattern) return { path: read.path, pattern };
    }
    return undefined;
  }

  /** Why a read-only shell command may still reach a denied path, or undefined when it cannot. */
  shellReadProblem(reads: ShellRead[]): string | undefined {
    const denied = this.readDenied();
    if (denied.length === 0) return undefined;
    for (const read of reads) {
      if (read.path === undefined) return "it reads a path only the shell knows, and deny rules hide some paths";
      const dir = read.repo ? repositoryRoot(read.path) : read.path;
      const places = [resolve(dir), realPath(dir)];
      const hit = read.tree ? denied.find((pattern) => places.some((p) => patternReaches(pattern, p))) : this.deniedBy(dir);
      if (hit) return `it can read ${read.tree ? "below " : ""}${dir}, and the deny rule for ${hit} hides paths there`;
    }
    return undefined;
  }
}

/** The top of the git repository holding `path` (the path itself when there is none). */
function repositoryRoot(path: string): string {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return path;
  }
}
