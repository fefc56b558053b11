import { existsSync } from "node:fs";
import { join } from "node:path";

export type Suggestion = { value: string; label: string; description?: string };
/** Suggestions for the word at the cursor, which spans `start`..`end` of the text. */
export type Completion = { start: number; end: number; items: Suggestion[] };

export type CommandInfo = { name: string; description: string; argumentHint?: string };

const MAX_FILES = 20_000;

/** Slash commands while the first word is typed; files and folders after `@`. */
export function complete(text: string, cursor: number, commands: readonly CommandInfo[], files: readonly string[]): Completion | undefined {
  const before = text.slice(0, cursor);
  const slash = /^\/([\w:.-]*)$/.exec(before);
  if (slash) {
    const typed = slash[1]!.toLowerCase();
    const rank = (c: CommandInfo) => (c.name.toLowerCase().startsWith(typed) ? 0 : 1);
    const items = commands
      .filter((c) => c.name.toLowerCase().includes(typed))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .map((c) => ({ value: `/${c.name} `, label: `/${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ""}`, description: c.description }));
    return items.length ? { start: 0, end: cursor, items } : undefined;
  }
  const mention = /(^|\s)@([^\s@]*)$/.exec(before);
  if (mention) {
    const typed = mention[2]!.toLowerCase();
    const base = (p: string) => p.slice(p.replace(/\/$/, "").lastIndexOf("/") + 1).toLowerCase();
    const rank = (p: string) => (base(p).startsWith(typed) ? 0 : p.toLowerCase().startsWith(typed) ? 1 : 2);
    const items = files
      .filter((p) => p.toLowerCase().includes(typed))
      .sort((a, b) => rank(a) - rank(b) || a.length - b.length || a.localeCompare(b))
      .slice(0, 50)
      .map((p) => ({ value: `@${p} `, label: p }));
    return items.length ? { start: cursor - typed.length - 1, end: cursor, items } : undefined;
  }
  return undefined;
}

/** The project's files (git's list when in a repository, else a scan) and their folders, for `@` mentions. */
export async function listFiles(cwd: string): Promise<string[]> {
  let files: string[] = [];
  if (existsSync(join(cwd, ".git"))) {
    // (a repository's core.fsmonitor would run its program on ls-files)
    const git = Bun.spawn(["git", "-c", "core.fsmonitor=false", "ls-files", "--cached", "--others", "--exclude-standard"], { cwd, stdout: "pipe", stderr: "ignore" });
    files = (await new Response(git.stdout).text()).split("\n").filter(Boolean);
  }
  if (files.length === 0) {
    for await (const file of new Bun.Glob("**/*").scan({ cwd, onlyFiles: true })) {
      if (/(^|\/)(node_modules|\.git|dist|build)\//.test(file)) continue;
      files.push(file);
      if (files.length >= MAX_FILES) break;
    }
  }
  files = files.slice(0, MAX_FILES);
  const dirs = new Set<string>();
  for (const file of files) for (let i = file.indexOf("/"); i > 0; i = file.indexOf("/", i + 1)) dirs.add(file.slice(0, i + 1));
  return [...dirs, ...files];
}
