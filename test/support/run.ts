import { ensureBinary } from "../../scripts/ensure-binary.ts";

export type RunResult = { code: number; stdout: string; stderr: string };

export type RunOptions = {
  cwd: string;
  /** The whole environment besides PATH: nothing leaks in from the test runner. */
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
  /** A binary other than dist/nanocode (e.g. a copy in an empty folder). */
  bin?: string;
  /** A command that runs the binary (its argv follows), such as a namespace that keeps it in one folder. */
  wrap?: string[];
};

/** Runs the compiled binary to completion. */
export async function runNanocode(args: string[], options: RunOptions): Promise<RunResult> {
  const bin = options.bin ?? (await ensureBinary());
  const proc = Bun.spawn([...(options.wrap ?? []), bin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: options.cwd, ...options.env },
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}
