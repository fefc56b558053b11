// Reading a file someone else may have put there (a cloned repository's settings, memory files,
// skills): only a regular file, and never more than a cap. A FIFO blocks a read forever, /dev/zero
// never ends, and a huge file fills memory; each is refused with its cause instead.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** The most a configuration file may hold: far above any real one, far below what hurts. */
export const CONFIG_FILE_LIMIT = 10 * 1024 * 1024;

/** `path` is there but is not a regular file, or is too big; the message is the cause (for "<path>: <cause>"). */
export class NotReadable extends Error {}

const KINDS: [(s: Stats) => boolean, string][] = [
  [(s) => s.isFIFO(), "a FIFO (named pipe)"],
  [(s) => s.isSocket(), "a socket"],
  [(s) => s.isCharacterDevice(), "a character device"],
  [(s) => s.isBlockDevice(), "a block device"],
];

/** "is a FIFO (named pipe), not a regular file": why a path that is not a regular file is not read. */
export function notRegular(stats: Stats): string {
  return `is ${KINDS.find(([is]) => is(stats))?.[1] ?? "not a regular file"}, not a regular file`;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MiB`;

const CHUNK = 64 * 1024;

/**
 * The text of `path` (links followed) when it is a regular file of at most `limit` bytes; throws
 * NotReadable otherwise, or the file-system error. `pipes`: a named pipe is read to its end too
 * (still capped) — for a path the user gave on the command line, such as `--settings <(…)`.
 */
export function readRegularFile(path: string, { limit = CONFIG_FILE_LIMIT, pipes = false } = {}): string {
  // O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of waiting, and fstat then
  // tells what was opened: no window between a check and the open for the file to be swapped.
  let fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (pipes && stats.isFIFO()) {
      closeSync(fd);
      fd = openSync(path, constants.O_RDONLY | constants.O_NOCTTY);
    } else if (stats.isDirectory()) {
      // As reading it would have failed: the caller words EISDIR as for any other path.
      throw Object.assign(new Error(`EISDIR: ${path}`), { code: "EISDIR" });
    } else if (!stats.isFile()) throw new NotReadable(notRegular(stats));
    if (stats.size > limit) throw new NotReadable(`is ${mib(stats.size)}, more than the ${mib(limit)} a configuration file may hold`);
    // Read to the end rather than trusting the size: the file may grow meanwhile.
    const chunks: Buffer[] = [];
    let total = 0;
    for (let n = -1; n !== 0; ) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      n = readSync(fd, chunk, 0, CHUNK, null);
      total += n;
      if (total > limit) throw new NotReadable(`holds more than the ${mib(limit)} a configuration file may hold`);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
