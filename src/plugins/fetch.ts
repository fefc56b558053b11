// Fetching marketplaces and plugins with the ordinary clients: git for repositories, a plain copy
// for folders. Only the plugin commands call these; start-up never fetches anything.

import { cpSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { isInside } from "../fs/paths.ts";

export class FetchError extends Error {}

/** Runs git, throwing its own message (first line of stderr) when it fails. */
export function git(args: string[], cwd?: string): string {
  const run = Bun.spawnSync(["git", ...args], { cwd, stdout: "pipe", stderr: "pipe", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (run.exitCode !== 0) throw new FetchError(`git ${args[0]} failed: ${run.stderr.toString().trim().split("\n").at(-1) ?? `exit ${run.exitCode}`}`);
  return run.stdout.toString().trim();
}

/** A GitHub `owner/repo` as a clone URL; any other git URL as written. */
export const cloneUrl = (repo: string) => (/^[\w.-]+\/[\w.-]+$/.test(repo) ? `https://github.com/${repo}.git` : repo);

/** Whether `text` names a git repository rather than a folder or a JSON file. */
export const isGitUrl = (text: string) => /^(https?|ssh|git|file):\/\//.test(text) || /^[\w.-]+@[\w.-]+:/.test(text) || text.endsWith(".git");

/**
 * Clones `url` into `into` (which must not exist), at `ref` (branch or tag) and then `sha` when
 * given; returns the commit checked out. The .git folder stays: `update` pulls into it.
 */
export function cloneAt(url: string, into: string, at: { ref?: string; sha?: string } = {}): string {
  mkdirSync(dirname(into), { recursive: true });
  git(["clone", "--quiet", ...(at.sha ? [] : ["--depth", "1"]), ...(at.ref ? ["--branch", at.ref] : []), "--", url, into]);
  if (at.sha) git(["checkout", "--quiet", at.sha], into);
  return git(["rev-parse", "HEAD"], into);
}

/**
 * Fetches an npm package with `npm pack` (the registry's tarball, or whatever `npm pack` accepts)
 * and unpacks it into `into`; returns the folder holding the package and its version.
 */
export function npmPack(spec: string, into: string, registry?: string): { dir: string; version?: string } {
  mkdirSync(into, { recursive: true });
  const run = Bun.spawnSync(["npm", "pack", spec, "--json", "--pack-destination", into, ...(registry ? ["--registry", registry] : [])], { cwd: into, stdout: "pipe", stderr: "pipe" });
  if (run.exitCode !== 0) throw new FetchError(`npm pack ${spec} failed: ${run.stderr.toString().trim().split("\n").at(-1) ?? `exit ${run.exitCode}`}`);
  const [packed] = JSON.parse(run.stdout.toString()) as Array<{ filename: string; version?: string }>;
  if (!packed) throw new FetchError(`npm pack ${spec} made no package`);
  const unpack = Bun.spawnSync(["tar", "-xzf", join(into, packed.filename), "-C", into], { stdout: "pipe", stderr: "pipe" });
  if (unpack.exitCode !== 0) throw new FetchError(`unpacking ${packed.filename} failed: ${unpack.stderr.toString().trim()}`);
  return { dir: join(into, "package"), version: packed.version };
}

/** Brings a clone up to its remote's latest commit (of its branch); returns that commit. */
export function pull(dir: string): string {
  git(["fetch", "--quiet", "origin"], dir);
  git(["reset", "--quiet", "--hard", "@{upstream}"], dir);
  return git(["rev-parse", "HEAD"], dir);
}

/** The commit a folder is at, when it is a git work tree. */
export function commitOf(dir: string): string | undefined {
  try {
    return git(["rev-parse", "HEAD"], dir);
  } catch {
    return undefined;
  }
}

/**
 * Puts a copy of `from` at `to`, replacing what was there only once the copy is complete, so an
 * interrupted install leaves the old plugin whole. A `.git` folder is not copied.
 */
export function copyInto(from: string, to: string): void {
  const temp = `${to}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  cpSync(from, temp, { recursive: true, filter: (path) => !isInside(join(from, ".git"), path) });
  rmSync(to, { recursive: true, force: true });
  renameSync(temp, to);
}
