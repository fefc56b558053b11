import { rememberGroup, sessionMarker } from "../shell/session-processes.ts";
import { spawnOrExplain } from "../shell/spawn-error.ts";

export type ExecOptions = {
  cwd?: string;
  /** Kills the command (and its children) when aborted: pass `ctx.signal`. */
  signal?: AbortSignal;
  /** Kills the command after this long; `timedOut` is then true. */
  timeoutMs?: number;
  /** Text written to the command's stdin (closed otherwise). */
  stdin?: string;
  /** Added to (not replacing) the environment. */
  env?: Record<string, string>;
};

export type ExecResult = { stdout: string; stderr: string; exitCode: number | null; signal: string | null; timedOut: boolean };

/**
 * Runs a command to completion for a tool: a string runs through `sh -c`, an array runs as argv
 * with no shell. Never throws for a failing command (see exitCode), only for one that cannot start
 * (an Error saying why, see couldNotStart); the whole process group is
 * killed on abort or timeout, so nothing is left running.
 */
export async function exec(command: string | string[], options: ExecOptions = {}): Promise<ExecResult> {
  const argv = typeof command === "string" ? ["/bin/sh", "-c", command] : command;
  const child = spawnOrExplain(argv[0]!, () =>
    Bun.spawn(argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, ...sessionMarker() },
      stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
      stdout: "pipe",
      stderr: "pipe",
      detached: true,
    }),
  );
  rememberGroup(child.pid);
  const kill = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  let timedOut = false;
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), kill()), options.timeoutMs);
  if (options.signal?.aborted) kill();
  options.signal?.addEventListener("abort", kill, { once: true });
  try {
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    return { stdout, stderr, exitCode: child.signalCode ? null : exitCode, signal: child.signalCode ? String(child.signalCode) : null, timedOut };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", kill);
  }
}
