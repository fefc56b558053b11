// The compiled binary as a live process: read its stdout line by line while it runs, write to its
// stdin, send it signals. For stream-json conversations and SIGTERM tests.

import { ensureBinary } from "../../scripts/ensure-binary.ts";

export type LiveProcess = {
  /** Every stdout line so far, JSON-parsed when it parses. */
  lines: unknown[];
  /** Resolves with the first line (from now on or already seen) that matches. */
  waitForLine(match: (line: any) => boolean): Promise<any>;
  write(text: string): void;
  endInput(): void;
  kill(signal: NodeJS.Signals): void;
  /** The exit code (Bun reports 128 + n for a death by signal n). */
  exited: Promise<{ code: number; stderr: string }>;
};

export async function startNanocode(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<LiveProcess> {
  const bin = await ensureBinary();
  const proc = Bun.spawn([bin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: options.cwd, ...options.env },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  const lines: unknown[] = [];
  const waiters: { match: (line: any) => boolean; resolve: (line: unknown) => void }[] = [];
  const seen = (line: unknown) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of proc.stdout) {
      buffer += decoder.decode(chunk, { stream: true });
      let i = buffer.indexOf("\n");
      while (i >= 0) {
        const text = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        try {
          seen(JSON.parse(text));
        } catch {
          seen(text);
        }
        i = buffer.indexOf("\n");
      }
    }
    if (buffer) seen(buffer);
  })();
  const killer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  return {
    lines,
    waitForLine: (match) => {
      const found = lines.find((l) => match(l));
      return found !== undefined ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    write: (text) => {
      proc.stdin.write(text);
      proc.stdin.flush();
    },
    endInput: () => proc.stdin.end(),
    kill: (signal) => proc.kill(signal),
    exited: (async () => {
      const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited, reading]);
      clearTimeout(killer);
      return { code, stderr };
    })(),
  };
}
