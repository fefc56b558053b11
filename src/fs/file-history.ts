import { appendFile, mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "./atomic-write.ts";

/** One change a tool made to one file. `before` is null when the change created the file. */
export type FileChange = {
  seq: number;
  toolUseId: string;
  path: string;
  /** Content hashes; the bytes live in the history folder under these names. */
  before: string | null;
  after: string;
  at: number;
};

export type RewoundFile = {
  path: string;
  action: "restored" | "deleted";
  /** The file no longer held what the session wrote last: someone changed it after the session did. */
  changedSince: boolean;
};

const sha256 = (bytes: Uint8Array) => new Bun.CryptoHasher("sha256").update(bytes).digest("hex");

/**
 * The undo history of one session: every file's content before each change Edit, Write or
 * NotebookEdit made, kept in `<sessionDir>/file-history/` (an append-only index plus content-
 * addressed copies), so it survives a resumed session. `/rewind` reads `changes()` and hands the
 * ones to undo to `rewind()`. Changes made through Bash are not tracked.
 */
export class FileHistory {
  private static readonly open = new Map<string, FileHistory>();
  private readonly dir: string;
  private readonly index: string;
  private nextSeq?: number;

  private constructor(sessionDir: string) {
    this.dir = join(sessionDir, "file-history");
    this.index = join(this.dir, "changes.jsonl");
  }

  static of(sessionDir: string): FileHistory {
    let history = FileHistory.open.get(sessionDir);
    if (!history) FileHistory.open.set(sessionDir, (history = new FileHistory(sessionDir)));
    return history;
  }

  /** Records a change before it is made, so an interrupted write can still be undone. */
  async record(change: { path: string; toolUseId: string; before: Uint8Array | null; after: Uint8Array }): Promise<FileChange> {
    await mkdir(this.dir, { recursive: true });
    this.nextSeq ??= (await this.changes()).length;
    const entry: FileChange = {
      seq: this.nextSeq++,
      toolUseId: change.toolUseId,
      path: change.path,
      before: change.before && (await this.store(change.before)),
      after: await this.store(change.after),
      at: Date.now(),
    };
    await appendFile(this.index, `${JSON.stringify(entry)}\n`);
    return entry;
  }

  /** Every recorded change, oldest first. */
  async changes(): Promise<FileChange[]> {
    const text = await readFile(this.index, "utf8").catch(() => "");
    const out: FileChange[] = [];
    for (const line of text.split("\n")) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as FileChange);
      } catch {
        // A line cut short by a crash: the changes before it are still good.
      }
    }
    return out;
  }

  /** The bytes a file held before `change` (null: it did not exist). */
  async contentBefore(change: FileChange): Promise<Uint8Array | null> {
    return change.before === null ? null : new Uint8Array(await readFile(join(this.dir, change.before)));
  }

  /**
   * Undoes `changes`: each file they touched gets back the content it had before the earliest of
   * them (or is deleted, if that change created it).
   */
  async rewind(changes: FileChange[]): Promise<RewoundFile[]> {
    const earliest = new Map<string, FileChange>();
    const latest = new Map<string, FileChange>();
    for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
      if (!earliest.has(change.path)) earliest.set(change.path, change);
      latest.set(change.path, change);
    }
    const out: RewoundFile[] = [];
    for (const [path, first] of earliest) {
      const current = await readFile(path).catch(() => undefined);
      const changedSince = current === undefined || sha256(current) !== latest.get(path)!.after;
      const before = await this.contentBefore(first);
      if (before === null) {
        await rm(path, { force: true });
        out.push({ path, action: "deleted", changedSince });
      } else {
        await atomicWrite(path, before);
        out.push({ path, action: "restored", changedSince });
      }
    }
    return out;
  }

  private async store(bytes: Uint8Array): Promise<string> {
    const name = sha256(bytes);
    const file = join(this.dir, name);
    // Atomic: a copy cut short by a full disk must not sit under the name of the whole content.
    if (!(await stat(file).catch(() => undefined))) await atomicWrite(file, bytes);
    return name;
  }
}
