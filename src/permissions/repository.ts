// Which repository a git command will use. git looks upwards from where it runs for a `.git`, and
// takes a folder shaped like a repository (HEAD, objects/, refs/) as a bare one. Such a folder can be
// committed inside a project, with a config whose diff.external or textconv runs any program on
// `git diff` or `git log -p`: a git command there is not a read.

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isDirectory } from "../fs/fs-error.ts";

const looksLikeGitDir = (dir: string) => existsSync(join(dir, "HEAD")) && isDirectory(join(dir, "objects")) && isDirectory(join(dir, "refs"));

/** The folder holding the `.git` that git finds from `dir`, or the bare repository it would use instead. */
function discover(dir: string): { root: string; bare: boolean } | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, ".git"))) return { root: at, bare: false };
    if (basename(at) !== ".git" && looksLikeGitDir(at)) return { root: at, bare: true };
    if (dirname(at) === at) return undefined;
  }
}

/** The top of the git repository holding `path` (the path itself when there is none). */
export function repositoryRoot(path: string): string {
  return discover(path)?.root ?? path;
}

/**
 * Why git run in `dir` would use a repository whose configuration nobody here set up with git: a
 * bare repository in the working tree, a `.git` file pointing somewhere that is not a `.git`
 * folder (submodules and worktrees point into one), or a repository away from the working
 * directories (`workingDirs`, real paths), such as one unpacked from an archive. Undefined when
 * it is the project's own or one inside it.
 */
export function foreignRepository(dir: string, workingDirs: string[]): string | undefined {
  const found = discover(dir);
  if (!found) return undefined;
  if (found.bare) return `${found.root} looks like a bare git repository, and its own config could run programs`;
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  if (!workingDirs.some((w) => related(w, found.root))) return `${found.root} is a git repository outside the working directories, and its config could run programs`;
  const dotGit = join(found.root, ".git");
  if (isDirectory(dotGit)) return undefined;
  let target = "";
  try {
    target = /^gitdir:\s*(.*?)\s*$/m.exec(readFileSync(dotGit, "utf8"))?.[1] ?? "";
  } catch {}
  if (resolve(found.root, target).split("/").includes(".git")) return undefined;
  return `${dotGit} points git at ${target || "an unknown folder"}, whose config could run programs`;
}
