// File-system errors in words: what a user reads when a file nanocode needs is a directory, is
// unreadable or sits under something that is not a folder. Node's own messages ("EISDIR: illegal
// operation on a directory, read") name the system call, not the problem.

import { lstatSync, statSync } from "node:fs";
import { NotReadable, notRegular, readRegularFile } from "./regular-file.ts";

const CAUSES: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "part of the path is a file, not a directory",
  ENOENT: "no such file or directory",
  EEXIST: "already exists",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EMFILE: "too many open files",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
};

/**
 * "/x/y: is a directory, not a file (EISDIR)", or undefined when `error` is no file-system error.
 * `path` names the file when the error does not (Bun's readFileSync leaves it out).
 */
export function fsErrorText(error: unknown, path?: string): string | undefined {
  const cause = fsCause(error);
  if (!cause) return undefined;
  const named = (error as { path?: unknown }).path;
  const where = typeof named === "string" && named ? named : path;
  return where ? `${where}: ${cause}` : cause;
}

/** "permission denied (EACCES)": a file-system error's cause without its path, or undefined for any other error. */
export function fsCause(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  const cause = typeof code === "string" ? CAUSES[code] : undefined;
  return cause && `${cause} (${code})`;
}

/**
 * A configuration file's text, or the one line saying why it cannot be read: only a regular file
 * (links followed) of reasonable size is read (see regular-file.ts). A file that is absent is
 * `{ missing: true }`: callers skip those silently, and report the others. `pipes`: a path the
 * user named on the command line may be a pipe (`--settings <(…)`).
 */
export function readConfigText(path: string, options: { pipes?: boolean } = {}): { text: string } | { problem: string } | { missing: true } {
  try {
    return { text: readRegularFile(path, options) };
  } catch (error) {
    if (error instanceof NotReadable) return { problem: `${path}: ${error.message}` };
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return isPresent(path) ? { problem: `${path}: is a symbolic link to a file that does not exist` } : { missing: true };
    // Opening a socket fails with ENXIO: say what is there instead.
    if (code === "ENXIO") return { problem: `${path}: ${notRegular(statSync(path))}` };
    return { problem: fsErrorText(error, path) ?? `${path}: ${(error as Error).message}` };
  }
}

/** `text` as JSON, or undefined with one line in `problems` naming `origin` and what is lost (`consequence`). */
export function parseConfigJson(text: string, origin: string, consequence: string, problems: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push(`${origin}: invalid JSON (${(error as Error).message}); ${consequence}`);
    return undefined;
  }
}

/**
 * Whether anything is at `path` itself (a link counts, even one that leads nowhere or into a loop),
 * so that a configuration file there that cannot be read is reported instead of passed over.
 */
export function isPresent(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    // Under a file (`.claude` that is a file): nothing can be there.
    return (error as { code?: string }).code !== "ENOTDIR";
  }
}

/** The text of the configuration file `path`; undefined when it is absent, or (one line added to `problems`, ending with `skipped`) cannot be read. */
export function readOrReport(path: string, problems: string[], skipped: string): string | undefined {
  const read = readConfigText(path);
  if ("problem" in read) problems.push(`${read.problem}; ${skipped}`);
  return "text" in read ? read.text : undefined;
}

/** What `list` finds in the folder `dir`; a folder that cannot be listed (no permission) adds one line to `problems`, ending with `skipped`, and lists nothing. */
export function listOrReport<T>(dir: string, list: () => T[], problems: string[], skipped: string): T[] {
  try {
    return list();
  } catch (error) {
    problems.push(`${fsErrorText(error, dir) ?? `${dir}: ${(error as Error).message}`}; ${skipped}`);
    return [];
  }
}

/** Whether `path` is a regular file; false (never a throw) when anything on the way is missing, a file or unreadable. */
export function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/** Whether `path` is a directory; false (never a throw) otherwise. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}
