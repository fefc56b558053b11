// One writer per session file. Two processes appending to the same file interleave their lines,
// and a transcript whose calls and results are mixed up cannot be sent again. A process that
// writes a session holds `<file>.lock` (its pid and host) until it exits; one that would resume a
// held session forks it instead (see openSession).

import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

export type LockHolder = { pid: number; host: string };

const held = new Set<string>();

/**
 * Takes the lock of the session file `path`: undefined when this process holds it now (or
 * already did, or the folder allows no lock file: then the store's own error tells), else who
 * holds it. A lock whose process is gone (same host, pid not running) is taken over.
 */
export function lockSession(path: string): LockHolder | undefined {
  const lock = `${path}.lock`;
  const mine: LockHolder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written whole under a private name, then linked in place: link fails when the lock exists,
    // so no reader ever sees a lock file without its holder.
    const temp = `${lock}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(mine), { mode: 0o600 });
      linkSync(temp, lock);
      remember(lock);
      return undefined;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") return undefined;
    } finally {
      rmSync(temp, { force: true });
    }
    const holder = readHolder(lock);
    if (holder && holder.host === mine.host && holder.pid === mine.pid) return undefined;
    if (holder && (holder.host !== mine.host || isRunning(holder.pid))) return holder;
    // Stale: its process died without removing it, or it is not a lock we wrote. (Two processes
    // taking over the same stale lock at the same instant is the one race left; the link above
    // settles any other.)
    rmSync(lock, { force: true });
  }
  return readHolder(lock);
}

function readHolder(lock: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lock, "utf8")) as Partial<LockHolder>;
    return typeof holder.pid === "number" && typeof holder.host === "string" ? { pid: holder.pid, host: holder.host } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether process `pid` exists (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function remember(lock: string): void {
  if (held.size === 0) process.on("exit", releaseAll);
  held.add(lock);
}

function releaseAll(): void {
  for (const lock of held) {
    const holder = readHolder(lock);
    if (holder?.pid === process.pid) {
      try {
        unlinkSync(lock);
      } catch {
        // Already gone.
      }
    }
  }
  held.clear();
}
