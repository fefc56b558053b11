// Every process, server and terminal a test starts ends with it, also when the test fails, and
// the run fails when anything it started is still alive at the end. A hook that a support module
// registers at its top level binds only the first test file that imports it (Bun evaluates the
// module once per run), so the hooks live in the preload (setup.ts) and call these.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isRunning } from "../../src/session/lock.ts";
import { sessionPids } from "../../src/shell/session-processes.ts";

const stops: (() => void)[] = [];

/** Ends something a test started once the test is over (pass or fail). */
export function endAfterTest(stop: () => void): void {
  stops.push(stop);
}

/** Runs what endAfterTest collected: the preload calls it after each test and at exit. */
export function endTestThings(): void {
  for (const stop of stops.splice(0)) {
    try {
      stop();
    } catch {
      // Already ended.
    }
  }
}

/** The tmux socket names of test runs (see tmux.ts): `nanocode-test-<pid of the runner>`. */
export const tmuxSocket = (pid: number) => `nanocode-test-${pid}`;
const tmuxDir = () => join(process.env.TMUX_TMPDIR || "/tmp", `tmux-${process.getuid?.() ?? 0}`);

export function killTmuxServer(socket: string): void {
  Bun.spawnSync(["tmux", "-L", socket, "kill-server"], { stdout: "ignore", stderr: "ignore" });
}

/** Tmux servers of earlier runs whose runner is gone (killed before its hooks ran) are ended. */
export function endOrphanedTmuxServers(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmuxDir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^nanocode-test-(\d+)$/.exec(name)?.[1]);
    if (!pid || isRunning(pid)) continue;
    killTmuxServer(name);
    rmSync(join(tmuxDir(), name), { force: true });
  }
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim().slice(0, 160);
  } catch {
    return "";
  }
};

/**
 * After the last test: what the run started and is still alive (the runner is the subreaper of
 * every orphan, see setup.ts) gets a moment to end, then is killed and named in the error that
 * fails the run. (Linux: it reads /proc.)
 */
export async function endLeftovers(graceMs = 3000): Promise<void> {
  if (process.platform !== "linux") return;
  const deadline = Date.now() + graceMs;
  let left = sessionPids();
  while (left.length > 0 && Date.now() < deadline) {
    await Bun.sleep(100);
    left = sessionPids();
  }
  if (left.length === 0) return;
  const named = left.map((pid) => `${pid} ${commandLine(pid)}`);
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Ended meanwhile.
    }
  }
  throw new Error(`the test run left ${left.length} process${left.length > 1 ? "es" : ""} running (now killed):\n${named.join("\n")}`);
}
