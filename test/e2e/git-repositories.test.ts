// git commands that look like reads, in repositories planted inside the project whose own config
// or hooks run a program: first proved to run it under bash (in a throwaway copy), then issued as
// Bash calls through the compiled binary in print mode, where none may run. Ordinary repositories
// stay approved.

import { afterAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runShellCalls, stopShellServer } from "../support/shell-calls.ts";
import { tempDir } from "../support/tmp.ts";
import { canaryDir, cleanProject, gitlinkProject, ORDINARY, PLANTED, plantedProject, THROUGH_GITLINK } from "../permissions/cases/attacks-git-repos.ts";

const canaries = canaryDir();
const projects = [
  { dir: plantedProject(canaries), cases: PLANTED },
  { dir: gitlinkProject(canaries), cases: THROUGH_GITLINK },
];
const used: string[] = [];

afterAll(() => {
  stopShellServer();
  // (the fixtures are hundreds of files: removed here rather than in the run's last hook)
  for (const dir of [...projects.map((p) => p.dir), ...used]) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project: its files are new to the index, so git must look at them again. */
function copyOf(dir: string): string {
  const copy = tempDir("nanocode-copy-");
  used.push(copy);
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

test("bash runs each planted program: its canary appears", () => {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tempDir(), GIT_PAGER: "cat", PAGER: "cat" };
  for (const { dir, cases } of projects) {
    for (const [command, canary] of cases) {
      rmSync(canaries, { recursive: true, force: true });
      mkdirSync(canaries);
      const copy = copyOf(dir);
      Bun.spawnSync(["bash", "-c", command], { cwd: copy, env, stdio: ["ignore", "ignore", "ignore"] });
      rmSync(copy, { recursive: true, force: true });
      expect([command, existsSync(join(canaries, canary))]).toEqual([command, true]);
    }
  }
  rmSync(canaries, { recursive: true, force: true });
  mkdirSync(canaries);
}, 120_000);

test("through nanocode each of those commands is denied, and no planted program runs", async () => {
  for (const { dir, cases } of projects) {
    const commands = cases.map(([command]) => command);
    const { stderr, result, results } = await runShellCalls(commands, copyOf(dir));
    expect(stderr).toBe("");
    expect(commands.filter((_, i) => !results[i]!.startsWith("Permission to run"))).toEqual([]);
    expect(result.permission_denials).toHaveLength(commands.length);
  }
  expect(readdirSync(canaries)).toEqual([]);
}, 120_000);

test("reads of ordinary repositories, submodules and worktrees still run without a prompt", async () => {
  const { results } = await runShellCalls(ORDINARY, cleanProject());
  expect(ORDINARY.filter((_, i) => results[i]!.startsWith("Permission to run"))).toEqual([]);
}, 120_000);
