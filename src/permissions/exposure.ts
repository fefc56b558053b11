// What a read-only shell command can still give away. Reading changes nothing, but what it prints
// goes to the model, and a prompt injection only needs it to print a key once. So, as Claude Code
// does for Bash, a read outside the working directories asks (a path only the shell knows may be
// anywhere), a known secret location asks even inside them (secret-paths.ts), and so does
// expanding or printing an environment variable that is not on a short list of harmless ones.

import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ShellAnalysis, ShellRead } from "./bash-readonly.ts";
import { entries, globPicks } from "./bash/glob-match.ts";
import type { PathGuard } from "./paths.ts";
import { realPath } from "./real-path.ts";
import { secretReason } from "./secret-paths.ts";

// Variables that describe the session, not credentials; `$?`, `$1`, `$@`… are the shell's own.
const SAFE_VARIABLES = /^(HOME|PWD|OLDPWD|USER|LOGNAME|SHELL|PATH|TERM|LANG|LANGUAGE|LC_[A-Z]+|TZ|HOSTNAME|TMPDIR|[0-9]+|[?#$!@*_-])$/;

// Devices that read as nothing, zeros or noise, wherever the working directories are.
const HARMLESS_DEVICES = new Set(["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/stdin"]);

// A walk looks at this many names at most before it gives up and asks.
const SCAN_LIMIT = 20_000;
// Folders a walk does not look into for secrets: git's own store and installed packages (their
// test keys and `.env` files are not the user's).
const SCAN_SKIPS = new Set([".git", "node_modules"]);

/** Why a command the analysis calls read-only may expose a secret, or undefined when it cannot. */
export function exposureProblem(shell: ShellAnalysis, guard: PathGuard): string | undefined {
  for (const name of shell.variables) {
    if (name === "*") return "it prints every environment variable, secrets included";
    if (!SAFE_VARIABLES.test(name)) return `it expands $${name}, which may hold a secret (only HOME, PWD, USER, PATH, LANG and a few more are expanded without asking)`;
  }
  for (const read of shell.reads) {
    const why = readProblem(read, guard);
    if (why) return why;
  }
  return undefined;
}

function readProblem(read: ShellRead, guard: PathGuard): string | undefined {
  if (read.path === undefined) return "it reads a path only the shell knows, which may lie outside the working directories";
  const shown = resolve(read.path);
  const real = realPath(read.path);
  if (HARMLESS_DEVICES.has(shown) || HARMLESS_DEVICES.has(real)) return undefined;
  const why = placeProblem(shown, guard);
  // Names are not content, and git shows the repository's own files.
  if (why || read.namesOnly || read.repo) return why;
  if (read.glob !== undefined) return globProblem(real, read, guard);
  return read.tree ? walkProblem(real, read.skipsHidden === true, guard) : undefined;
}

/** Why reading `path` (as named, and where its links lead) gives away what it should not. */
function placeProblem(path: string, guard: PathGuard): string | undefined {
  const real = realPath(path);
  const secret = secretReason(path) ?? secretReason(real);
  if (secret) return `it reads ${path}, a known place of ${secret}`;
  if (!guard.insideWorkingDirs(real)) return `it reads ${path}${real === path ? "" : ` (${real})`}, outside the working directories (${guard.workingDirs.join(", ")})`;
  return undefined;
}

/**
 * The names a glob picks in `dir`, which the program opens through links: a secret or a place
 * outside among them, or below them when the glob goes deeper or the program walks what it is
 * given (`*\/**`).
 */
function globProblem(dir: string, read: ShellRead, guard: PathGuard): string | undefined {
  const deeper = read.glob!.split("/").filter(Boolean).length > 1;
  for (const entry of globPicks(dir, read.glob!)) {
    const path = join(dir, entry.name);
    const why = placeProblem(path, guard) ?? (deeper && isDirectory(path) ? walkProblem(realPath(path), read.skipsHidden === true, guard) : undefined);
    if (why) return `its glob ${read.glob} picks ${entry.name}: ${why}`;
  }
  return undefined;
}

/**
 * A secret somewhere below `dir`, or a link there leading to one or out of the working
 * directories (`find . -exec cat {} +` opens what links point at).
 */
function walkProblem(dir: string, skipsHidden: boolean, guard: PathGuard): string | undefined {
  const queue = [dir];
  let seen = 0;
  while (queue.length > 0) {
    const folder = queue.pop()!;
    for (const entry of entries(folder)) {
      if (skipsHidden && entry.name.startsWith(".")) continue;
      if (++seen > SCAN_LIMIT) return `it walks ${dir}, which has too many files to check for secrets`;
      const path = join(folder, entry.name);
      const why = entry.isSymbolicLink() ? placeProblem(path, guard) : secretReason(path) && `it reads ${path}, a known place of ${secretReason(path)}`;
      if (why) return `it walks ${dir}: ${why}`;
      if (entry.isDirectory() && !SCAN_SKIPS.has(entry.name)) queue.push(path);
    }
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
