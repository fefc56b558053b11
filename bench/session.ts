// One scripted print session of an agent's command line against the local scripted server: wall
// time, peak RSS and when its first model request arrived. bench/run.ts and bench/compare.ts share it.
import type { ScriptTurn } from "../src/model/script.ts";
import { startScriptedServer } from "../test/support/scripted-server.ts";

export type Sample = { wallMs: number; maxRssMiB: number; firstRequestMs?: number };

export type SessionRun = {
  /** The command line, before the prompt ("bench"). */
  argv: string[];
  turns: ScriptTurn[];
  cwd: string;
  /** Added to PATH, HOME and the Anthropic variables that point at the server (its URL given). */
  env?: (serverUrl: string) => Record<string, string>;
};

export async function session({ argv, turns, cwd, env }: SessionRun): Promise<Sample> {
  let firstRequestAt: number | undefined;
  const server = startScriptedServer({ turns, workdir: cwd, onRequest: () => (firstRequestAt ??= performance.now()) });
  const started = performance.now();
  const proc = Bun.spawn([...argv, "bench"], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: cwd, ANTHROPIC_API_KEY: "sk-bench", ANTHROPIC_BASE_URL: server.url, ...env?.(server.url) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const wallMs = performance.now() - started;
  server.stop();
  if (code !== 0) throw new Error(`${argv[0]} session failed (${code}): ${err || out}`);
  return { wallMs, maxRssMiB: (proc.resourceUsage()?.maxRSS ?? 0) / 1024 / 1024, firstRequestMs: firstRequestAt && firstRequestAt - started };
}

/** The same 2-turn session every agent runs: a Bash call, then text. */
export const TWO_TURNS: ScriptTurn[] = [[{ type: "tool_use", name: "Bash", input: { command: "echo hi" } }], [{ type: "text", text: "done" }]];

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
