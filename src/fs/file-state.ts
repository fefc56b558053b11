import { stat } from "node:fs/promises";

export type FileRecord = {
  /** mtime when we last read or wrote the file; a later mtime means someone else changed it. */
  mtimeMs: number;
  hash: bigint | number;
  /** true when only part of the file was read (offset/limit). */
  partial: boolean;
};

export const contentHash = (content: string | Uint8Array) => Bun.hash(content);

/**
 * What this session has read or written, by absolute path. Edit and Write consult it so the model
 * never overwrites a file it has not seen, or one that changed on disk since it looked.
 */
export class FileState {
  private readonly records = new Map<string, FileRecord>();

  record(path: string, content: string | Uint8Array, mtimeMs: number, partial = false): void {
    this.records.set(path, { mtimeMs, hash: contentHash(content), partial });
  }

  get(path: string): FileRecord | undefined {
    return this.records.get(path);
  }

  forget(path: string): void {
    this.records.delete(path);
  }

  paths(): string[] {
    return [...this.records.keys()];
  }

  /** "unread" if never read, "stale" if changed on disk since, else "fresh". */
  async freshness(path: string, currentContent?: string): Promise<"unread" | "stale" | "fresh"> {
    const record = this.records.get(path);
    if (!record) return "unread";
    const { mtimeMs } = await stat(path);
    if (mtimeMs <= record.mtimeMs) return "fresh";
    // Touched but identical (a formatter that rewrote the same bytes, a checkout): still fresh.
    if (currentContent !== undefined && contentHash(currentContent) === record.hash) return "fresh";
    return "stale";
  }

  /** Why `path` (holding `current`) must not be overwritten now, or undefined when it may be. */
  async overwriteRefusal(path: string, current: string): Promise<string | undefined> {
    const state = await this.freshness(path, current);
    if (state === "unread") return "File has not been read yet. Read it first before writing to it.";
    if (state === "stale") return "File has been modified since it was last read, either by the user or by a linter. Read it again before writing to it.";
    return undefined;
  }
}
