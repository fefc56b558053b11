// Tests, the demo and benchmarks run the compiled binary. This builds dist/nanocode once per process when it is
// missing or older than the sources, so `bun test` works from a fresh clone.

import { statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..");
export const BINARY = process.env.NANOCODE_BIN ?? join(ROOT, "dist", "nanocode");

function newestSource(): number {
  let newest = 0;
  for (const dir of ["src", "tools", "commands", "skills"]) {
    for (const file of new Bun.Glob("**/*").scanSync({ cwd: join(ROOT, dir), onlyFiles: true })) {
      newest = Math.max(newest, statSync(join(ROOT, dir, file)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(join(ROOT, "package.json")).mtimeMs);
}

let built: Promise<string> | undefined;

export function ensureBinary(): Promise<string> {
  built ??= (async () => {
    if (process.env.NANOCODE_BIN) return BINARY;
    const stale = (() => {
      try {
        return statSync(BINARY).mtimeMs < newestSource();
      } catch {
        return true;
      }
    })();
    if (stale) {
      const proc = Bun.spawnSync(["bun", "run", "scripts/build.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      if (proc.exitCode !== 0) throw new Error(`build failed:\n${proc.stderr.toString()}`);
    }
    return BINARY;
  })();
  return built;
}
