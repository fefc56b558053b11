// git in a repository whose own configuration or hooks run a program is not a read, wherever git
// finds that repository; ordinary repositories, submodules and worktrees stay approved.
import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { probeRepository } from "../../src/permissions/git-probe.ts";
import { repositoryProblem } from "../../src/permissions/repository.ts";
import { tempDir } from "../support/tmp.ts";
import { canaryDir, cleanProject, git, gitlinkProject, ORDINARY, PLANTED, plantedProject, THROUGH_GITLINK } from "./cases/attacks-git-repos.ts";
import { Bash, decide, engine } from "./engine-support.ts";

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

const decideIn = (dir: string, command: string) => decide(engine({}, "default", { projectDir: dir }).engine, Bash, { command });

test("every planted repository's program runs under bash, and nanocode asks before each of those commands", async () => {
  const canaries = canaryDir();
  for (const [project, cases] of [[plantedProject(canaries), PLANTED], [gitlinkProject(canaries), THROUGH_GITLINK]] as const) {
    for (const [command, canary] of cases) {
      const verdict = await decideIn(project, command);
      expect([command, verdict]).toEqual([command, expect.stringContaining("needs approval")]);
      expect([command, canary, existsSync(join(canaries, canary))]).toEqual([command, canary, false]);
    }
  }
  expect(readdirSync(canaries)).toEqual([]);
});

test("ordinary repositories, submodules, worktrees and harmless local settings stay approved", async () => {
  const dir = cleanProject();
  for (const command of ORDINARY) expect([command, await decideIn(dir, command)]).toEqual([command, "allow"]);
  // git ignores an alias named after one of its own commands: the approved command is git's.
  Bun.spawnSync(["git", "status"], { cwd: dir });
  expect(existsSync(join(dir, "aliased"))).toBe(false);
});

/** Each setting in a nested repository's own config: the verdict on `git -C nested status`. */
const SETTINGS: Array<[key: string, value: string, asks: boolean]> = [
  ["diff.external", "x", true],
  ["diff.Weird.Name.textconv", "x", true],
  ["diff.pdf.command", "x", true],
  ["filter.lfs.process", "git-lfs filter-process", true],
  ["filter.x.smudge", "x", true],
  ["core.fsmonitor", ".git/hooks/fsmonitor-watchman", true],
  ["core.fsmonitor", "false", false],
  ["core.pager", "less", true],
  ["core.pager", "cat", false],
  ["pager.log", "sh -c id", true],
  ["pager.log", "true", false],
  ["gpg.program", "x", true],
  ["gpg.ssh.program", "x", true],
  ["core.sshCommand", "x", true],
  ["credential.helper", "x", true],
  ["credential.https://example.com.helper", "x", true],
  ["remote.origin.uploadpack", "x", true],
  ["remote.origin.url", "ext::sh -c id", true],
  ["remote.origin.url", "https://example.com/x.git", false],
  ["url.ext::sh -c id.insteadOf", "https://", true],
  ["core.editor", "x", true],
  ["merge.ours.driver", "x", true],
  ["interactive.diffFilter", "x", true],
  ["diff.external", "", false],
  ["alias.lg", "!touch x", false],
  ["diff.x.cachetextconv", "true", false],
  ["log.showSignature", "true", false],
];

test("the settings whose value is a program ask; the rest, and empty values, do not", async () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  git(dir, "init", "-q", "nested");
  for (const [key, value, asks] of SETTINGS) {
    git(join(dir, "nested"), "config", key, value);
    // (git spells section and variable names in lower case)
    const verdict = (await decideIn(dir, "git -C nested status")).toLowerCase();
    expect([key, value, verdict]).toEqual([key, value, asks ? expect.stringContaining(`sets ${key.toLowerCase()}`) : "allow"]);
    git(join(dir, "nested"), "config", "--unset-all", key);
  }
});

test("hooks a read may trigger ask, unless the hooks folder is the user's own choice", async () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  const hook = join(dir, ".git/hooks/post-index-change");
  writeFileSync(hook, "#!/bin/sh\n", { mode: 0o644 });
  expect(await decideIn(dir, "git status")).toBe("allow");
  writeFileSync(join(dir, ".git/hooks/reference-transaction"), "#!/bin/sh\n", { mode: 0o755 });
  expect(await decideIn(dir, "git status")).toContain("reference-transaction is a hook");
  git(dir, "config", "core.hooksPath", "hooks");
  mkdirSync(join(dir, "hooks"));
  expect(await decideIn(dir, "git status")).toBe("allow");
  writeFileSync(join(dir, "hooks/post-index-change"), "#!/bin/sh\n", { mode: 0o755 });
  expect(await decideIn(dir, "git log")).toContain("post-index-change is a hook");
  // The same folder named by the user's global config holds the user's hooks.
  git(dir, "config", "--unset", "core.hooksPath");
  writeFileSync(join(dir, "global.gitconfig"), `[core]\n\thooksPath = ${join(dir, "hooks")}\n`);
  process.env.GIT_CONFIG_GLOBAL = join(dir, "global.gitconfig");
  expect(repositoryProblem(dir, [dir])).toBeUndefined();
}, 20_000);

test("the user's own global settings are theirs: programs there do not ask", () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  writeFileSync(join(dir, "user.gitconfig"), "[core]\n\tpager = delta\n[diff \"lfs\"]\n\ttextconv = cat\n[credential]\n\thelper = store\n");
  process.env.GIT_CONFIG_GLOBAL = join(dir, "user.gitconfig");
  expect(repositoryProblem(dir, [dir])).toBeUndefined();
  git(dir, "config", "diff.lfs.textconv", "x");
  expect(repositoryProblem(dir, [dir])).toContain("sets diff.lfs.textconv");
});

test("git that cannot answer asks; a folder in no repository, or no folder (git stops at once), is fine", async () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  expect(await decideIn(dir, "git -C missing status")).toBe("allow");
  writeFileSync(join(dir, ".git/config"), "[core\n");
  expect(await decideIn(dir, "git status")).toContain("git cannot say which repository");
  const none = tempDir();
  expect(repositoryProblem(none, [none])).toBeUndefined();
  process.env.PATH = tempDir();
  const fresh = tempDir();
  expect(repositoryProblem(fresh, [fresh])).toContain("git could not be started");
});

test("the answer is kept until a file it came from changes: a later planted setting, include or nested repository is seen", () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  const first = probeRepository(dir);
  expect(probeRepository(dir)).toBe(first);
  writeFileSync(join(dir, ".git/config"), `[include]\n\tpath = ../extra.inc\n`, { flag: "a" });
  expect(probeRepository(dir)).not.toBe(first);
  expect(repositoryProblem(dir, [dir])).toBeUndefined();
  writeFileSync(join(dir, "extra.inc"), "[diff]\n\texternal = x\n");
  expect(repositoryProblem(dir, [dir])).toContain("sets diff.external");
  mkdirSync(join(dir, "sub"));
  expect(repositoryProblem(join(dir, "sub"), [dir])).toContain("sets diff.external");
  git(join(dir, "sub"), "init", "-q");
  expect(repositoryProblem(join(dir, "sub"), [dir])).toBeUndefined();
  git(join(dir, "sub"), "config", "core.fsmonitor", "x");
  expect(repositoryProblem(join(dir, "sub"), [dir])).toContain("sets core.fsmonitor");
});

test("an allow rule for the command is the user's choice: git runs the repository's program then", async () => {
  const dir = tempDir();
  git(dir, "init", "-q");
  git(dir, "config", "diff.git-crypt.textconv", '"git-crypt" diff');
  const { engine: allowed } = engine({ allow: ["Bash(git diff:*)"] }, "default", { projectDir: dir });
  expect(await decide(allowed, Bash, { command: "git diff HEAD" })).toBe("allow");
  expect(await decide(allowed, Bash, { command: "git diff HEAD && git status" })).toContain("sets diff.git-crypt.textconv");
  const { engine: planning } = engine({ allow: ["Bash(git diff:*)"] }, "plan", { projectDir: dir });
  expect(await decide(planning, Bash, { command: "git diff HEAD" })).toContain("not allowed in plan mode");
});

test("objects borrowed from a store outside the working directories ask; a shared clone inside does not", () => {
  const dir = tempDir();
  const elsewhere = tempDir();
  git(elsewhere, "init", "-q");
  git(dir, "init", "-q");
  git(dir, "init", "-q", "nested");
  expect(repositoryProblem(join(dir, "nested"), [dir])).toBeUndefined();
  writeFileSync(join(dir, "nested/.git/objects/info/alternates"), `${join(elsewhere, ".git/objects")}\n`);
  expect(repositoryProblem(join(dir, "nested"), [dir])).toContain(`reads objects from ${join(elsewhere, ".git/objects")}`);
  // Through a store inside that borrows from outside in turn.
  writeFileSync(join(dir, "nested/.git/objects/info/alternates"), "../../../.git/objects\n");
  expect(repositoryProblem(join(dir, "nested"), [dir])).toBeUndefined();
  writeFileSync(join(dir, ".git/objects/info/alternates"), `${join(elsewhere, ".git/objects")}\n`);
  expect(repositoryProblem(join(dir, "nested"), [dir])).toContain("outside the working directories");
  writeFileSync(join(dir, ".git/objects/info/alternates"), "");
  git(join(dir, "nested"), "commit", "-q", "--allow-empty", "-m", "x");
  git(dir, "clone", "-q", "--shared", join(dir, "nested"), "shared");
  expect(repositoryProblem(join(dir, "shared"), [dir])).toBeUndefined();
});
