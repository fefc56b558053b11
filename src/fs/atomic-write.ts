import { chmod, mkdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fsCause } from "./fs-error.ts";

/**
 * Writes a file so that a crash at any moment (kill -9 included) leaves either the old or the new
 * content, never a mix: write a sibling temp file, give it the old mode bits, rename it over the
 * target. A symlink is followed, so the link stays a link. Creates missing parent directories.
 * Returns the new mtime.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<number> {
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true }).catch((error: { code?: string }) => {
    // mkdir says EEXIST (or ENOTDIR) when a file sits where a folder of the path should be.
    if (error.code !== "EEXIST" && error.code !== "ENOTDIR") throw error;
    throw Object.assign(new Error(`cannot write ${target}: ${dir} or a folder above it is a file, not a directory`), { code: "ENOTDIR", path: target });
  });
  const temp = join(dir, `.${basename(target)}.nanocode-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    await Bun.write(temp, data);
    const old = await stat(target).catch(() => undefined);
    if (old) await chmod(temp, old.mode & 0o7777);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    // The temp file's name means nothing to whoever reads the error: name the file being written.
    const cause = fsCause(error);
    throw cause ? Object.assign(new Error(`cannot write ${target}: ${cause}`), { code: (error as { code?: string }).code, path: target }) : error;
  }
  return (await stat(target)).mtimeMs;
}
