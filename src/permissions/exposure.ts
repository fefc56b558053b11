// What a read-only shell command can still give away. Reading changes nothing, but what it prints
// goes to the model, and a prompt injection only needs it to print a key once. So, as Claude Code
// does for Bash, a read outside the working directories asks (a path only the shell knows may be
// anywhere), a known secret location asks even inside them (secret-paths.ts), and so does
// expanding or printing an environment variable that is not on a short list of harmless ones.

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
  const secret = secretReason(shown) ?? secretReason(real);
  if (secret) return `it reads ${shown}, a known place of ${secret}`;
  if (!guard.insideWorkingDirs(real)) return `it reads ${shown}, outside the working directories (${guard.workingDirs.join(", ")})`;
  // Names are not content, and git shows the repository's own files.
  if (read.namesOnly || read.repo) return undefined;
  if (read.glob !== undefined) return globProblem(real, read);
  return read.tree ? walkProblem(real, read.skipsHidden === true) : undefined;
}

/**
 * The names a glob picks in `dir` (through links: the program opens them): a secret among them, or
 * one below them when the glob goes deeper or the program walks what it is given (`*\/**`).
 */
function globProblem(dir: string, read: ShellRead): string | undefined {
  const deeper = read.glob!.split("/").filter(Boolean).length > 1;
  for (const entry of globPicks(dir, read.glob!)) {
    const path = join(dir, entry.name);
    const secret = secretReason(path) ?? secretReason(realPath(path));
    if (secret) return `its glob ${read.glob} can pick ${path}, a known place of ${secret}`;
    if (entry.isDirectory() && deeper) {
      const why = walkProblem(path, read.skipsHidden === true);
      if (why) return why;
    }
  }
  return undefined;
}

/** A secret somewhere below `dir`, which a walk would read; symbolic links are not followed, as walks do not. */
function walkProblem(dir: string, skipsHidden: boolean): string | undefined {
  const queue = [dir];
  let seen = 0;
  while (queue.length > 0) {
    const folder = queue.pop()!;
    for (const entry of entries(folder)) {
      if (skipsHidden && entry.name.startsWith(".")) continue;
      if (++seen > SCAN_LIMIT) return `it walks ${dir}, which has too many files to check for secrets`;
      const path = join(folder, entry.name);
      const secret = secretReason(path);
      if (secret) return `it walks ${dir}, which holds ${path}, a known place of ${secret}`;
      if (entry.isDirectory() && !SCAN_SKIPS.has(entry.name)) queue.push(path);
    }
  }
  return undefined;
}
