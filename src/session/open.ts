import { hostname } from "node:os";
import { basename } from "node:path";
import { projectDir } from "../config/paths.ts";
import { fsErrorText } from "../fs/fs-error.ts";
import type { Message } from "../model/messages.ts";
import { ConfigError } from "../model/select.ts";
import { SessionCost } from "./cost.ts";
import { findSession, listSessions, sessionPath } from "./list.ts";
import { loadSession } from "./load.ts";
import { lockSession } from "./lock.ts";
import { lineOf, SessionStore } from "./store.ts";

export type SessionChoice = {
  /** A session id (or a path to its .jsonl file) to resume. */
  resume?: string;
  /** Resume the most recent session of this directory. */
  continue?: boolean;
  /** Resume into a new session id, leaving the original file as it was. */
  fork?: boolean;
  /** false: write nothing to disk. */
  persist: boolean;
  /** The id of the new session (or of the fork), instead of a random one (--session-id). */
  id?: string;
};

export type OpenedSession = {
  id: string;
  messages: Message[];
  store?: SessionStore;
  cost: SessionCost;
  /** One line each for the user (a damaged file that still loaded). */
  problems: string[];
};

/** A session that cannot be opened as asked; the message is the one line the user sees. */
export class SessionError extends ConfigError {}

/** A new session, or the one to resume, with the store that will keep it. */
export async function openSession(cwd: string, choice: SessionChoice): Promise<OpenedSession> {
  const source = sourceOf(cwd, choice);
  if (choice.id !== undefined && findSession(cwd, choice.id)) throw new SessionError(`session id ${choice.id} is already in use: pick another, or --resume it`);
  if (!source) {
    const id = choice.id ?? crypto.randomUUID();
    return { id, messages: [], cost: new SessionCost(), problems: [], store: choice.persist ? new SessionStore(sessionPath(cwd, id), { sessionId: id, cwd }) : undefined };
  }
  // Locked before it is read: whatever the holder writes until it exits is in what loads.
  const holder = choice.persist && !choice.fork ? lockSession(source) : undefined;
  const loaded = await loadSession(source).catch((error: unknown) => {
    throw new SessionError(`cannot read session ${fsErrorText(error, source) ?? `${source}: ${(error as Error).message}`}`);
  });
  // Not one line of it is a session line: some other file, which resuming would append to. (A
  // file holding only a cut line, its first write stopped by a full disk, resumes empty.)
  if (!loaded.header && loaded.lines.length === 0 && loaded.unreadable > 0) throw new SessionError(`${source} is not a nanocode session file (no line of it could be read as one); it was left as it was`);
  const originalId = loaded.header?.sessionId ?? basename(source, ".jsonl");
  const repairs = loaded.repairs.map(lineOf);
  let id = originalId;
  let store: SessionStore | undefined;
  if (choice.fork || holder) {
    id = choice.id ?? crypto.randomUUID();
    if (choice.persist) store = new SessionStore(sessionPath(cwd, id), { sessionId: id, cwd, forkedFrom: originalId }, [...loaded.lines, ...repairs], loaded.header?.title);
  } else if (choice.persist) {
    // A file whose header was lost (its first write cut short by a full disk) gets one again.
    store = new SessionStore(source, loaded.header ? undefined : { sessionId: originalId, cwd }, repairs);
  }
  const by = holder && `pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}`;
  const inUse = holder ? [`session ${originalId} is open in another nanocode (${by}): this one goes on as session ${id}, a fork of it`] : [];
  // Its messages speak of that directory's files, while the tools now work in this one: say so.
  const elsewhere = loaded.header?.cwd && loaded.header.cwd !== cwd ? [`session ${originalId} was started in ${loaded.header.cwd}; it goes on here, in ${cwd}`] : [];
  // A file that is being written loads with a cut last line or calls still running: not damage,
  // so the fork says only that it is one.
  const problems = holder ? [...elsewhere, ...inUse] : [...loaded.problems, ...elsewhere];
  return { id, messages: loaded.messages, cost: loaded.cost, problems, store };
}

function sourceOf(cwd: string, choice: SessionChoice): string | undefined {
  if (choice.resume !== undefined) {
    const path = findSession(cwd, choice.resume);
    if (!path) throw new SessionError(`no session '${choice.resume}' found (sessions of this directory are in ${projectDir(cwd)})`);
    return path;
  }
  if (choice.continue) {
    const latest = listSessions(cwd)[0];
    if (!latest) throw new SessionError(`no earlier session in ${cwd} to continue`);
    return latest.path;
  }
  return undefined;
}
