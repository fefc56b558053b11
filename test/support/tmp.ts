import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh, real (symlink-resolved) temporary directory. */
export function tempDir(prefix = "nanocode-test-"): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}
