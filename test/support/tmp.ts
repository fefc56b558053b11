import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A fresh, real (symlink-resolved) temporary directory. */
export function tempDir(prefix = "nanocode-test-"): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Writes a file, creating its folders. */
export function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
