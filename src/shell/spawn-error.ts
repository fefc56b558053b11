import { fsCause } from "../fs/fs-error.ts";

// A process that cannot be created is the system's limit, not nanocode's bug: the call that wanted
// it fails with these words and the session goes on (a fork bomb under a pids limit once aborted it).
const CAUSES: Record<string, string> = {
  EAGAIN: "too many processes are running (EAGAIN: a process limit is reached)",
  ENOMEM: "not enough memory to start a process (ENOMEM)",
  EMFILE: "too many open files (EMFILE)",
  ENFILE: "too many open files in the system (ENFILE)",
};

/** "could not start /bin/bash: too many processes are running (EAGAIN: …)". */
export function couldNotStart(program: string, error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const named = typeof code === "string" ? code : /^([A-Z]{3,}):/.exec((error as Error)?.message ?? "")?.[1];
  const cause = (named && CAUSES[named]) ?? fsCause(error) ?? ((error as Error)?.message || String(error));
  return `could not start ${program}: ${cause}`;
}

/** `spawn()`, or an Error that says in words why `program` could not start. */
export function spawnOrExplain<T>(program: string, spawn: () => T): T {
  try {
    return spawn();
  } catch (error) {
    throw new Error(couldNotStart(program, error));
  }
}
