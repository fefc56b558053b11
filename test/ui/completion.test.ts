// The REPL's list of files for @ mentions comes from git when the folder is a repository: git
// must not run the repository's core.fsmonitor program to make it.
import { expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "../../src/ui/completion.ts";
import { git } from "../permissions/cases/attacks-git-repos.ts";
import { tempDir } from "../support/tmp.ts";

test("listing a repository's files for @ mentions runs no core.fsmonitor program", async () => {
  const dir = tempDir();
  const canary = join(tempDir(), "fsmonitor");
  git(dir, "init", "-q");
  writeFileSync(join(dir, "a.ts"), "a\n");
  git(dir, "add", "-A");
  git(dir, "config", "core.fsmonitor", `touch ${canary}; echo`);
  writeFileSync(join(dir, "b.ts"), "b\n");
  expect((await listFiles(dir)).sort()).toEqual(["a.ts", "b.ts"]);
  expect(existsSync(canary)).toBe(false);
  // (as git itself does without the override)
  Bun.spawnSync(["git", "ls-files"], { cwd: dir });
  expect(existsSync(canary)).toBe(true);
});
