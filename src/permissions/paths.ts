// The path guard: where edits may go without asking, which files always ask, and which paths
// deny rules hide from every tool (Read, Grep, Glob and read-only shell commands alike).

import { resolve } from "node:path";
import { isDirectory } from "../fs/fs-error.ts";
import { isInside } from "../fs/paths.ts";
import type { ShellPart, ShellRead } from "./bash-readonly.ts";
import { DeniedFiles } from "./denied-files.ts";
import { plantedProgram } from "./planted-program.ts";
import { PROCESS_PATH, realPath } from "./real-path.ts";
import { repositoryProblem, repositoryRoot } from "./repository.ts";
import { matchesPath, patternReaches } from "./rules.ts";

export { realPath } from "./real-path.ts";


// Files that steer the shell, git or nanocode itself: a write there asks even when edits are approved.
export const SHELL_FILES = new Set([".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".bash_aliases", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".zlogout", ".kshrc", ".cshrc", ".tcshrc", ".login", ".inputrc", ".gitconfig", ".gitmodules", ".envrc"]);
// A file with one of these names counts too: a `.git` file points git at another repository.
export const GUARDED_FOLDERS = new Set([".git", ".nanocode", ".claude", ".ssh", ".husky"]);

/**
 * A path segment as the file system may see it: case-insensitive file systems (macOS, Windows)
 * take `.GIT` for `.git`, and Windows drops trailing dots and spaces and `::$DATA` stream names.
 */
const canonicalName = (segment: string) => segment.toLowerCase().replace(/::?\$[a-z_]*$/, "").replace(/[. ]+$/, (tail) => (tail === segment ? tail : ""));

/** Why a write to this path always asks, or undefined. */
export function protectedReason(path: string): string | undefined {
  const segments = path.split(/[\\/]/).map(canonicalName);
  const folder = segments.find((s) => GUARDED_FOLDERS.has(s));
  if (folder) return `it writes inside ${folder}/, which can change how git, nanocode or your shell behave`;
  const name = segments.at(-1) ?? "";
  if (SHELL_FILES.has(name) || name.startsWith(".bashrc") || name.startsWith(".zshrc")) return `${name} is run by your shell or git`;
  const config = segments.lastIndexOf(".config");
  if (config !== -1 && ["fish", "git"].includes(segments[config + 1] ?? "")) return "it is a shell or git configuration file";
  return undefined;
}

export class PathGuard {
  /** Folders the session may edit in: the working directory and `--add-dir`s, real paths. */
  readonly workingDirs: string[];
  /** The files the deny rules hide, listed when a hard link or a folder's content must be compared. */
  readonly deniedFiles: DeniedFiles;

  constructor(
    workingDirs: string[],
    /** Absolute globs of `Read(...)` deny rules. */
    private readDenied: () => string[],
  ) {
    this.workingDirs = [...new Set(workingDirs.map(realPath))];
    this.deniedFiles = new DeniedFiles(readDenied);
  }

  insideWorkingDirs(path: string): boolean {
    const real = realPath(path);
    return this.workingDirs.some((dir) => isInside(dir, real));
  }

  /** The deny rule pattern hiding this path (as written, through symlinks, or as a hard link of a denied file), if any. */
  deniedBy(path: string): string | undefined {
    const denied = this.readDenied();
    if (denied.length === 0) return undefined;
    const candidates = [resolve(path), realPath(path)];
    // Through /proc a path can lead anywhere, deny rules cannot follow it.
    if (candidates.some((p) => PROCESS_PATH.test(p))) return denied[0];
    return denied.find((pattern) => candidates.some((p) => matchesPath(pattern, p))) ?? this.deniedFiles.linkedTo(candidates[1]!);
  }

  /**
   * What a program handed this path may show or copy: a denied file (`denied`: the call is
   * refused), or maybe one (`ask`: a folder holding denied files, a path only the shell knows, too
   * many files to compare), which only a person may allow.
   */
  exposes(path: string | undefined): { denied: string } | { ask: string } | undefined {
    if (this.readDenied().length === 0) return undefined;
    if (path === undefined) return { ask: "a word of it is only known when it runs, and deny rules hide some paths" };
    const pattern = this.deniedBy(path);
    if (pattern) return { denied: pattern };
    const inside = isDirectory(path) ? this.deniedFiles.inside(path) : undefined;
    if (!inside) return undefined;
    if ("holds" in inside) return { ask: `${path} holds files the deny rule for ${inside.holds} hides` };
    return { ask: `${path} may hold files the deny rule for ${inside.unsure} hides (too many files to compare)` };
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

  /** Why a git command of the shell may not be a read: the repository it uses can run a program. */
  gitProblem(reads: ShellRead[]): string | undefined {
    for (const read of reads) {
      if (!read.git) continue;
      if (read.path === undefined) return "git runs in a folder only the shell knows";
      const why = repositoryProblem(realPath(read.path), this.workingDirs);
      if (why) return why;
    }
    return undefined;
  }

  /** Why a program the shell starts by name may be a file in the working directories (PATH leads there). */
  programProblem(parts: ShellPart[]): string | undefined {
    for (const name of new Set(parts.flatMap((p) => p.runs))) {
      const why = plantedProgram(name, (path) => this.insideWorkingDirs(path));
      if (why) return why;
    }
    return undefined;
  }

  /** Why a read-only shell command may still reach a denied path, or undefined when it cannot. */
  shellReadProblem(reads: ShellRead[]): string | undefined {
    const denied = this.readDenied();
    if (denied.length === 0) return undefined;
    for (const read of reads) {
      if (read.path === undefined) return "it reads a path only the shell knows, and deny rules hide some paths";
      const dir = read.repo ? repositoryRoot(realPath(read.path)) : read.path;
      const places = [resolve(dir), realPath(dir)];
      if (places.some((p) => PROCESS_PATH.test(p))) return `it reads ${dir}, which can lead anywhere, and deny rules hide some paths`;
      const hit = read.tree ? denied.find((pattern) => places.some((p) => patternReaches(pattern, p))) : this.deniedBy(dir);
      if (hit) return `it can read ${read.tree ? "below " : ""}${dir}, and the deny rule for ${hit} hides paths there`;
      const linked = read.tree && this.deniedFiles.anyLinked();
      if (linked) return `it can read below ${dir}, and a file the deny rule for ${linked} hides has another name (a hard link) that may be there`;
    }
    return undefined;
  }
}
