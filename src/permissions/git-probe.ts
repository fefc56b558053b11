// Which repository and configuration git uses in a folder, asked from git itself: its discovery
// (`.git` folders and files, bare-looking folders, `commondir`, worktrees, GIT_DIR in our
// environment) and its includes are too many rules to copy. The answer is kept until one of the
// files and folders it came from changes, so repeated Bash calls do not start git again.

import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** One configuration entry as git reads it: `scope` is system, global, local, worktree or command. */
export type GitSetting = { scope: string; origin: string; key: string; value: string };

export type GitRepository = {
  /** The top of the working tree, or the git directory when there is none (a bare repository). */
  root: string;
  gitDir: string;
  commonDir: string;
  hooksDir: string;
  settings: GitSetting[];
  /** Folders of the working tree that hold another repository git will look into (submodules). */
  nested: string[];
  /** Object stores it reads besides its own (objects/info/alternates, followed through each store). */
  borrowed: string[];
};

/** `none`: git finds no repository there (or no folder); `failed`: git could not say (missing, refused, timed out). */
export type Probe = { kind: "repo"; repo: GitRepository } | { kind: "none" } | { kind: "failed"; why: string };

// Nothing the probe runs may start a program of the repository: no fsmonitor, no pager, no index
// write (GIT_OPTIONAL_LOCKS=0), which would run the post-index-change hook. rev-parse, config and
// ls-files run no other hook, filter or driver.
const SAFE = ["-c", "core.fsmonitor=false", "--no-pager"];
const TIMEOUT_MS = 3000;

function gitEnv(): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LC_ALL: "C", GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat" };
  // A relative PATH entry could start a `git` of the working tree instead of the real one.
  env.PATH = (env.PATH ?? "").split(":").filter((entry) => entry.startsWith("/")).join(":");
  return env;
}

function runGit(dir: string, args: string[]): { ok: true; out: string } | { ok: false; why: string } {
  try {
    const run = Bun.spawnSync(["git", ...SAFE, ...args], { cwd: dir, env: gitEnv(), stdin: "ignore", timeout: TIMEOUT_MS });
    if (run.exitCode === 0) return { ok: true, out: run.stdout.toString() };
    const said = run.stderr.toString().trim().split("\n").at(-1);
    return { ok: false, why: run.exitCode === null ? "git did not answer in time" : said || `git exited with ${run.exitCode}` };
  } catch (error) {
    return { ok: false, why: `git could not be started (${(error as Error).message})` };
  }
}

/** `git config --list -z --show-scope --show-origin`: scope, origin, then `key\nvalue`, each ended by NUL. */
function parseSettings(out: string, dir: string): GitSetting[] {
  const fields = out.split("\0");
  const settings: GitSetting[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [scope, origin, entry] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
    const cut = entry.indexOf("\n");
    const file = origin.startsWith("file:") ? resolve(dir, origin.slice(5)) : origin;
    settings.push({ scope, origin: file, key: cut === -1 ? entry : entry.slice(0, cut), value: cut === -1 ? "" : entry.slice(cut + 1) });
  }
  return settings;
}

/** Gitlinks of the index whose folder holds a `.git`: git status and diff run git there too. */
function nestedRepositories(dir: string, root: string): string[] | { why: string } {
  const listed = runGit(dir, ["ls-files", "--stage", "-z", "--full-name", ":/"]);
  if (!listed.ok) return { why: listed.why };
  return listed.out
    .split("\0")
    .filter((line) => line.startsWith("160000 "))
    .map((line) => join(root, line.slice(line.indexOf("\t") + 1)))
    .filter((path) => statSync(join(path, ".git"), { throwIfNoEntry: false }) !== undefined);
}

const MAX_ALTERNATES = 5;

/** The stores `objects/info/alternates` names, and theirs in turn (git follows five deep). */
function alternates(objects: string, depth = 0): string[] {
  let text = "";
  try {
    text = readFileSync(join(objects, "info/alternates"), "utf8");
  } catch {
    return [];
  }
  const stores = text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#")).map((line) => resolve(objects, line));
  return depth >= MAX_ALTERNATES ? stores : stores.flatMap((store) => [store, ...alternates(store, depth + 1)]);
}

function probe(dir: string): Probe {
  // git cannot start where there is no folder: the command fails before anything runs.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return { kind: "none" };
  const located = runGit(dir, ["rev-parse", "--is-inside-work-tree", "--absolute-git-dir", "--git-common-dir", "--git-path", "hooks", "--show-prefix"]);
  if (!located.ok) return /not a git repository/.test(located.why) ? { kind: "none" } : { kind: "failed", why: located.why };
  const [inside, gitDir, common, hooks, prefix] = located.out.split("\n") as [string, string, string, string, string];
  const root = inside === "true" ? resolve(dir, prefix.split("/").filter(Boolean).map(() => "..").join("/") || ".") : gitDir;
  const config = runGit(dir, ["config", "--list", "--includes", "--show-scope", "--show-origin", "-z"]);
  if (!config.ok) return { kind: "failed", why: config.why };
  const nested = inside === "true" ? nestedRepositories(dir, root) : [];
  if (!Array.isArray(nested)) return { kind: "failed", why: nested.why };
  const commonDir = resolve(dir, common);
  const repo = { root, gitDir, commonDir, hooksDir: resolve(dir, hooks), settings: parseSettings(config.out, dir), nested, borrowed: alternates(join(commonDir, "objects")) };
  return { kind: "repo", repo };
}

/** Files and folders whose change may change the answer: where discovery looked, and what it read. */
function sources(dir: string, result: Probe): string[] {
  const stop = result.kind === "repo" ? result.repo.root : "/";
  const paths: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    paths.push(at);
    if (at === stop || dirname(at) === at) break;
  }
  if (result.kind !== "repo") return paths;
  const { root, gitDir, commonDir, hooksDir, settings, borrowed } = result.repo;
  paths.push(...[join(commonDir, "objects"), ...borrowed].map((store) => join(store, "info/alternates")));
  paths.push(join(root, ".git"), gitDir, join(gitDir, "HEAD"), join(gitDir, "commondir"), join(gitDir, "config.worktree"), join(gitDir, "index"));
  paths.push(commonDir, join(commonDir, "config"), hooksDir);
  for (const s of settings) {
    if (isAbsolute(s.origin)) paths.push(s.origin);
    // An included file that does not exist yet counts as soon as it does.
    if (/^include(if\..*)?\.path$/i.test(s.key) && isAbsolute(s.origin)) paths.push(resolve(dirname(s.origin), s.value.replace(/^~(?=\/)/, process.env.HOME ?? "~")));
  }
  return paths;
}

function stampOf(paths: string[]): string {
  return paths
    .map((path) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.mode}` : "-";
    })
    .join("|");
}

const cache = new Map<string, { paths: string[]; stamp: string; result: Probe }>();

/** What git run in `dir` (a real path) would use; answers from the cache while nothing it read changed. */
export function probeRepository(dir: string): Probe {
  const known = cache.get(dir);
  if (known && stampOf(known.paths) === known.stamp) return known.result;
  const result = probe(dir);
  if (result.kind === "failed") {
    cache.delete(dir);
    return result;
  }
  const paths = sources(dir, result);
  cache.set(dir, { paths, stamp: stampOf(paths), result });
  return result;
}
