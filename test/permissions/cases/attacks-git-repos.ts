// Repositories planted inside a project whose own configuration or hooks run a program on a
// command that looks like a read. Each program touches a canary file named after its case, in a
// folder outside the project, so a test can see which ones ran.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../../support/tmp.ts";

export const git = (cwd: string, ...args: string[]) => {
  const run = Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "protocol.file.allow=always", ...args], { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });
  if (run.exitCode !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${run.stderr}`);
  return run.stdout.toString();
};

function write(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

/** A repository at `dir` with two commits and a change of the same size left unstaged (git must read the file to see it). */
function repository(dir: string, files: Record<string, string> = {}): void {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "--template=", "-b", "main");
  for (const [name, text] of Object.entries({ "a.txt": "one\n", ...files })) write(join(dir, name), text);
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "one");
  write(join(dir, "a.txt"), "two\n");
  git(dir, "commit", "-qam", "two");
  write(join(dir, "a.txt"), "six\n");
}

const touch = (canaries: string, name: string) => `touch ${join(canaries, name)}`;

/**
 * A project (itself a clean repository) holding one planted repository per kind of trick; the
 * programs touch files in `canaries`.
 */
export function plantedProject(canaries: string): string {
  const dir = tempDir("nanocode-planted-");
  const config = (repo: string, key: string, value: string) => git(join(dir, repo), "config", key, value);
  repository(dir, { "README.md": "# project\n" });
  // A nested clone whose config sets diff.external.
  repository(join(dir, "docs/site"));
  config("docs/site", "diff.external", `${touch(canaries, "external")} #`);
  symlinkSync("docs/site", join(dir, "site-link"));
  // A textconv driver the repository's own .gitattributes picks.
  repository(join(dir, "textconv"), { ".gitattributes": "*.txt diff=conv\n" });
  config("textconv", "diff.conv.textconv", `${touch(canaries, "textconv")}; cat`);
  repository(join(dir, "fsmonitor"));
  config("fsmonitor", "core.fsmonitor", `${touch(canaries, "fsmonitor")}; echo`);
  repository(join(dir, "filter"), { ".gitattributes": "*.txt filter=clean\n" });
  config("filter", "filter.clean.clean", `${touch(canaries, "filter")}; cat`);
  // (an unchanged file whose stat git refreshes makes git status write the index)
  repository(join(dir, "hooked"), { "b.txt": "b\n" });
  write(join(dir, "hooked/.git/hooks/post-index-change"), `#!/bin/sh\n${touch(canaries, "hook")}\n`, 0o755);
  // include.path pulls in a file of the working tree, where anything can be committed.
  repository(join(dir, "included"), { "settings.inc": `[diff]\n\texternal = ${touch(canaries, "include")} #\n` });
  config("included", "include.path", "../settings.inc");
  // A .git file sends git to a git directory elsewhere in the tree.
  mkdirSync(join(dir, "linked"));
  mkdirSync(join(dir, "stores"));
  git(dir, "init", "-q", "--template=", "--separate-git-dir", join(dir, "stores/linked.git"), "linked");
  write(join(dir, "linked/a.txt"), "one\n");
  git(join(dir, "linked"), "add", "-A");
  git(join(dir, "linked"), "commit", "-qm", "one");
  write(join(dir, "linked/a.txt"), "two\n");
  config("linked", "diff.external", `${touch(canaries, "linked")} #`);
  // A committed folder git takes for a repository: HEAD, and a commondir pointing at a store.
  git(dir, "clone", "-q", "--template=", "--bare", join(dir, "docs/site"), join(dir, "stores/common.git"));
  git(join(dir, "stores/common.git"), "config", "diff.conv.textconv", `${touch(canaries, "commondir")}; cat`);
  write(join(dir, "stores/common.git/info/attributes"), "* diff=conv\n");
  write(join(dir, "vendor/pkg/HEAD"), "ref: refs/heads/main\n");
  write(join(dir, "vendor/pkg/commondir"), "../../stores/common.git\n");
  // A bare repository in the tree.
  git(dir, "clone", "-q", "--template=", "--bare", join(dir, "docs/site"), join(dir, "vendor/bare.git"));
  git(join(dir, "vendor/bare.git"), "config", "diff.conv.textconv", `${touch(canaries, "bare")}; cat`);
  write(join(dir, "vendor/bare.git/info/attributes"), "* diff=conv\n");
  // A worktree whose own config.worktree sets the program.
  repository(join(dir, "wt/main"));
  git(join(dir, "wt/main"), "worktree", "add", "-q", "-b", "side", join(dir, "wt/side"));
  config("wt/main", "extensions.worktreeConfig", "true");
  git(join(dir, "wt/side"), "config", "--worktree", "diff.external", `${touch(canaries, "worktree")} #`);
  write(join(dir, "wt/side/a.txt"), "side\n");
  return dir;
}

/** A project whose top repository records a nested one as a gitlink: git status there looks inside it. */
export function gitlinkProject(canaries: string): string {
  const dir = tempDir("nanocode-gitlink-");
  repository(dir);
  repository(join(dir, "mods/sub"));
  git(join(dir, "mods/sub"), "config", "core.fsmonitor", `${touch(canaries, "gitlink")}; echo`);
  git(dir, "add", "mods/sub");
  git(dir, "commit", "-qm", "sub");
  return dir;
}

/** Each command with the canary that shows bash ran the planted program. */
export const PLANTED: Array<[command: string, canary: string]> = [
  ["git -C docs/site diff", "external"],
  ["cd docs/site && git diff", "external"],
  ["git -C docs/site diff HEAD", "external"],
  ["git -C docs -C site diff", "external"],
  ["git -C site-link diff", "external"],
  ["git -C ./docs/../docs/site diff", "external"],
  ["cd docs && git -C site diff", "external"],
  ["(cd docs/site; git diff)", "external"],
  ["git -C textconv log -p", "textconv"],
  ["cd textconv && git show", "textconv"],
  ["git -C textconv diff HEAD~1 HEAD", "textconv"],
  ["git -C textconv blame a.txt", "textconv"],
  ["git -C fsmonitor status", "fsmonitor"],
  ["cd fsmonitor && git status", "fsmonitor"],
  ["git -C fsmonitor ls-files", "fsmonitor"],
  ["git -C fsmonitor grep one", "fsmonitor"],
  ["git -C filter status", "filter"],
  ["cd filter && git diff", "filter"],
  ["git -C hooked status", "hook"],
  ["git -C included diff", "include"],
  ["cd linked && git diff", "linked"],
  ["git -C vendor/pkg log -p", "commondir"],
  ["cd vendor/pkg && git show", "commondir"],
  ["git -C vendor/bare.git log -p", "bare"],
  ["cd vendor/bare.git/refs && git log -p", "bare"],
  ["git -C wt/side diff", "worktree"],
];

/** Commands in gitlinkProject: git runs in the nested repository too. */
export const THROUGH_GITLINK: Array<[command: string, canary: string]> = [
  ["git status", "gitlink"],
  ["git diff", "gitlink"],
];

/** Reads of ordinary repositories in cleanProject that must stay approved. */
export const ORDINARY = [
  "git status", "git log -p", "git diff", "git show", "git -C vendor/lib log -p", "git -C vendor/lib diff", "git -C modules/dep status", "git -C modules/dep log -p",
  "git -C .worktrees/feature status", "git -C vendor/plain.git log -p", "git -C src log", "git blame README.md", "git -C vendor -C lib status",
  // (last: the cd stays for the calls after it)
  "cd vendor/lib && git status",
];

/** A clean project: a nested clone, a submodule, a worktree inside, a bare clone, local settings that run nothing on a read. */
export function cleanProject(): string {
  const dir = tempDir("nanocode-clean-");
  const lib = tempDir("nanocode-lib-");
  for (const repo of [dir, lib]) {
    git(repo, "init", "-q", "-b", "main");
    writeFileSync(join(repo, "README.md"), "# readme\n");
    mkdirSync(join(repo, "src"), { recursive: true });
    writeFileSync(join(repo, "src/a.ts"), "export {};\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "one");
  }
  git(dir, "clone", "-q", lib, "vendor/lib");
  git(dir, "clone", "-q", "--template=", "--bare", lib, "vendor/plain.git");
  git(dir, "submodule", "add", "-q", lib, "modules/dep");
  git(dir, "commit", "-qm", "dep");
  git(dir, "worktree", "add", "-q", "-b", "feature", ".worktrees/feature");
  // Settings people keep in a project: an alias (never one of git's own commands), husky's hooks.
  git(dir, "config", "alias.status", "!touch aliased");
  git(dir, "config", "alias.lg", "!git log --oneline");
  git(dir, "config", "core.hooksPath", ".husky");
  mkdirSync(join(dir, ".husky"));
  writeFileSync(join(dir, ".husky/pre-commit"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  writeFileSync(join(dir, ".git/hooks/pre-push"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  git(dir, "config", "pager.log", "false");
  git(dir, "config", "core.pager", "cat");
  return dir;
}

export const canaryDir = () => tempDir("nanocode-canary-");
