import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { ancestry } from "../config/extension-dirs.ts";
import { configDir } from "../config/paths.ts";
import { isPresent, readOrReport } from "../fs/fs-error.ts";
import { realPath } from "../permissions/real-path.ts";
import { stripHtmlComments } from "./html-comments.ts";

// Memory files: instructions users keep beside their code. NANOCODE.md, AGENTS.md and CLAUDE.md
// are all understood, so a repository set up for Claude Code or for AGENTS.md works unchanged.

export type MemoryFile = {
  path: string;
  /** Whose instructions these are, in the words the model sees. */
  scope: string;
  content: string;
  /** Set for a file loaded through an @import. */
  importedBy?: string;
};

/** Memory file names in one directory, in load order (later ones are more specific and win). */
export const MEMORY_NAMES = ["CLAUDE.md", ".claude/CLAUDE.md", "AGENTS.md", "NANOCODE.md", ".nanocode/NANOCODE.md", "CLAUDE.local.md", "NANOCODE.local.md"];
const MAX_IMPORT_DEPTH = 5;
const MAX_FILE_CHARS = 40_000;

/** Reads memory files and what they @import, each file once, refusing cycles and deep chains. */
export class MemoryReader {
  /** Every file read so far (real paths), so a file imported twice or found twice appears once. */
  readonly seen = new Set<string>();
  readonly problems: string[] = [];

  constructor(
    readonly home = homedir(),
    /** Whether deny rules let the model see this file: a memory file or @import they hide is skipped. */
    readonly canRead: (path: string) => boolean = () => true,
    /** Why `from` may not @import `path` (a repository's file reaching out of an untrusted folder), or undefined. */
    readonly importProblem: (path: string, from: string) => string | undefined = () => undefined,
  ) {}

  /** The file and its imports, or [] when it does not exist or was read already. */
  read(path: string, scope: string): MemoryFile[] {
    return this.readChain(path, scope, [], undefined);
  }

  private readChain(path: string, scope: string, chain: string[], importedBy: string | undefined): MemoryFile[] {
    // Anything there is read or reported (a FIFO, a link into a loop): only absence is silent.
    if (!isPresent(path)) return [];
    // One file reached by two names (a link, a folder seen through a link) is loaded once, by its real path.
    const real = realPath(path);
    if (chain.includes(real)) {
      this.problems.push(`${importedBy}: @import of ${path} skipped: it imports itself (a cycle)`);
      return [];
    }
    if (this.seen.has(real)) return [];
    if (chain.length > MAX_IMPORT_DEPTH) {
      this.problems.push(`${importedBy}: @import of ${path} skipped: imports nest more than ${MAX_IMPORT_DEPTH} deep`);
      return [];
    }
    const refused = importedBy && this.importProblem(path, importedBy);
    if (refused) {
      this.problems.push(`${importedBy}: @import of ${path} skipped: ${refused}`);
      return [];
    }
    this.seen.add(real);
    if (!this.canRead(path)) {
      this.problems.push(importedBy ? `${importedBy}: @import of ${path} skipped: a Read deny rule hides it` : `${path}: memory file skipped: a Read deny rule hides it`);
      return [];
    }
    let content = readOrReport(path, this.problems, "this memory file is skipped");
    if (content === undefined) return [];
    // A NUL byte marks a binary file (as git decides): an image or an archive must not enter the prompt.
    if (content.includes("\0")) {
      this.problems.push(`${path}: is a binary file, not text; this memory file is skipped`);
      return [];
    }
    content = stripHtmlComments(content);
    if (content.length > MAX_FILE_CHARS) content = `${content.slice(0, MAX_FILE_CHARS)}\n… [cut: the file has ${content.length} characters; only the first ${MAX_FILE_CHARS} are loaded]`;
    const file: MemoryFile = { path, scope, content, ...(importedBy ? { importedBy } : {}) };
    const imported = importsOf(content).flatMap((ref) => this.readChain(this.resolveImport(ref, path), scope, [...chain, real], path));
    return [file, ...imported];
  }

  private resolveImport(ref: string, from: string): string {
    if (ref.startsWith("~/")) return join(this.home, ref.slice(2));
    return isAbsolute(ref) ? ref : resolve(dirname(from), ref);
  }
}

/** `@path` references outside code blocks and code spans. */
export function importsOf(content: string): string[] {
  const refs: string[] = [];
  let fenced = false;
  for (const line of content.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const prose = line.replace(/`[^`]*`/g, "");
    for (const match of prose.matchAll(/(?:^|\s)@((?:~\/|\.{0,2}\/)?[\w./~-]+)/g)) refs.push(match[1]!.replace(/[.,;:]+$/, ""));
  }
  return refs;
}

/** User-level memory: nanocode's own folder, then Claude Code's. */
export function userMemoryPaths(home = homedir()): string[] {
  return [join(home, ".claude", "CLAUDE.md"), ...["CLAUDE.md", "AGENTS.md", "NANOCODE.md"].map((name) => join(configDir(), name))];
}

const scopeOf = (name: string) => (name.includes(".local.") ? "the user's private project instructions, not checked in" : "project instructions, checked into the codebase");

/** Memory from the user's folders and every directory from the root down to `cwd`. */
export function loadMemoryFiles(cwd: string, reader: MemoryReader, home = homedir()): MemoryFile[] {
  const files = userMemoryPaths(home).flatMap((path) => reader.read(path, "the user's instructions for all projects"));
  for (const dir of ancestry(cwd)) {
    for (const name of MEMORY_NAMES) files.push(...reader.read(join(dir, name), scopeOf(name)));
  }
  return files;
}

/** Memory files of the directories between `cwd` (exclusive) and `dir` (inclusive), outermost first. */
export function nestedMemoryFiles(cwd: string, dir: string, reader: MemoryReader): MemoryFile[] {
  if (dir === cwd || !dir.startsWith(`${cwd}/`)) return [];
  const dirs = ancestry(dir).filter((d) => d.startsWith(`${cwd}/`));
  return dirs.flatMap((d) => MEMORY_NAMES.flatMap((name) => reader.read(join(d, name), `instructions for files in ${d}`)));
}

/** One memory file as the model reads it. */
export function renderMemory(file: MemoryFile): string {
  const from = file.importedBy ? `, imported by ${file.importedBy}` : "";
  return `Contents of ${file.path} (${file.scope}${from}):\n\n${file.content.trim()}`;
}

export const MEMORY_PREAMBLE =
  "# Memory files\nThe user's instructions from memory files (NANOCODE.md, AGENTS.md, CLAUDE.md and rules). They override your default behaviour: follow them exactly.";
