// Which repository a git command will use, and whether its configuration can run a program. A
// repository can be committed inside a project (a nested clone, a bare-looking folder, a folder
// with `HEAD` and a `commondir` pointing at a store elsewhere in the tree, a `.git` file pointing
// anywhere), and its config can make `git diff`, `git log -p` or `git status` run any program:
// then a git command there is not a read.

import { statSync } from "node:fs";
import { isInside } from "../fs/paths.ts";
import { type GitRepository, probeRepository } from "./git-probe.ts";
import { programSetting, READ_HOOKS } from "./git-programs.ts";

// Settings from these scopes come with the repository; system, global and command-line ones
// (GIT_CONFIG_PARAMETERS) are the user's own, and so is what those files include.
const REPOSITORY_SCOPES = new Set(["local", "worktree"]);
// Submodules of submodules are followed this deep, then asked about.
const MAX_NESTING = 4;

const executable = (path: string) => ((statSync(path, { throwIfNoEntry: false })?.mode ?? 0) & 0o111) !== 0;

/** Why the repository's own configuration or hooks can make a read-only git command run a program. */
function programOf(repo: GitRepository): string | undefined {
  for (const { scope, origin, key, value } of repo.settings) {
    if (!REPOSITORY_SCOPES.has(scope)) continue;
    const when = programSetting(key, value);
    if (when) return `${origin} sets ${key} to a program (${when})`;
  }
  // A hooks folder the user chose in their own config holds their hooks.
  const hooksPath = repo.settings.findLast((s) => s.key.toLowerCase() === "core.hookspath");
  if (hooksPath && !REPOSITORY_SCOPES.has(hooksPath.scope)) return undefined;
  const hook = READ_HOOKS.map((name) => `${repo.hooksDir}/${name}`).find(executable);
  return hook ? `${hook} is a hook that git status and other reads may run` : undefined;
}

/**
 * Why git run in `dir` (a real path) may run a program instead of only reading: git cannot say
 * which repository it would use, or that repository (or a submodule git looks into from it) has
 * a configuration or hook that runs one, or it (or an object store it borrows from) lies away
 * from the working directories (`workingDirs`, real paths), such as one unpacked from an archive.
 * Undefined when git would only read.
 */
export function repositoryProblem(dir: string, workingDirs: string[], depth = 0): string | undefined {
  const found = probeRepository(dir);
  if (found.kind === "none") return undefined;
  if (found.kind === "failed") return `git cannot say which repository it would use in ${dir} (${found.why})`;
  const { repo } = found;
  const related = (a: string, b: string) => isInside(a, b) || isInside(b, a);
  if (!workingDirs.some((w) => related(w, repo.root))) return `${repo.root} is a git repository outside the working directories, and its config could run programs`;
  // Objects borrowed from a store elsewhere show that store's content: another project's, maybe.
  const away = repo.borrowed.find((store) => !workingDirs.some((w) => related(w, store)) && !related(repo.commonDir, store));
  if (away) return `the repository at ${repo.root} reads objects from ${away}, outside the working directories`;
  const why = programOf(repo);
  if (why) return `git would use the repository at ${repo.root}, and ${why}`;
  for (const nested of repo.nested) {
    if (depth >= MAX_NESTING) return `${nested} is a repository nested too deep to check`;
    const inner = repositoryProblem(nested, workingDirs, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** The top of the git repository holding `path` (the path itself when there is none). */
export function repositoryRoot(path: string): string {
  const found = probeRepository(path);
  return found.kind === "repo" ? found.repo.root : path;
}
