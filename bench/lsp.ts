// `bun run bench:lsp`: how long an edit waits for typescript-language-server's diagnostics in a
// mid-size project (a copy of this repository's sources), warm, and what the first edit costs when
// the server has to start. Prints a Markdown table.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configuredLspServers } from "../src/lsp/config.ts";
import { LspManager } from "../src/lsp/manager.ts";

const REPO = resolve(import.meta.dir, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.env.PATH = `${join(REPO, "node_modules/.bin")}:${process.env.PATH}`;

// The project's own TypeScript is 7 (no tsserver.js): the server is pointed at TypeScript 6, as a user would in settings.
const settings = {
  lspServers: {
    typescript: {
      command: "typescript-language-server",
      args: ["--stdio"],
      extensionToLanguage: { ".ts": "typescript" },
      initializationOptions: { disableAutomaticTypingAcquisition: true, tsserver: { path: join(REPO, "node_modules/typescript6/lib/tsserver.js"), useSyntaxServer: "never" } },
    },
  },
};

const work = mkdtempSync(join(tmpdir(), "nanocode-bench-lsp-"));
process.once("exit", () => rmSync(work, { recursive: true, force: true }));
const tracked = Bun.spawnSync(["git", "ls-files"], { cwd: REPO }).stdout.toString().trim().split("\n");
for (const file of tracked) if (/\.(ts|json)$/.test(file)) cpSync(join(REPO, file), join(work, file), { recursive: true });
symlinkSync(join(REPO, "node_modules"), join(work, "node_modules"));
const lines = tracked.filter((f) => f.endsWith(".ts") && !f.startsWith("test/")).reduce((n, f) => n + readFileSync(join(REPO, f), "utf8").split("\n").length, 0);

const target = join(work, "src/lsp/diagnostics.ts");
const original = readFileSync(target, "utf8");
const broken = original.replace("const MAX_ERRORS = 20;", 'const MAX_ERRORS: number = "20";');
const signal = new AbortController().signal;

const manager = () => LspManager.forProject(configuredLspServers([{ path: "bench", settings }], []), work, { waitMs: 120_000 })!;

/** One edit: the file written, then the diagnostics waited for, as Edit does. */
async function edit(lsp: LspManager, text: string): Promise<{ ms: number; block: string }> {
  writeFileSync(target, text);
  const started = performance.now();
  const block = await lsp.afterEdit([target], signal);
  return { ms: performance.now() - started, block };
}

const cold: number[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const lsp = manager();
  const { ms, block } = await edit(lsp, broken);
  if (!block.includes("error")) throw new Error(`the first edit got no diagnostics: ${block}`);
  cold.push(ms);
  await lsp.close();
}

const lsp = manager();
lsp.touch(target);
await edit(lsp, original);
const breaking: number[] = [];
const clean: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const bad = await edit(lsp, broken);
  if (!bad.block.includes("error TS2322") && !bad.block.includes("typescript/2322")) throw new Error(`a breaking edit got: ${bad.block}`);
  breaking.push(bad.ms);
  const good = await edit(lsp, original);
  if (good.block !== "") throw new Error(`a clean edit got: ${good.block}`);
  clean.push(good.ms);
}
await lsp.close();

const f = (ms: number) => `${ms.toFixed(0)} ms`;
console.log(`typescript-language-server 6.1.0 on TypeScript 6.0.3, a copy of this repository (${tracked.filter((t) => t.endsWith(".ts")).length} .ts files, ${lines} lines outside test/), ${RUNS} runs:\n`);
console.log("| what | median | max |\n| --- | --- | --- |");
console.log(`| warm server: an edit that breaks a type waits for its error | ${f(median(breaking))} | ${f(Math.max(...breaking))} |`);
console.log(`| warm server: an edit that leaves the file clean | ${f(median(clean))} | ${f(Math.max(...clean))} |`);
console.log(`| first edit, server not started (spawn, initialize, project load, check) | ${f(median(cold))} | ${f(Math.max(...cold))} |`);
