import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content, never a
 * mix: write a sibling temp file, copy the old mode bits, then rename over the target.
 * Creates missing parent directories. Returns the new mtime.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<number> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.nanocode-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    await Bun.write(temp, data);
    const old = await stat(path).catch(() => undefined);
    if (old) await chmod(temp, old.mode & 0o7777);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return (await stat(path)).mtimeMs;
}
