import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const created: string[] = [];

/**
 * Removes every folder tempDir made; the preload (setup.ts) runs it after the whole run
 * (NANOCODE_KEEP_TMP=1 keeps them for a post-mortem). A full run makes thousands, some holding
 * 40 MB fixtures, and leftovers once filled the disk.
 */
export function removeTempDirs(): void {
  if (process.env.NANOCODE_KEEP_TMP) return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh, real (symlink-resolved) temporary directory, removed after the test run. */
export function tempDir(prefix = "nanocode-test-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
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
