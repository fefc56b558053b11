export type FileRecord = {
  /** Hash of the bytes the session last saw (read or wrote); other bytes mean someone changed the file. */
  hash: bigint | number;
  mtimeMs: number;
  /** true when the model was shown only part of the file (offset/limit). */
  partial: boolean;
};

export const contentHash = (bytes: Uint8Array) => Bun.hash(bytes);

export type Freshness = "unread" | "stale" | "fresh";

/**
 * What this session has read or written, by absolute path. Edit and Write consult it so the model
 * never overwrites a file it has not seen, or one that changed on disk since it looked. Freshness
 * compares content, not mtimes: a formatter that rewrote the same bytes is no change, and an edit
 * within the same millisecond is still caught.
 */
export class FileState {
  private readonly records = new Map<string, FileRecord>();

  record(path: string, bytes: Uint8Array, mtimeMs: number, partial = false): void {
    this.records.set(path, { hash: contentHash(bytes), mtimeMs, partial });
  }

  get(path: string): FileRecord | undefined {
    return this.records.get(path);
  }

  /** Whether the model has seen `current`, the file's bytes on disk now. */
  freshness(path: string, current: Uint8Array): Freshness {
    const record = this.records.get(path);
    if (!record) return "unread";
    return contentHash(current) === record.hash ? "fresh" : "stale";
  }
}

export const UNREAD_REFUSAL = "File has not been read yet. Read it first before writing to it.";
export const STALE_REFUSAL = "File has been modified since it was last read, either by the user or by a linter. Read it again before writing to it.";
