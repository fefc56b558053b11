import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The shared corpus lives beside the repository (../shared in CI, /work/shared for worktrees);
// test/support/corpus holds a copy for checkouts that have neither.
const ROOT = join(import.meta.dir, "../..");
const PLACES = [join(ROOT, "../shared/corpus"), join(ROOT, "../../shared/corpus"), join(import.meta.dir, "corpus")];

/** The commands of one corpus file (comments and blank lines left out). */
export function corpus(name: "bash-readonly-yes.txt" | "bash-readonly-no.txt"): string[] {
  const dir = PLACES.find((p) => existsSync(join(p, name)))!;
  return readFileSync(join(dir, name), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"));
}
