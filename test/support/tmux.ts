// Drives a program in a real terminal: a detached tmux session of a fixed size, keys sent with
// send-keys, the screen read with capture-pane. Waits poll the screen until a deadline instead of
// sleeping fixed times.

import { endAfterTest, tmuxSocket } from "./cleanup.ts";

let counter = 0;
// A tmux server of this test process's own, so parallel test runs never share one; the preload
// ends it after the run (see cleanup.ts).
const SOCKET = tmuxSocket(process.pid);

const tmux = (args: string[]) => {
  const proc = Bun.spawnSync(["tmux", "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
  if (proc.exitCode !== 0) throw new Error(`tmux ${args[0]}: ${proc.stderr.toString().trim()}`);
  return proc.stdout.toString();
};

export class Terminal {
  readonly name = `nanocode-test-${process.pid}-${++counter}`;

  constructor(argv: string[], options: { cwd: string; env: Record<string, string>; columns?: number; rows?: number }) {
    const env = Object.entries({ TERM: "xterm-256color", PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    const quoted = argv.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
    // `; sleep` keeps the pane after the program exits, so its last screen can still be read.
    const start = ["new-session", "-d", "-s", this.name, "-x", String(options.columns ?? 100), "-y", String(options.rows ?? 30), "-c", options.cwd, ...env, `${quoted}; echo "[exited $?]"; sleep 600`];
    // The server exits when its last session closes; a start racing that exit is tried again.
    for (let attempt = 0; ; attempt++) {
      try {
        tmux(start);
        endAfterTest(() => this.close());
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        Bun.sleepSync(50);
      }
    }
  }

  /** Types literal text (no key names). */
  type(text: string): void {
    tmux(["send-keys", "-t", this.name, "-l", text]);
  }

  /** Types a line and presses Enter. */
  submit(text: string): void {
    this.type(text);
    this.keys("Enter");
  }

  /** Sends tmux key names: Enter, Escape, C-c, BTab, Up, Tab… */
  keys(...names: string[]): void {
    tmux(["send-keys", "-t", this.name, ...names]);
  }

  /** Pastes text as a terminal paste (bracketed when the program asked for it). */
  paste(text: string): void {
    const buffer = `${this.name}-paste`;
    tmux(["set-buffer", "-b", buffer, text]);
    tmux(["paste-buffer", "-p", "-d", "-b", buffer, "-t", this.name]);
  }

  /** The visible screen; with `escapes`, the colour and style codes too. */
  screen(escapes = false): string {
    return tmux(["capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", this.name]);
  }

  /** Screen and scrollback. */
  history(): string {
    return tmux(["capture-pane", "-p", "-S", "-2000", "-t", this.name]);
  }

  resize(columns: number, rows: number): void {
    tmux(["resize-window", "-t", this.name, "-x", String(columns), "-y", String(rows)]);
  }

  /** Waits until the screen (with scrollback) satisfies `match`; throws with the screen after `timeoutMs`. */
  async waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const test = typeof match === "function" ? match : (s: string) => (typeof match === "string" ? s.includes(match) : match.test(s));
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const screen = this.history();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(match)}; screen:\n${screen}`);
      await Bun.sleep(25);
    }
  }

  close(): void {
    try {
      tmux(["kill-session", "-t", this.name]);
    } catch {}
  }
}
