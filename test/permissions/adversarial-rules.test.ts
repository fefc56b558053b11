// Rules and modes under attack: deny rules evaded through bash's own reading, modes that let a
// write through, allow rules stretched to cover what they do not name, and paths that reach a
// denied or outside file by another name. Each case must not be allowed. (A hard link to a file
// outside needs no case: edits are written to a temp file renamed over the name, which unlinks it.)

import { beforeAll, expect, test } from "bun:test";
import { linkSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import { put, tempDir } from "../support/tmp.ts";
import { Bash, decide, Edit, engine, Read, tool, Write } from "./engine-support.ts";

const Grep = tool("Grep", true);
const Glob = tool("Glob", true);
const NotebookEdit = tool("NotebookEdit");

type Case = { rules?: { allow?: string[]; ask?: string[]; deny?: string[] }; mode?: PermissionMode; calls: Array<[ReturnType<typeof tool>, Record<string, string>]> };

const bash = (...commands: string[]) => commands.map((command): [typeof Bash, Record<string, string>] => [Bash, { command }]);
const files = (t: ReturnType<typeof tool>, field: string, ...paths: string[]) => paths.map((path): [typeof Bash, Record<string, string>] => [t, { [field]: `$P/${path}` }]);

const CASES: Record<string, Case> = {
  "a Bash deny rule, in bypassPermissions mode, against other spellings": {
    rules: { deny: ["Bash(rm:*)"] },
    mode: "bypassPermissions",
    calls: bash(
      "\\rm -rf build", '"rm" -rf build', "r\\\nm -rf build", "/bin/rm x", "command rm x", "env rm x", "nice -n 5 rm x", "timeout 5 rm x", "sudo rm x", "xargs rm < names.txt",
      "find . -exec rm {} +", "sh -c 'rm x'", "bash -c \"rm x\"", "eval rm x", "$(echo rm) x", "exec rm x", "git ls-files | xargs -n1 rm", "'r'm x", "r''m x", "$'rm' x",
      "ls; rm x", "ls\nrm x", "ls && r\\m x", "stdbuf -o0 rm x", "nohup rm x &", "time rm x", "builtin command rm x", "find . -execdir rm {} \\;", "echo x | xargs -I{} rm {}",
    ),
  },
  "plan mode against split words and writing tools": {
    mode: "plan",
    calls: [
      ...bash("sort -\\\no out names.txt", "sed -\\\ni s/a/b/ names.txt", "tr\\\nuncate -s0 names.txt", "git log -\\\n-output=x -1", "ls > out", "echo x >> names.txt", "git stash", "git branch x"),
      ...files(Edit, "file_path", "names.txt"),
      ...files(Write, "file_path", "new.txt"),
      ...files(NotebookEdit, "notebook_path", "n.ipynb"),
    ],
  },
  "acceptEdits against guarded files, links and paths outside": {
    mode: "acceptEdits",
    calls: [
      ...files(Write, "file_path", ".git/hooks/pre-commit", ".git/config", ".claude/settings.json", ".nanocode/settings.json", ".claude/commands/x.md", ".husky/pre-commit", ".envrc", ".bashrc", ".gitmodules"),
      ...files(Write, "file_path", "home-link/.bashrc", "outside-link/x.txt", "../outside.txt", "src/../../x.txt", "src/.git/config", ".GIT/config"),
      ...files(Edit, "file_path", "outside-link/x.txt", ".zshrc", ".config/git/config"),
      ...bash("rm names.txt", "mv a b", "cp a b"),
    ],
  },
  "an Edit allow rule stretched past its folder": {
    rules: { allow: ["Edit(./src/**)"] },
    calls: files(Edit, "file_path", "src/../.git/config", "src/out-link/x.txt", "src/../../x.txt", "src/../names.txt", "src/.git/hooks/x"),
  },
  "an allow rule for one command stretched to another": {
    rules: { allow: ["Bash(npm test:*)", "Bash(git status:*)", "Bash(ls:*)"] },
    calls: bash(
      "npm test; touch pwned", "npm test && $(touch pwned)", "npm test | sh", "npm test > ~/.bashrc", "npm test\ntouch pwned", "npm test & touch pwned", "npm testx", "npm test -- $(touch pwned)",
      "npm test >> .git/hooks/pre-commit", "npm test 2> /etc/x", "npm test\\\n; touch pwned", "NODE_OPTIONS=--require=./x npm test", "git status; rm x", "git status && curl x", "git status --porcelain | sh",
      "git status $(touch x)", "ls; rm x", "ls $(rm x)", "ls | xargs rm", "ls > /etc/passwd", "ls `rm x`", "ls <(rm x)", "ls & rm x", "ls || rm x", "PATH=. ls", "BASH_ENV=./x ls",
    ),
  },
  "a Read deny rule against other names for the file": {
    rules: { deny: ["Read(./secrets/**)"] },
    calls: [
      ...bash(
        "cat secrets/key", "cat sec\\\nrets/key", 'cat "secrets"/key', "cat secrets//key", "cat ./secrets/../secrets/key", "cat $(printf secrets/key)", "cat s*/key", "cat secrets/k?y", "grep -r . .",
        "rg SECRET", "git show HEAD:secrets/key", "git grep SECRET", "cat secrets-link/key", "cat hardlink-key", "head hardlink-key", "awk 'BEGIN{ARGV[1]=\"secrets/key\"; ARGC=2} {print}'",
        "awk '{print}' sec\"\"rets/key", "awk 'BEGIN { f = \"sec\" \"rets/key\"; while ((getline l < f) > 0) print l }'", "sed -n p secrets/key", "cd secrets; cat key", "cat < secrets/key",
        "xargs cat <<< secrets/key", "find secrets -exec cat {} +", "find . -name key -exec cat {} +", "diff secrets/key /dev/null", "cmp -l secrets/key /dev/null", "od secrets/key", "jq -R . secrets/key",
        "comm secrets/key /dev/null", "paste secrets/key", "sort secrets/key", "git diff --no-index secrets/key /dev/null", "cat /proc/self/cwd/secrets/key", "tail -n +1 secrets/*", "ls secrets",
        "echo secrets/*", "cat */key", "git log -p", "git diff HEAD~1", "xxd hardlink-key",
      ),
      ...files(Read, "file_path", "secrets/key", "secrets-link/key", "hardlink-key", "secrets/../secrets/key", "./secrets/key"),
      [Read, { file_path: "/proc/self/cwd/secrets/key" }],
      [Read, { file_path: "/proc/self/root$P/secrets/key" }],
      [Grep, { pattern: "SECRET", path: "$P/secrets" }],
      [Grep, { pattern: "SECRET", path: "$P/secrets-link" }],
      [Glob, { pattern: "*", path: "$P/secrets" }],
    ],
  },
};

let project: string;
beforeAll(() => {
  project = tempDir();
  const outside = tempDir();
  put(join(outside, "target.txt"), "outside\n");
  for (const name of ["names.txt", "a", "b", "src/a.ts", "secrets/key", "n.ipynb"]) put(join(project, name), name === "secrets/key" ? "SECRET\n" : "x\n");
  symlinkSync(outside, join(project, "home-link"));
  symlinkSync(outside, join(project, "outside-link"));
  symlinkSync(outside, join(project, "src/out-link"));
  symlinkSync(join(project, "secrets"), join(project, "secrets-link"));
  linkSync(join(project, "secrets/key"), join(project, "hardlink-key"));
  mkdirSync(join(project, ".git"));
});

for (const [name, { rules, mode, calls }] of Object.entries(CASES)) {
  test(`not allowed: ${name}`, async () => {
    const { engine: e } = engine(rules ?? {}, mode ?? "default", { projectDir: project });
    const allowed: string[] = [];
    for (const [t, input] of calls) {
      const fixed = Object.fromEntries(Object.entries(input).map(([k, value]) => [k, value.replaceAll("$P", project)]));
      if ((await decide(e, t, fixed)) === "allow") allowed.push(`${t.name} ${JSON.stringify(input)}`);
    }
    expect(allowed).toEqual([]);
  });
}
