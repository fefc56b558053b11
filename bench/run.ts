// `bun run bench`: start-up, time to first request, peak memory and loop overhead of the compiled
// binary against the local scripted server (zero model latency). Prints a Markdown table.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../scripts/ensure-binary.ts";
import { keyEchoLatency } from "./key-echo.ts";
import type { ScriptTurn } from "../src/model/script.ts";
import { startScriptedServer } from "../test/support/scripted-server.ts";
import { appendMicros } from "./session-append.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(join(tmpdir(), "nanocode-bench-"));
process.once("exit", () => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "small.txt"), "hello\n");
const binary = await ensureBinary();

type Sample = { wallMs: number; maxRssMiB: number; firstRequestMs?: number };

async function session(turns: ScriptTurn[], args: string[] = []): Promise<Sample> {
  let firstRequestAt: number | undefined;
  const server = startScriptedServer({ turns, workdir: work, onRequest: () => (firstRequestAt ??= performance.now()) });
  const started = performance.now();
  const proc = Bun.spawn([binary, "-p", "bench", "--dangerously-skip-permissions", ...args], {
    cwd: work,
    env: { PATH: process.env.PATH!, HOME: work, ANTHROPIC_API_KEY: "sk-bench", ANTHROPIC_BASE_URL: server.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const wallMs = performance.now() - started;
  server.stop();
  if (code !== 0) throw new Error(`session failed (${code}): ${err || out}`);
  return { wallMs, maxRssMiB: (proc.resourceUsage()?.maxRSS ?? 0) / 1024 / 1024, firstRequestMs: firstRequestAt && firstRequestAt - started };
}

async function versionMs(): Promise<number> {
  const started = performance.now();
  const proc = Bun.spawn([binary, "--version"], { stdio: ["ignore", "pipe", "pipe"] });
  await proc.exited;
  return performance.now() - started;
}

const twoTurn: ScriptTurn[] = [[{ type: "tool_use", name: "Bash", input: { command: "echo hi" } }], [{ type: "text", text: "done" }]];
const ROUND_TRIPS = 50;
const manyTurns: ScriptTurn[] = [...Array.from({ length: ROUND_TRIPS }, () => [{ type: "tool_use" as const, name: "Read", input: { file_path: "$WORKDIR/small.txt" } }]), [{ type: "text", text: "done" }]];
const oneTurn: ScriptTurn[] = [[{ type: "text", text: "done" }]];

// Warm the page cache and the build before measuring.
await versionMs();
await session(twoTurn);

const version: number[] = [];
const sessions: Sample[] = [];
const loops: number[] = [];
for (let i = 0; i < RUNS; i++) {
  version.push(await versionMs());
  sessions.push(await session(twoTurn));
}
for (let i = 0; i < Math.max(3, Math.floor(RUNS / 4)); i++) {
  const many = await session(manyTurns);
  const one = await session(oneTurn);
  loops.push((many.wallMs - one.wallMs) / ROUND_TRIPS);
}

const keys = await keyEchoLatency(binary);

const rows: [string, string, string][] = [
  ["`--version` start-up", `${median(version).toFixed(1)} ms`, "≤ 25 ms"],
  ["time until the first model request leaves", `${median(sessions.map((s) => s.firstRequestMs ?? Number.NaN)).toFixed(1)} ms`, "–"],
  ["2-turn print session (Bash, then text): wall", `${median(sessions.map((s) => s.wallMs)).toFixed(1)} ms`, "≤ 150 ms"],
  ["2-turn print session: peak RSS", `${median(sessions.map((s) => s.maxRssMiB)).toFixed(1)} MiB`, "≤ 50 MiB"],
  ["REPL key-to-echo while an answer streams: median / worst of 40", `${keys.medianMs.toFixed(1)} / ${keys.maxMs.toFixed(1)} ms`, "–"],
  ["loop overhead per tool round trip (Read, zero model latency)", `${median(loops).toFixed(2)} ms`, "–"],
  ["session file append (2 kB message): new file / after 20,000 lines (40 MB)", `${appendMicros(work, 0).toFixed(0)} µs / ${appendMicros(work, 20_000).toFixed(0)} µs`, "same"],
];
console.log(`nanocode bench: compiled binary, median of ${RUNS} runs, ${navigator.hardwareConcurrency} cores\n`);
console.log("| measure | result | target |\n| --- | --- | --- |");
for (const [m, r, t] of rows) console.log(`| ${m} | ${r} | ${t} |`);
// `bun run bench --search` adds the search benchmark (it builds a 1 GB corpus on first use).
if (process.argv.includes("--search")) await import("./search.ts");
