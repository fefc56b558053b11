import { gitRoot } from "../config/extension-dirs.ts";

/** What the model learns about the repository at the start of a session. */
export type GitSnapshot = { root: string; status: string; recentCommits: string };

const MAX_STATUS_LINES = 30;

async function git(cwd: string, args: string[]): Promise<string> {
  const proc = Bun.spawn(["git", "--no-optional-locks", ...args], { cwd, stdin: "ignore", stdout: "pipe", stderr: "ignore", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  const [text, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  return code === 0 ? text.trimEnd() : "";
}

/**
 * Branch, short status and the last commits, taken once when the session starts (two git calls in
 * parallel, only inside a repository). A snapshot: it goes in the dynamic system block, which
 * must not change during the session or the prompt cache would miss. `programs` says why git
 * there could run a program the repository's configuration names; then git is not run at all.
 */
export async function gitSnapshot(cwd: string, programs: (cwd: string) => string | undefined): Promise<GitSnapshot | undefined> {
  const root = gitRoot(cwd);
  if (!root) return undefined;
  const why = programs(cwd);
  if (why) return { root, status: `(not taken: ${why})`, recentCommits: "" };
  const [status, recentCommits] = await Promise.all([git(cwd, ["status", "--short", "--branch"]), git(cwd, ["log", "--oneline", "-n", "5"])]).catch(() => ["", ""]);
  const lines = status.split("\n");
  const shown = lines.length > MAX_STATUS_LINES ? [...lines.slice(0, MAX_STATUS_LINES), `… and ${lines.length - MAX_STATUS_LINES} more (run git status)`] : lines;
  return { root, status: shown.join("\n"), recentCommits };
}
