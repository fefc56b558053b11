// Processes a session starts end with it: a command's background job, `nohup`, `setsid` and double
// forks included (they leave the command's process group, so killing the group is not enough).
// On Linux nanocode becomes a child subreaper on the first process it starts, so orphans reparent
// to it instead of to init; at exit it kills every descendant (/proc's parent links) and every
// process carrying this session's marker in its environment (the fallback where prctl is not
// available). Elsewhere the process groups it made are killed. Background tasks end too, as in
// Claude Code.

import { readdirSync, readFileSync } from "node:fs";

const MARKER = "NANOCODE_SESSION_PROCESSES";
const token = `${process.pid}-${crypto.randomUUID()}`;
const groups = new Set<number>();
const EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
const REAP_EVERY_MS = 5000;
let installed = false;

/** The environment entry that marks a process as this session's; call it for every process a tool starts. */
export function sessionMarker(): Record<string, string> {
  endWithThisProcess();
  return { [MARKER]: token };
}

/** A process group a tool made: it is killed when nanocode exits. */
export function rememberGroup(pgid: number): void {
  groups.add(pgid);
}

/**
 * From now on every process this one starts, and every orphan of theirs, ends when it exits (the
 * test runner uses it too). Called on the first process a tool starts: a session that starts none
 * does none of this.
 */
export function endWithThisProcess(): void {
  if (installed) return;
  installed = true;
  const libc = process.platform === "linux" ? linuxLibc() : undefined;
  if (libc && libc.symbols.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) === 0) setInterval(() => reapOrphans(libc), REAP_EVERY_MS).unref();
  // A signal nothing else handles would end the process without its exit handlers.
  for (const [name, code] of Object.entries(EXIT_CODES)) {
    process.on(name, () => {
      if (process.listenerCount(name) === 1) process.exit(code);
    });
  }
  process.on("exit", endAll);
}

function endAll(): void {
  // /proc sees every member of those groups too, and a long-gone group's id may be reused.
  if (process.platform !== "linux") {
    for (const pgid of groups) killQuietly(-pgid);
    return;
  }
  // Rounds: a process may fork between the scan and the kill.
  for (let round = 0; round < 3; round++) {
    const left = sessionPids();
    if (left.length === 0) return;
    for (const pid of left) killQuietly(pid);
  }
}

const killQuietly = (pid: number) => {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone, or not ours to kill.
  }
};

type ProcEntry = { pid: number; ppid: number; state: string };

/** Every process /proc shows, with its parent and state ("Z": a zombie). */
function processes(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      // The command name may hold spaces and parentheses: the fields after it start past the last ")".
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.push({ pid, ppid: Number(ppid), state: state ?? "" });
    } catch {
      // Ended while listing.
    }
  }
  return out;
}

function carries(pid: number, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(entry);
  } catch {
    return false;
  }
}

/**
 * Processes still alive (Linux, from /proc) that this process started: its descendants (orphans
 * included, once it is their subreaper), and every process carrying its marker, wherever it went.
 */
export function sessionPids(): number[] {
  const entry = `${MARKER}=${token}`;
  const all = processes().filter((p) => p.pid !== process.pid && p.state !== "Z");
  const ours = new Set(all.filter((p) => p.ppid === process.pid || carries(p.pid, entry)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        grew = true;
      }
    }
  }
  return [...ours];
}

const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;
type Libc = NonNullable<ReturnType<typeof linuxLibc>>;

function linuxLibc() {
  // Loaded on first use only: bun:ffi is not needed by a session that starts no process.
  const { dlopen, FFIType } = require("bun:ffi") as typeof import("bun:ffi");
  const symbols = {
    prctl: { args: [FFIType.i32, FFIType.u64, FFIType.u64, FFIType.u64, FFIType.u64], returns: FFIType.i32 },
    waitpid: { args: [FFIType.i32, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  } as const;
  for (const name of ["libc.so.6", "libc.so"]) {
    try {
      return dlopen(name, symbols);
    } catch {
      // Not this libc (musl names it differently): try the next, or go without a subreaper.
    }
  }
  return undefined;
}

// Orphans that ended are zombies of nanocode now, and nothing else waits for them. Bun waits for
// the children it started within moments, so a child that stays a zombie across two sweeps is an
// orphan: reaping only those never takes an exit status Bun is waiting for.
let zombies = new Set<number>();
function reapOrphans(libc: Libc): void {
  const now = new Set<number>();
  for (const p of processes()) {
    if (p.ppid !== process.pid || p.state !== "Z") continue;
    if (zombies.has(p.pid)) libc.symbols.waitpid(p.pid, null, WNOHANG);
    else now.add(p.pid);
  }
  zombies = now;
}
