// The path guard against the file system: real paths as the kernel finds them, guarded files, deny
// rules that bind every way of reaching a path, and git repositories planted in the working tree.
import { expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { protectedReason, realPath } from "../../src/permissions/paths.ts";
import { repositoryProblem } from "../../src/permissions/repository.ts";
import { tempDir } from "../support/tmp.ts";
import { Bash, decide, Edit, engine, Read, tool, Write } from "./engine-support.ts";

const git = (cwd: string, ...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });

/** project/{secrets/key, src/a.ts, src/alias -> ../secrets, src/nested/deeper}, a git repository. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "secrets"));
  mkdirSync(join(dir, "src/nested/deeper"), { recursive: true });
  writeFileSync(join(dir, "secrets/key"), "SECRET");
  writeFileSync(join(dir, "src/a.ts"), "a");
  writeFileSync(join(dir, "README.md"), "hi");
  symlinkSync("../secrets", join(dir, "src/alias"));
  symlinkSync(join(dir, "secrets"), join(dir, "src/nested/deeper/up"));
  git(dir, "init", "-q");
  return dir;
}

test("real paths resolve each link before the .. after it, follow dangling links, and leave /proc alone", () => {
  const dir = project();
  // (join would normalise the .. away: the kernel does not)
  expect(realPath(`${dir}/src/alias/../secrets/key`)).toBe(join(dir, "secrets/key"));
  expect(realPath(`${dir}/src/nested/deeper/up/../secrets/key`)).toBe(join(dir, "secrets/key"));
  const outside = tempDir();
  symlinkSync(join(outside, "new.txt"), join(dir, "dangling"));
  expect(realPath(join(dir, "dangling"))).toBe(join(outside, "new.txt"));
  expect(realPath("/proc/self/cwd/x")).toBe("/proc/self/cwd/x");
  expect(realPath(`${dir}/missing/../README.md`)).toBe(join(dir, "README.md"));
});

test("guarded names: any case, a .git file, Windows spellings, more shell and git configuration", () => {
  for (const path of ["/p/.git", "/p/.GIT/hooks/pre-commit", "/p/.Git/config", "/p/.git./config", "/p/.git::$INDEX_ALLOCATION/x", "/h/.bash_aliases", "/h/.config/git/config", "/p/sub/.claude/settings.json"]) {
    expect([path, protectedReason(path) !== undefined]).toEqual([path, true]);
  }
  for (const path of ["/p/.gitignore", "/p/.github/workflows/ci.yml", "/p/src/git.ts", "/p/..."]) expect([path, protectedReason(path)]).toEqual([path, undefined]);
});

test("a Read deny rule stops every shell read that can reach the path, and only those", async () => {
  const dir = project();
  writeFileSync(join(dir, "list"), "secrets/key\0");
  const { engine: e } = engine({ deny: ["Read(./secrets/**)"] }, "default", { projectDir: dir });
  const reaching = [
    "cat secrets/key", "cat src/alias/key", "cat src/alias/../secrets/key", "cat src/nested/deeper/up/../secrets/key", "cat ./secrets/../secrets/key", "cat sec*/key", "cat secrets/k?y",
    "cat {secrets,x}/key", "cat $'secrets/key'", "cat $HOME/../..$PWD/secrets/key", "grep -r SECRET .", "grep -R SECRET src", "rg SECRET", "rg -L SECRET src", "find . -name key", "find -L src",
    "ls secrets", "ls -R", "ls -RL src", "tree -l src", "du -L src", "echo secrets/*", "printf '%s\\n' secrets/*", "cat */*", "cd secrets && cat key", "cd secrets; cat key", "cd nowhere || cat secrets/key",
    "cd src/alias && cat key", "cd src && cat alias/key", "cd secrets && cat < key", "git log -p", "git show HEAD:secrets/key", "git grep SECRET", "cat $(echo secrets/key)", "head < secrets/key",
    "wc --files0-from=list", "sha256sum -c list", "cat /proc/self/cwd/secrets/key", "cd src && cat /proc/self/cwd/../secrets/key", "diff -r src secrets", "xargs cat < list", "find . | xargs cat",
    "grep -r SECRET $x", "ls $_",
  ];
  for (const command of reaching) expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  for (const command of ["cat README.md", "grep -r x src/a.ts", "grep -r SECRET src", "rg SECRET src", "ls", "ls src", "echo *", "git status", "find src -name '*.ts'", "cd src && cat a.ts", "wc -l src/*.ts"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
  for (const path of ["secrets/key", "src/alias/key", "/proc/self/cwd/secrets/key"]) {
    expect([path, await decide(e, Read, { file_path: path.startsWith("/") ? path : join(dir, path) })]).toEqual([path, expect.stringContaining("deny")]);
  }
  expect(await decide(e, tool("Grep", true), { pattern: "x", path: join(dir, "src/alias") })).toContain("deny");
});

test("git in a repository planted in the tree whose config runs a program, or away from the working directories, is not a read", async () => {
  const dir = project();
  git(dir, "init", "-q", "--bare", "vendor/bare");
  git(join(dir, "vendor/bare"), "config", "diff.external", "touch pwned #");
  mkdirSync(join(dir, "vendor/linked"));
  writeFileSync(join(dir, "vendor/linked/.git"), `gitdir: ${join(dir, "vendor/bare")}\n`);
  git(dir, "init", "-q", "--bare", "vendor/clean");
  mkdirSync(join(dir, "vendor/module"));
  writeFileSync(join(dir, "vendor/module/.git"), "gitdir: ../../.git/modules/module\n");
  const other = tempDir();
  git(other, "init", "-q");
  const problem = (path: string) => repositoryProblem(path, [dir]);
  expect(problem(join(dir, "vendor/bare"))).toContain("sets diff.external to a program");
  expect(problem(join(dir, "vendor/bare/refs"))).toContain("sets diff.external to a program");
  expect(problem(join(dir, "vendor/linked"))).toContain("sets diff.external to a program");
  // git refuses a .git file pointing nowhere: nothing runs.
  expect(problem(join(dir, "vendor/module"))).toBeUndefined();
  expect(problem(join(dir, "vendor/clean"))).toBeUndefined();
  expect(problem(join(dir, "src"))).toBeUndefined();
  expect(problem(join(dir, ".git/refs"))).toBeUndefined();
  expect(problem(other)).toContain("outside the working directories");
  // A project inside a bigger repository (a monorepo package) is at home there.
  expect(repositoryProblem(join(dir, "src"), [join(dir, "src")])).toBeUndefined();
  const { engine: e } = engine({}, "plan", { projectDir: dir });
  for (const command of ["cd vendor/bare && git log", "git -C vendor/bare diff HEAD~1 HEAD", "cd vendor/linked && git status", "cd $x && git status", `git -C ${other} log -p`]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
  for (const command of ["git status", "git -C src log", "cd vendor/module && git log", "git -C vendor/clean log"]) expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
});

test("a program PATH finds inside the working directories is not the system's: reads through it ask", async () => {
  const dir = project();
  mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
  writeFileSync(join(dir, "node_modules/.bin/cat"), "#!/bin/sh\ntouch pwned\n", { mode: 0o755 });
  const shim = tempDir();
  writeFileSync(join(shim, "npm"), "#!/usr/bin/env node\n", { mode: 0o755 });
  const system = tempDir();
  writeFileSync(join(system, "node"), "#!/bin/sh\n", { mode: 0o755 });
  writeFileSync(join(dir, "node_modules/.bin/node"), "#!/bin/sh\n", { mode: 0o755 });
  const { engine: e } = engine({}, "default", { projectDir: dir });
  const saved = process.env.PATH;
  try {
    process.env.PATH = `${join(dir, "node_modules/.bin")}:${saved}`;
    expect(await decide(e, Bash, { command: "cat README.md" })).toContain("inside the working directories");
    expect(await decide(e, Bash, { command: "ls | xargs cat" })).toContain("inside the working directories");
    expect(await decide(e, Bash, { command: "echo hi && pwd" })).toBe("allow");
    process.env.PATH = `${shim}:${system}:${saved}:${join(dir, "node_modules/.bin")}`;
    // npm is a script for `env node`: the node PATH finds first must not be the project's either.
    expect(await decide(e, Bash, { command: "npm ls" })).toBe("allow");
    process.env.PATH = `${shim}:${join(dir, "node_modules/.bin")}:${saved}`;
    expect(await decide(e, Bash, { command: "npm ls" })).toContain("node would run");
    process.env.PATH = `node_modules/.bin:${saved}`;
    expect(await decide(e, Bash, { command: "ls" })).toContain("relative folder");
  } finally {
    process.env.PATH = saved;
  }
});

test("deny rules see the program as it runs: escaped, quoted, by path or behind a wrapper; what the analyser cannot read asks", async () => {
  const { engine: e } = engine({ deny: ["Bash(rm:*)"] }, "bypassPermissions");
  for (const command of ["\\rm -rf x", '"rm" -rf x', "r''m x", "/bin/rm x", "command rm x", "FOO=1 timeout 5 rm x", "ls; /usr/bin/rm -f y"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("denied by the rule Bash(rm:*)")]);
  }
  for (const command of ["$(echo rm) x", "for f in a; do rm $f; done", "$cmd x"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny rules cannot be checked")]);
  }
  expect(await decide(e, Bash, { command: "touch x" })).toBe("allow");
});

test("edits follow dangling links and guarded names whatever their case; acceptEdits never covers shell deletes or moves", async () => {
  const dir = project();
  const outside = tempDir();
  symlinkSync(join(outside, "planted.sh"), join(dir, "tool.sh"));
  const { engine: e } = engine({}, "acceptEdits", { projectDir: dir });
  expect(await decide(e, Write, { file_path: join(dir, "tool.sh") })).toContain("outside the working directories");
  for (const path of [".GIT/config", ".git", "sub/.Claude/settings.json", "src/alias/../.git/hooks/pre-commit"]) {
    expect([path, await decide(e, Edit, { file_path: join(dir, path) })]).toEqual([path, expect.stringContaining("deny")]);
  }
  expect(await decide(e, Edit, { file_path: join(dir, "src/a.ts") })).toBe("allow");
  for (const command of ["rm src/a.ts", "mv src/a.ts b.ts", "git rm src/a.ts", "find . -delete", "sed -i s/a/b/ src/a.ts", "cp /dev/null src/a.ts", "ln -sf x src/a.ts"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny")]);
  }
});

test("a rule-approved command's redirection is checked where the shell will be when it opens the file", async () => {
  const { engine: e, project: dir } = engine({ allow: ["Bash(npm run build:*)"] });
  expect(await decide(e, Bash, { command: "npm run build > out.log" })).toBe("allow");
  expect(await decide(e, Bash, { command: "cd /etc && npm run build > hosts" })).toContain("outside the working directories");
  expect(await decide(e, Bash, { command: `cd ${dir}/.. && npm run build > x` })).toContain("outside the working directories");
});
