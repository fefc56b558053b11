// Runs one hook command: JSON on stdin, output collected, and the whole process group killed when
// it outlives its timeout or the run is interrupted.

import { existsSync } from "node:fs";
import { sessionMarker } from "../shell/session-processes.ts";
import { couldNotStart } from "../shell/spawn-error.ts";

export type HookRun = {
  command: string;
  /** The exit code; null when the hook was killed (timeout, interrupt) or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
};

export const DEFAULT_HOOK_TIMEOUT_S = 60;

const shell = () => (existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh");

export async function runHookCommand(command: string, input: string, options: { cwd: string; env: Record<string, string>; timeoutS?: number; signal?: AbortSignal }): Promise<HookRun> {
  let child: ReturnType<typeof Bun.spawn<"pipe", "pipe", "pipe">>;
  try {
    child = Bun.spawn([shell(), "-c", command], { cwd: options.cwd, env: { ...options.env, ...sessionMarker() }, stdin: "pipe", stdout: "pipe", stderr: "pipe", detached: true });
  } catch (error) {
    return { command, code: null, stdout: "", stderr: couldNotStart(shell(), error), timedOut: false };
  }
  const killGroup = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      killGroup();
    },
    (options.timeoutS ?? DEFAULT_HOOK_TIMEOUT_S) * 1000,
  );
  options.signal?.addEventListener("abort", killGroup, { once: true });
  // A hook that never reads stdin must not make the write fail.
  void (async () => {
    try {
      child.stdin.write(input);
      await child.stdin.end();
    } catch {}
  })();
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  options.signal?.removeEventListener("abort", killGroup);
  return { command, code: timedOut || child.signalCode ? null : code, stdout, stderr, timedOut };
}
