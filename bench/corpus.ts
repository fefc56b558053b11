// The search benchmark's corpus: many copies of a real source tree (this checkout's node_modules:
// TypeScript, the Anthropic SDK, valibot...), about 100k files and 1 GB, in a git repository with a
// .gitignore, built once under a cache folder outside the repo and reused by later runs.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const CORPUS = process.env.NANOCODE_BENCH_CORPUS ?? "/tmp/nanocode-bench-corpus";
const SOURCE = join(import.meta.dir, "..", "node_modules");
const TARGET_FILES = 100_000;

function run(argv: string[], cwd?: string): string {
  const proc = Bun.spawnSync(argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  if (proc.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${proc.stderr.toString()}`);
  return proc.stdout.toString();
}

export async function ensureCorpus(): Promise<string> {
  const done = join(CORPUS, ".complete");
  if (existsSync(done)) return CORPUS;
  run(["rm", "-rf", CORPUS]);
  await mkdir(CORPUS, { recursive: true });
  const perCopy = Number(run(["sh", "-c", `find -L "${SOURCE}" -type f | wc -l`]).trim());
  const copies = Math.ceil(TARGET_FILES / perCopy);
  console.error(`building the corpus: ${copies} copies of ${perCopy} files into ${CORPUS}`);
  for (let i = 0; i < copies; i++) run(["cp", "-rL", SOURCE, join(CORPUS, `copy-${String(i).padStart(2, "0")}`)]);
  // A git repository with ignore rules, so both engines must honour .gitignore to agree.
  run(["git", "init", "-q"], CORPUS);
  await writeFile(join(CORPUS, ".gitignore"), "*.map\n/copy-00/typescript/lib/*.d.ts\n");
  await writeFile(done, "");
  return CORPUS;
}

if (import.meta.main) console.log(await ensureCorpus());
