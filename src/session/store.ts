import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { AgentEvent } from "../agent/events.ts";
import { textOf } from "../model/messages.ts";
import { lockSession } from "./lock.ts";

/** The first line of every session file. */
export type SessionHeader = {
  type: "session";
  version: 1;
  sessionId: string;
  cwd: string;
  /** The first prompt, shortened: what a listing shows. */
  title: string;
  createdAt: string;
  forkedFrom?: string;
};

/** The events a session file keeps, one JSON line each: the conversation and its boundaries, not the stream. */
export type RecordedEvent = Extract<AgentEvent, { type: "user" | "assistant" | "compact" | "usage" | "done" }>;
export type SessionLine = SessionHeader | (RecordedEvent & { timestamp: string });

const RECORDED = new Set<AgentEvent["type"]>(["user", "assistant", "compact", "usage", "done"]);
export const isRecorded = (event: AgentEvent): event is RecordedEvent => RECORDED.has(event.type);

export const lineOf = (event: RecordedEvent): string => JSON.stringify({ ...event, timestamp: new Date().toISOString() });

export const titleOf = (event: RecordedEvent): string => (event.type === "user" ? textOf(event.message).replace(/\s+/g, " ").trim().slice(0, 120) : "");

/**
 * An append-only JSONL session file. Nothing touches the disk until the first event arrives (a
 * run that never reaches the model leaves no file). Each append is one `write` on a file opened
 * for appending: O(1) however long the session is, and complete lines reach the kernel at once,
 * so a `kill -9` loses at most the line being written.
 */
export class SessionStore {
  private fd?: number;

  constructor(
    readonly path: string,
    /** Set for a new file (a new or forked session); a resumed file already has its header. */
    private readonly header: Omit<SessionHeader, "type" | "version" | "title" | "createdAt"> | undefined,
    /** Lines to write before the first event: a fork's history, a resumed file's repairs. */
    private readonly carried: string[] = [],
    /** The title when the history is carried (a fork keeps its parent's). */
    private readonly title = "",
  ) {}

  append(event: RecordedEvent): void {
    if (this.fd === undefined) this.open(event);
    this.write(`${lineOf(event)}\n`);
  }

  /**
   * Writes whole lines or nothing: a write the disk cannot take (full, over quota) is undone, so
   * the file still ends with a complete line and resumes once there is room again.
   */
  private write(text: string): void {
    const fd = this.fd!;
    const bytes = Buffer.from(text);
    const size = fstatSync(fd).size;
    let written = 0;
    try {
      // A short write is how a filling disk first shows; the next one reports why.
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      ftruncateSync(fd, size);
      throw error;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(first: RecordedEvent): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    // Before the first line: from now on another process resuming this file forks it instead.
    lockSession(this.path);
    this.fd = openSync(this.path, "a+", 0o600);
    dropCutLine(this.fd);
    const lines = [...this.carried];
    if (this.header) {
      const header: SessionHeader = { type: "session", version: 1, title: this.title || titleOf(first), createdAt: new Date().toISOString(), ...this.header };
      lines.unshift(JSON.stringify(header));
    }
    if (lines.length) this.write(`${lines.join("\n")}\n`);
  }
}

/** A file whose last line was cut by a crash gets that fragment removed, so new lines start clean. */
function dropCutLine(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const tail = Buffer.alloc(Math.min(size, 64 * 1024));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - tail.length);
    const n = readSync(fd, tail, 0, end - start, start);
    const at = tail.subarray(0, n).lastIndexOf(10);
    if (at >= 0) {
      if (start + at + 1 < size) ftruncateSync(fd, start + at + 1);
      return;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
}
