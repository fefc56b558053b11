// `bun run bench --long` (or `bun bench/long-session.ts [turns]`): one scripted print session of
// 1,000 tool turns through the compiled binary, each a Bash call with an 8 KB result, in a window
// small enough that compaction runs every few dozen turns. Reports the time per turn and the RSS
// at the start and the end, so growth that the conversation does not explain shows up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../scripts/ensure-binary.ts";
import { SUMMARY_MARKER } from "../src/context/summary.ts";
import type { ScriptTurn } from "../src/model/script.ts";
import { type RecordedRequest, startScriptedServer } from "../test/support/scripted-server.ts";

const TURNS = Number(process.argv[2] ?? process.env.BENCH_TURNS ?? 1000);
/** Turns averaged at each end. */
const EDGE = 50;
/** Lazily loaded code and the JIT fill the first turns: growth is also reported from this turn on. */
const WARM = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MiB = (kb: number) => kb / 1024;

export type LongSessionResult = { turns: number; compactions: number; startMsPerTurn: number; endMsPerTurn: number; startRssMiB: number; endRssMiB: number; peakRssMiB: number; conversationMiB: number; warmRssMiB: number; rssByTenth: number[] };

/** VmRSS of a live process in KiB (Linux), or 0 where /proc is not there. */
function rssKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export async function longSession(turns = TURNS): Promise<LongSessionResult> {
  const work = mkdtempSync(join(tmpdir(), "nanocode-long-"));
  try {
    for (let i = 0; i < 20; i++) writeFileSync(join(work, `out-${i}.txt`), `line ${i} of a mid-size tool result, as a build log would print it\n`.repeat(120));
    const isSummary = (r: RecordedRequest) => JSON.stringify(r.body.messages.at(-1)).includes(SUMMARY_MARKER);
    const SUMMARY: ScriptTurn = [{ type: "text", text: "<summary>1. Request: print the logs. 7. Current work: printing out-N.txt files.</summary>" }];
    const arrivals: number[] = [];
    const rss: number[] = [];
    let toolTurns = 0;
    let compactions = 0;
    let conversationBytes = 0;
    let pid = 0;
    const server = startScriptedServer({
      workdir: work,
      reply: (request) => {
        if (isSummary(request)) return compactions++, SUMMARY;
        arrivals.push(performance.now());
        rss.push(rssKiB(pid));
        conversationBytes = JSON.stringify(request.body.messages).length;
        if (toolTurns++ >= turns) return [{ type: "text", text: "done" }];
        return [{ type: "tool_use", name: "Bash", input: { command: `cat out-${toolTurns % 20}.txt` } }];
      },
      // Requests are not kept: 1,000 of them would only measure this process.
      onRequest: () => void server.requests.splice(0),
    });
    const proc = Bun.spawn([await ensureBinary(), "-p", "print the logs", "--dangerously-skip-permissions"], {
      cwd: work,
      env: { PATH: process.env.PATH!, HOME: work, ANTHROPIC_API_KEY: "sk-bench", ANTHROPIC_BASE_URL: server.url, NANOCODE_AUTO_COMPACT_WINDOW: "60000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    pid = proc.pid;
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    server.stop();
    if (code !== 0) throw new Error(`long session failed (${code}): ${err || out}`);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    return {
      turns: toolTurns - 1,
      compactions,
      startMsPerTurn: median(gaps.slice(0, EDGE)),
      endMsPerTurn: median(gaps.slice(-EDGE)),
      startRssMiB: MiB(median(rss.slice(1, EDGE))),
      warmRssMiB: MiB(median(rss.slice(WARM - EDGE / 2, WARM + EDGE / 2))),
      endRssMiB: MiB(median(rss.slice(-EDGE))),
      peakRssMiB: MiB((proc.resourceUsage()?.maxRSS ?? 0) / 1024),
      conversationMiB: conversationBytes / 1024 / 1024,
      rssByTenth: Array.from({ length: 10 }, (_, i) => MiB(rss[Math.floor(((i + 1) * (rss.length - 1)) / 10)]!)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const r = await longSession();
  console.log(`| ${r.turns}-turn session (${r.compactions} compactions) | start | end | target |\n| --- | --- | --- | --- |`);
  console.log(`| time per turn | ${r.startMsPerTurn.toFixed(1)} ms | ${r.endMsPerTurn.toFixed(1)} ms (${(r.endMsPerTurn / r.startMsPerTurn).toFixed(2)}x) | ≤ 1.2x |`);
  console.log(`| RSS | ${r.startRssMiB.toFixed(1)} MiB | ${r.endRssMiB.toFixed(1)} MiB (+${(r.endRssMiB - r.startRssMiB).toFixed(1)}; conversation ${r.conversationMiB.toFixed(2)} MiB, peak ${r.peakRssMiB.toFixed(1)}) | growth − conversation ≤ 10 MiB |`);
  console.log(`| RSS after ${WARM} turns of warm-up | ${r.warmRssMiB.toFixed(1)} MiB | ${r.endRssMiB.toFixed(1)} MiB (+${(r.endRssMiB - r.warmRssMiB).toFixed(1)}) | |`);
  console.log(`\nRSS at each tenth of the session (MiB): ${r.rssByTenth.map((x) => x.toFixed(1)).join(", ")}`);
}
