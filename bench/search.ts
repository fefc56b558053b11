// `bun run bench:search` (or `bun run bench --search`): Grep and Glob on a ~100k-file, ~1 GB
// corpus (bench/corpus.ts) against plain ripgrep on the same tree in the same run. Each round
// runs every variant right after its ripgrep baseline, so load on the machine hits both alike; the
// table shows medians of 5 rounds and the median of the per-round ratios.
import { FileState } from "../src/fs/file-state.ts";
import type { Tool, ToolContext } from "../src/registry/define.ts";
import glob from "../tools/glob.ts";
import grep from "../tools/grep.ts";
import { ensureCorpus } from "./corpus.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = await ensureCorpus();
const rg = Bun.which("rg");
if (!rg) throw new Error("the search benchmark compares with ripgrep: install rg");

const ctx: ToolContext = {
  cwd: root,
  setCwd() {},
  signal: new AbortController().signal,
  toolUseId: "bench",
  sessionId: "bench",
  sessionDir: "/tmp/nanocode-bench-session",
  files: new FileState(),
  canRead: () => true,
  progress() {},
  ask: async () => false,
};

async function timeRg(args: string[]): Promise<number> {
  const started = performance.now();
  const proc = Bun.spawn([rg!, ...args], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
  await new Response(proc.stdout).text();
  await proc.exited;
  return performance.now() - started;
}

async function timeTool(tool: Tool, input: unknown, engine?: "builtin"): Promise<number> {
  if (engine) process.env.NANOCODE_GREP_ENGINE = engine;
  else delete process.env.NANOCODE_GREP_ENGINE;
  const started = performance.now();
  await tool.run(input, ctx);
  return performance.now() - started;
}

type Case = { name: string; rgArgs: string[]; tool: Tool; input: Record<string, unknown>; engine?: "builtin"; target: number };
const literal = "createElement";
const regex = "function\\s+\\w+Error";
const CASES: Case[] = [
  { name: `Grep "${literal}" (files), via rg`, rgArgs: ["--hidden", "-l", literal], tool: grep, input: { pattern: literal, head_limit: 0 }, target: 1.2 },
  { name: `Grep "${literal}" (files), built-in engine`, rgArgs: ["--hidden", "-l", literal], tool: grep, input: { pattern: literal, head_limit: 0 }, engine: "builtin", target: 3 },
  { name: `Grep /${regex}/ (content), via rg`, rgArgs: ["--hidden", "-n", regex], tool: grep, input: { pattern: regex, output_mode: "content", head_limit: 0 }, target: 1.2 },
  { name: `Grep /${regex}/ (content), built-in engine`, rgArgs: ["--hidden", "-n", regex], tool: grep, input: { pattern: regex, output_mode: "content", head_limit: 0 }, engine: "builtin", target: 3 },
  { name: `Grep /${regex}/ (content, head_limit 20), built-in engine`, rgArgs: ["--hidden", "-n", regex], tool: grep, input: { pattern: regex, output_mode: "content", head_limit: 20 }, engine: "builtin", target: 3 },
  { name: "Glob **/*.ts vs rg --files -g '*.ts'", rgArgs: ["--files", "-g", "*.ts"], tool: glob, input: { pattern: "**/*.ts" }, target: 1.3 },
  // Glob must sort by mtime, so it stats every match; rg does the same work with --sort modified.
  { name: "Glob **/*.ts vs rg --files -g '*.ts' --sort modified", rgArgs: ["--files", "-g", "*.ts", "--sort", "modified"], tool: glob, input: { pattern: "**/*.ts" }, target: 1.3 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const samples = CASES.map(() => ({ rg: [] as number[], ours: [] as number[] }));
// One warm-up round fills the page cache.
for (let round = 0; round <= ROUNDS; round++) {
  for (const [i, c] of CASES.entries()) {
    const rgMs = await timeRg(c.rgArgs);
    const ourMs = await timeTool(c.tool, c.input, c.engine);
    if (round > 0) samples[i]!.rg.push(rgMs), samples[i]!.ours.push(ourMs);
  }
}

const files = Number(Bun.spawnSync(["sh", "-c", `find ${root} -type f -not -path '*/.git/*' | wc -l`]).stdout.toString().trim());
const size = Bun.spawnSync(["du", "-sh", "--exclude=.git", root]).stdout.toString().split("\t")[0];
console.log(`search bench: ${files} files, ${size} (${root}), ${(Bun.spawnSync([rg, "--version"]).stdout.toString().split("\n")[0])}, median of ${ROUNDS}, ${navigator.hardwareConcurrency} cores\n`);
console.log("| measure | ripgrep | nanocode | ratio | target |\n| --- | --- | --- | --- | --- |");
for (const [i, c] of CASES.entries()) {
  const { rg: r, ours: o } = samples[i]!;
  const ratio = median(o.map((ms, round) => ms / r[round]!));
  console.log(`| ${c.name} | ${median(r).toFixed(0)} ms | ${median(o).toFixed(0)} ms | ${ratio.toFixed(2)}x | ≤ ${c.target}x${ratio <= c.target ? "" : " (missed)"} |`);
}
