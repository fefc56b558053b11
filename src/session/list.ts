import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { configDir, projectDir } from "../config/paths.ts";
import type { SessionHeader } from "./store.ts";

export type SessionInfo = {
  id: string;
  path: string;
  /** The first prompt (shortened). */
  title: string;
  createdAt?: string;
  modifiedAt: Date;
  sizeBytes: number;
  forkedFrom?: string;
};

export const sessionPath = (cwd: string, id: string) => join(projectDir(cwd), `${id}.jsonl`);

/** The header line, read without reading the rest of the file. */
export function readHeader(path: string): SessionHeader | undefined {
  let fd: number | undefined;
  try {
    // Inside the try: a file that cannot be opened (no permission) is listed without a title.
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, n).toString("utf8").split("\n")[0] ?? "";
    const header = JSON.parse(first) as SessionHeader;
    return header.type === "session" ? header : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Sessions of one working directory, most recently used first: what /resume offers. */
export function listSessions(cwd: string): SessionInfo[] {
  const dir = projectDir(cwd);
  if (!existsSync(dir)) return [];
  const sessions: SessionInfo[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".jsonl")) continue;
    const path = join(dir, name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) continue;
    const header = readHeader(path);
    sessions.push({
      id: basename(name, ".jsonl"),
      path,
      title: header?.title ?? "",
      createdAt: header?.createdAt,
      modifiedAt: info.mtime,
      sizeBytes: info.size,
      ...(header?.forkedFrom ? { forkedFrom: header.forkedFrom } : {}),
    });
  }
  return sessions.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
}

/** The file of a session id (this directory's first, then any project's), or a path to a .jsonl file. */
export function findSession(cwd: string, idOrPath: string): string | undefined {
  if (idOrPath.endsWith(".jsonl")) return existsSync(idOrPath) ? idOrPath : undefined;
  if (!/^[\w-]+$/.test(idOrPath)) return undefined;
  const here = sessionPath(cwd, idOrPath);
  if (existsSync(here)) return here;
  const projects = join(configDir(), "projects");
  if (!existsSync(projects)) return undefined;
  for (const project of readdirSync(projects)) {
    const path = join(projects, project, `${idOrPath}.jsonl`);
    if (existsSync(path)) return path;
  }
  return undefined;
}
