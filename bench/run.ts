// `bun run bench`: start-up, time to first request, peak memory, loop overhead, binary size and a
// 1,000-turn session of the compiled binary against the local scripted server (zero model
// latency), each beside the runtime's floor measured in the same run. Prints a Markdown table.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../scripts/ensure-binary.ts";
import { buildFloor } from "./floor.ts";
import { keyEchoLatency } from "./key-echo.ts";
import { longSession } from "./long-session.ts";
import type { ScriptTurn } from "../src/model/script.ts";
import { appendMicros } from "./session-append.ts";
import { median, type Sample, session, TWO_TURNS } from "./session.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const work = mkdtempSync(join(tmpdir(), "nanocode-bench-"));
process.once("exit", () => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "small.txt"), "hello\n");
const binary = await ensureBinary();

const nanocode = (turns: ScriptTurn[]) => session({ argv: [binary, "--dangerously-skip-permissions", "-p"], turns, cwd: work });

async function versionMs(program = binary): Promise<number> {
  const started = performance.now();
  const proc = Bun.spawn([program, "--version"], { stdio: ["ignore", "pipe", "pipe"] });
  await proc.exited;
  return performance.now() - started;
}

const floor = await buildFloor();
/** Until the floor program's one POST reaches the server. */
async function floorRequestMs(): Promise<number> {
  let arrived = 0;
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => ((arrived ||= performance.now()), new Response("{}")) });
  const started = performance.now();
  await Bun.spawn([floor.binary, server.url.href], { stdio: ["ignore", "ignore", "ignore"] }).exited;
  server.stop(true);
  return arrived - started;
}

const ROUND_TRIPS = 50;
const manyTurns: ScriptTurn[] = [...Array.from({ length: ROUND_TRIPS }, () => [{ type: "tool_use" as const, name: "Read", input: { file_path: "$WORKDIR/small.txt" } }]), [{ type: "text", text: "done" }]];
const oneTurn: ScriptTurn[] = [[{ type: "text", text: "done" }]];

// Warm the page cache and the build before measuring.
await versionMs();
await nanocode(TWO_TURNS);

const version: number[] = [];
const floorVersion: number[] = [];
const floorRequest: number[] = [];
const sessions: Sample[] = [];
const loops: number[] = [];
for (let i = 0; i < RUNS; i++) {
  floorVersion.push(await versionMs(floor.binary));
  version.push(await versionMs());
  floorRequest.push(await floorRequestMs());
  sessions.push(await nanocode(TWO_TURNS));
}
for (let i = 0; i < Math.max(3, Math.floor(RUNS / 4)); i++) {
  const many = await nanocode(manyTurns);
  const one = await nanocode(oneTurn);
  loops.push((many.wallMs - one.wallMs) / ROUND_TRIPS);
}

const keys = await keyEchoLatency(binary);

const long = await longSession(1000);
const MB = (bytes: number) => (bytes / 1e6).toFixed(1);
const floorMs = median(floorRequest);
const firstRequestMs = median(sessions.map((s) => s.firstRequestMs ?? Number.NaN));
const rows: [string, string, string][] = [
  ["`--version` start-up (floor: a trivial compiled Bun program)", `${median(version).toFixed(1)} ms (floor ${median(floorVersion).toFixed(1)} ms)`, "≤ 25 ms"],
  ["time until the first model request leaves (floor: its one POST)", `${firstRequestMs.toFixed(1)} ms (floor ${floorMs.toFixed(1)} ms, +${(firstRequestMs - floorMs).toFixed(1)})`, "≤ floor + 10 ms"],
  ["2-turn print session (Bash, then text): wall", `${median(sessions.map((s) => s.wallMs)).toFixed(1)} ms`, "≤ 150 ms"],
  ["2-turn print session: peak RSS", `${median(sessions.map((s) => s.maxRssMiB)).toFixed(1)} MiB`, "≤ 50 MiB"],
  ["REPL key-to-echo while an answer streams: median / worst of 40", `${keys.medianMs.toFixed(1)} / ${keys.maxMs.toFixed(1)} ms`, "–"],
  ["loop overhead per tool round trip (Read, zero model latency)", `${median(loops).toFixed(2)} ms`, "–"],
  ["session file append (2 kB message): new file / after 20,000 lines (40 MB)", `${appendMicros(work, 0).toFixed(0)} µs / ${appendMicros(work, 20_000).toFixed(0)} µs`, "same"],
  ["1,000-turn session: time per turn, first 50 / last 50", `${long.startMsPerTurn.toFixed(1)} / ${long.endMsPerTurn.toFixed(1)} ms (${(long.endMsPerTurn / long.startMsPerTurn).toFixed(2)}x)`, "≤ 1.2x"],
  ["1,000-turn session: RSS after turn 50 / 100 / 1,000 (conversation at the end)", `${long.startRssMiB.toFixed(1)} / ${long.warmRssMiB.toFixed(1)} / ${long.endRssMiB.toFixed(1)} MiB (${long.conversationMiB.toFixed(2)} MiB)`, "growth ≤ 10 MiB + conversation"],
  ["host binary size", `${MB(statSync(binary).size)} MB (floor ${MB(floor.sizeBytes)} MB, +${MB(statSync(binary).size - floor.sizeBytes)})`, "≤ 117 MB"],
];
console.log(`nanocode bench: compiled binary, median of ${RUNS} runs, ${navigator.hardwareConcurrency} cores\n`);
console.log("| measure | result | target |\n| --- | --- | --- |");
for (const [m, r, t] of rows) console.log(`| ${m} | ${r} | ${t} |`);
// `bun run bench --search` adds the search benchmark (it builds a 1 GB corpus on first use).
if (process.argv.includes("--search")) await import("./search.ts");
