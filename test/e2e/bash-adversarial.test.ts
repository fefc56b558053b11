// Commands that look like reads but write, run programs or reach a denied secret, issued as Bash
// calls through the compiled binary in print mode with no permission flags. Each one does real
// damage when bash runs it (that is checked first, in a copy of the folder): here none may run.

import { afterAll, expect, test } from "bun:test";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectNoneRuns, git, runShellCalls, shellProject, snapshot, stopShellServer } from "../support/shell-calls.ts";
import { tempDir } from "../support/tmp.ts";

afterAll(stopShellServer);

const WRITES = [
  "sed 's/[/]/g/w pwned' file.txt", // a bracket expression holding the delimiter: the w flag is real
  "uniq ./a*", // the glob makes two operands: uniq writes the second
  "xxd {a..b}", // brace expansion: xxd a b writes b
  "echo \"require('fs').writeFileSync('pwned','x')\" | node", // node with no argument runs its input
  'cat <<E"O"F\nEOF\ntouch pwned\nE"O"F', // bash ends the here-document at EOF, the parser at E"O"F
  "cat <<EOF\n`touch pwned`\nEOF", // a backquote substitution the parser leaves in the body text
  "git stash -m list", // stashes the change: `list` is the message
  "test -v 'a[$(touch pwned)]'", // test -v evaluates the subscript
  'echo "names.txt -opwned"; sort ./$_', // word splitting turns $_ into -o
  "[ a > pwned ]", // a redirection to bash, a comparison to the parser
  "git log --out\\\nput=pwned -1", // the line continuation joins --output
  "cd vendor/bare && git diff HEAD~1 HEAD", // a planted bare repository whose config runs a program
];

/** The corpus project with a change to stash and a bare repository planted in it (diff.external touches pwned). */
function project(): string {
  const dir = shellProject();
  git(dir, "clone", "-q", "--bare", ".", "vendor/bare");
  git(join(dir, "vendor/bare"), "config", "diff.external", "touch pwned #");
  writeFileSync(join(dir, "README.md"), "# changed\n");
  return dir;
}

test("commands that only look like reads do real damage when bash runs them", () => {
  for (const command of WRITES) {
    const dir = project();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const before = snapshot(copy);
    Bun.spawnSync(["bash", "-c", command], { cwd: copy, stdio: ["ignore", "ignore", "ignore"] });
    expect([command, snapshot(copy)]).not.toEqual([command, before]);
  }
});

test("none of them runs without a prompt: each is denied, listed, and the folder is untouched", async () => {
  await expectNoneRuns(WRITES, project());
}, 120_000);

test("a Read deny rule binds every way a shell command can reach the secret", async () => {
  const dir = shellProject();
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets/key.txt"), "SECRET_VALUE\n");
  git(dir, "add", "secrets");
  git(dir, "commit", "-qm", "secret");
  symlinkSync("../secrets", join(dir, "src/alias"));
  mkdirSync(join(dir, ".nanocode"));
  writeFileSync(join(dir, ".nanocode/settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
  const commands = [
    "cd nowhere || cat secrets/key.txt", // the cd fails: cat runs where it started
    "cat src/alias/../secrets/key.txt", // .. after a link is taken from where the link points
    "cd secrets && cat < key.txt", // the redirection is opened after the cd
    "grep -R SECRET.VALUE src", // -R follows the link into secrets
    "cat /proc/self/cwd/secrets/key.txt", // /proc/self is the shell's, not nanocode's
    "cat sec*/key.txt", // a glob
    "echo secrets/*", // the names in the folder
    "git show HEAD:secrets/key.txt; git grep SECRET.VALUE", // the repository
  ];
  const { results } = await runShellCalls(commands, dir);
  // Neither the secret nor the names in its folder reach the model.
  expect(results.join("\n")).not.toContain("SECRET_VALUE");
  expect(results.join("\n")).not.toMatch(/^secrets\/key\.txt$/m);
  expect(commands.filter((_, i) => !/^Permission to (run|read)/.test(results[i]!))).toEqual([]);
}, 120_000);
