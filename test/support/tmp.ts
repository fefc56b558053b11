import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * The compiled binary copied alone into a fresh folder (what a user downloads). Call `remove` when
 * done (afterAll): each copy is over 100 MB, and copies left behind fill the disk.
 */
export function binaryAlone(built: string, prefix = "nanocode-bin-"): { dir: string; bin: string; remove(): void } {
  const dir = tempDir(prefix);
  const bin = join(dir, "nanocode");
  copyFileSync(built, bin);
  return { dir, bin, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
