// Paths as the kernel resolves them, for the path guard: it must see the file a command really
// reaches, through symlinks and `..`, not the text the command shows.

import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

/** Paths whose meaning depends on the process that opens them (`/proc/self/cwd`, `/dev/fd/3`). */
export const PROCESS_PATH = /^\/(proc\/(self|thread-self|\d+)|dev\/fd)(\/|$)/;

function lstat(path: string) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The real path, as the kernel finds it: each symlink resolved before a `..` after it applies
 * (`link/../x` is next to where link points, not next to link; Bun's own realpath normalises `..`
 * first), a dangling link followed to the file a write would create, and the part that does not
 * exist yet normalised.
 */
export function realPath(path: string): string {
  const absolute = isAbsolute(path) ? path : `${process.cwd()}/${path}`;
  if (process.platform === "win32") return lexicalRealPath(absolute);
  const queue = absolute.split("/").filter(Boolean);
  let current = "/";
  for (let links = 0; queue.length > 0; ) {
    const name = queue.shift()!;
    if (name === ".") continue;
    if (name === "..") {
      current = dirname(current);
      continue;
    }
    const next = join(current, name);
    const stat = lstat(next);
    if (!stat) return join(next, ...queue);
    // Links in /proc (`/proc/self/cwd`) mean something else in each process: left as written.
    if (stat.isSymbolicLink() && !PROCESS_PATH.test(next)) {
      // A loop is the kernel's ELOOP: the path names nothing, so its text is as good as any.
      if (++links > 40) return resolve(absolute);
      const target = readlinkSync(next);
      queue.unshift(...target.split("/").filter(Boolean));
      if (target.startsWith("/")) current = "/";
      continue;
    }
    current = next;
  }
  return current;
}

function lexicalRealPath(absolute: string): string {
  let existing = resolve(absolute);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return resolve(absolute);
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync.native(existing), ...rest);
  } catch {
    return resolve(absolute);
  }
}
