// `bun run bench:compare`: nanocode beside Claude Code and opencode, when they are installed, on
// the same scripted 2-turn print session (a Bash call, then text) against the same local server,
// in one run: median wall time and peak RSS of each, and each peer's ratio to nanocode.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../scripts/ensure-binary.ts";
import { median, type Sample, session, TWO_TURNS } from "./session.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), "nanocode-compare-"));
process.once("exit", () => rmSync(work, { recursive: true, force: true }));

type Agent = { name: string; argv: string[]; env?: (serverUrl: string) => Record<string, string> };

function version(argv: string[]): string {
  const out = Bun.spawnSync([...argv, "--version"], { stdio: ["ignore", "pipe", "ignore"] }).stdout.toString().trim();
  return out.split("\n")[0] || "?";
}

const agents: Agent[] = [{ name: "nanocode", argv: [await ensureBinary(), "--dangerously-skip-permissions", "-p"] }];
// The Agent SDK (a dev dependency) brings Claude Code's own binary for this platform.
const bundled = join(import.meta.dir, "..", "node_modules", "@anthropic-ai", `claude-agent-sdk-${process.platform}-${process.arch}`, "claude");
const claude = Bun.which("claude") ?? (existsSync(bundled) ? bundled : undefined);
// IS_SANDBOX: Claude Code refuses to skip permissions as root otherwise (CI runners, containers).
if (claude) agents.push({ name: "Claude Code", argv: [claude, "--dangerously-skip-permissions", "-p"], env: () => ({ DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", IS_SANDBOX: "1" }) });
const opencode = Bun.which("opencode");
if (opencode) {
  // opencode's Anthropic provider (the AI SDK's) takes a base URL that ends in /v1.
  writeFileSync(join(work, "opencode.json"), JSON.stringify({ model: "anthropic/claude-sonnet-4-5", permission: { bash: "allow" } }));
  agents.push({ name: "opencode", argv: [opencode, "run"], env: (url) => ({ ANTHROPIC_BASE_URL: `${url}/v1` }) });
}

const samples = new Map<string, Sample[]>(agents.map((a) => [a.name, []]));
// Round by round, so that load on the machine falls on every agent alike; one warm-up round first.
for (let round = 0; round <= RUNS; round++) {
  for (const agent of agents) {
    const sample = await session({ argv: agent.argv, turns: TWO_TURNS, cwd: work, env: agent.env });
    if (round > 0) samples.get(agent.name)!.push(sample);
  }
}

const [ours] = agents;
const wall = (name: string) => median(samples.get(name)!.map((s) => s.wallMs));
const rss = (name: string) => median(samples.get(name)!.map((s) => s.maxRssMiB));
const cpu = navigator.hardwareConcurrency;
console.log(`2-turn scripted print session (Bash, then text), median of ${RUNS}, ${new Date().toISOString().slice(0, 10)}, ${process.platform}-${process.arch}, ${cpu} cores\n`);
console.log("| agent | version | wall | peak RSS | nanocode / it: wall | nanocode / it: RSS |\n| --- | --- | --- | --- | --- | --- |");
for (const agent of agents) {
  const ratio = (f: (n: string) => number) => (agent === ours ? "–" : (f(ours!.name) / f(agent.name)).toFixed(2));
  console.log(`| ${agent.name} | ${version(agent.argv.slice(0, 1))} | ${wall(agent.name).toFixed(1)} ms | ${rss(agent.name).toFixed(1)} MiB | ${ratio(wall)} | ${ratio(rss)} |`);
}
if (agents.length === 1) console.log("\nNeither Claude Code (`claude`, or the Agent SDK's copy in node_modules) nor opencode was found: install them to compare.");
