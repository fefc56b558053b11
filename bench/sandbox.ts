// `bun run bench:sandbox`: the wall time the OS sandbox adds to each Bash call. The same print
// session of 20 Bash calls (one per turn) runs unsandboxed, sandboxed, and sandboxed with a domain
// allowed (which adds the network proxy and its relay), round by round; the added time per call is
// the difference of the medians divided by the calls.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { ScriptTurn } from "../src/model/script.ts";
import { ensureBinary } from "../scripts/ensure-binary.ts";
import { median, session } from "./session.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CALLS = 20;
const work = mkdtempSync(join(tmpdir(), "nanocode-bench-sandbox-"));
process.once("exit", () => rmSync(work, { recursive: true, force: true }));
// A project as one usually is: a repository (its hooks and config stay read-only) and a deny rule to enforce.
mkdirSync(join(work, "src"));
writeFileSync(join(work, "src/a.ts"), "export const a = 1;\n");
writeFileSync(join(work, ".env"), "KEY=1\n");
Bun.spawnSync(["git", "init", "-q"], { cwd: work });

const bin = await ensureBinary();
const turns: ScriptTurn[] = [...Array.from({ length: CALLS }, (): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command: "echo hi" } }]), [{ type: "text", text: "done" }]];
const deny = { permissions: { deny: ["Read(./.env)"] } };
const configs = [
  { name: "unsandboxed", argv: [bin, "--no-sandbox", "--dangerously-skip-permissions", "--settings", JSON.stringify(deny), "-p"] },
  { name: "sandboxed", argv: [bin, "--sandbox", "--settings", JSON.stringify(deny), "-p"] },
  { name: "sandboxed, a domain allowed", argv: [bin, "--sandbox", "--settings", JSON.stringify({ ...deny, sandbox: { network: { allowedDomains: ["localhost"] } } }), "-p"] },
];

const walls = new Map<string, number[]>(configs.map((c) => [c.name, []]));
for (let round = 0; round <= RUNS; round++) {
  for (const config of configs) {
    const sample = await session({ argv: config.argv, turns, cwd: work });
    if (round > 0) walls.get(config.name)!.push(sample.wallMs);
  }
}

const base = median(walls.get("unsandboxed")!);
console.log(`${CALLS} Bash calls in one print session, median of ${RUNS}, ${new Date().toISOString().slice(0, 10)}, ${process.platform}-${process.arch}, ${navigator.hardwareConcurrency} cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
console.log("| session | wall | added per Bash call |\n| --- | --- | --- |");
for (const config of configs) {
  const wall = median(walls.get(config.name)!);
  console.log(`| ${config.name} | ${wall.toFixed(0)} ms | ${config.name === "unsandboxed" ? "–" : `${((wall - base) / CALLS).toFixed(1)} ms`} |`);
}
