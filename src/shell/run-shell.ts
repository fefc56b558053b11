import { closeSync, existsSync, openSync } from "node:fs";
import type { Subprocess } from "bun";
import type { SandboxedRun } from "../registry/define.ts";
import { rememberGroup, sessionMarker } from "./session-processes.ts";
import { spawnOrExplain } from "./spawn-error.ts";

/** The user's shell when it is bash or zsh (their syntax is what models write), else bash, else sh. */
export function userShell(): string {
  const own = process.env.SHELL ?? "";
  if (/\/(bash|zsh)$/.test(own) && existsSync(own)) return own;
  return existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh";
}

/** The progress line of a call that runs in the OS sandbox: the REPL marks such a call "sandboxed". */
export const SANDBOXED = "running in the sandbox";

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Nothing may wait for a terminal: editors, pagers and credential prompts are switched off. */
const NON_INTERACTIVE = { GIT_EDITOR: "true", EDITOR: "true", VISUAL: "true", PAGER: "cat", GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", NANOCODE: "1" };

/**
 * Starts `command` in the user's shell, in its own process group (so the whole group can be
 * killed), stdin closed, stdout and stderr both appended to `outFile` in the order they were
 * written. A file rather than a pipe also means a command that leaves a background process running
 * does not hold the call open. When `cwdFile` is given, the shell writes its final directory there
 * on exit, so a `cd` can stick. `sandboxed`: the shell runs inside the OS sandbox (src/sandbox).
 * Throws an Error saying why when the shell cannot start (see couldNotStart).
 */
export function runShell(command: string, options: { cwd: string; outFile: string; cwdFile?: string; sandboxed?: SandboxedRun }): Subprocess {
  const fd = openSync(options.outFile, "a");
  const extra = options.sandboxed?.fds?.() ?? [];
  const script = options.cwdFile ? `trap 'pwd -P >| ${quote(options.cwdFile)} 2>/dev/null' EXIT\n${command}` : command;
  try {
    const shell = userShell();
    const { sandboxed } = options;
    const argv = sandboxed ? sandboxed.argv([shell, "-c", script]) : [shell, "-c", script];
    const child = spawnOrExplain(argv[0]!, () =>
      Bun.spawn(argv, {
        cwd: options.cwd,
        stdio: ["ignore", fd, fd, ...extra],
        detached: true,
        env: { ...process.env, ...NON_INTERACTIVE, ...sessionMarker(), ...sandboxed?.env },
      }),
    );
    rememberGroup(child.pid);
    return child;
  } finally {
    for (const open of [fd, ...extra]) closeSync(open);
  }
}

/** Kills the process group led by `pid`: the command and everything it started. */
export function killGroup(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
