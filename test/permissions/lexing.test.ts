// Where bash's lexer and the parser could read a command differently (line continuations,
// quotes, comments, here-documents, odd characters), the analyser must read it as bash does, or
// ask: never approve, and let deny rules and plan mode see what bash will run, in every mode.

import { expect, test } from "bun:test";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyseCommand } from "../../src/permissions/bash-readonly.ts";
import { bashText } from "../../src/permissions/bash/reader.ts";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import { git, snapshot } from "../support/shell-calls.ts";
import { tempDir } from "../support/tmp.ts";
import { LEXING_ATTACKS, UNCERTAIN_CHARACTERS } from "./cases/attacks-lexing.ts";
import { Bash, decide, engine } from "./engine-support.ts";

const ATTACKS = Object.values(LEXING_ATTACKS).flat();

test("each attack writes, deletes or runs something when bash runs it", async () => {
  expect(ATTACKS.length).toBeGreaterThanOrEqual(80);
  const project = tempDir();
  for (const [name, text] of Object.entries({ "file.txt": "foo\nbar\n", "names.txt": "b\na\n", "list.txt": "x\n", x: "X\n", "script.sh": "echo hi\n" })) writeFileSync(join(project, name), text);
  // A repository without git's sample hooks: a hundred copies of it are made.
  git(project, "init", "-q", "--template=");
  git(project, "add", "-A");
  git(project, "commit", "-qm", "one");
  const harmless: string[] = [];
  const run = async (command: string) => {
    const copy = tempDir();
    cpSync(project, copy, { recursive: true });
    const before = snapshot(copy);
    await Bun.spawn(["/bin/bash", "-c", command], { cwd: copy, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: copy }, stdio: ["ignore", "ignore", "ignore"], timeout: 10_000 }).exited;
    if (JSON.stringify(snapshot(copy)) === JSON.stringify(before)) harmless.push(command);
  };
  const queue = [...ATTACKS];
  await Promise.all([0, 1, 2].map(async () => {
    for (let command = queue.shift(); command !== undefined; command = queue.shift()) await run(command);
  }));
  expect(harmless).toEqual([]);
}, 60_000);

for (const [trick, commands] of Object.entries(LEXING_ATTACKS)) {
  test(`never approved: ${trick}`, async () => {
    const { engine: e, project } = engine();
    const approved: string[] = [];
    for (const command of commands) {
      if ((await analyseCommand(command, project)).readOnly || (await decide(e, Bash, { command })) === "allow") approved.push(command);
    }
    expect(approved).toEqual([]);
  });
}

test("characters that may not read as they look: the analyser does not follow the command, so it asks", async () => {
  const { engine: e, project } = engine();
  for (const command of UNCERTAIN_CHARACTERS) {
    const analysis = await analyseCommand(command, project);
    expect([command, analysis.understood, analysis.readOnly]).toEqual([command, false, false]);
    expect(await decide(e, Bash, { command })).not.toBe("allow");
  }
});

test("line continuations are removed where bash removes them, and kept where it keeps them; a line starting with a backslash is set apart from the newline", () => {
  const joined: Array<[string, string | undefined]> = [
    ["tr\\\nuncate -s0 f", "truncate -s0 f"],
    ['echo "$\\\n(id)"', 'echo "$(id)"'],
    ["ls x\\\n#; id", "ls x#; id"],
    ["ls \\\n# x \\\nid", "ls # x \\\nid"], // a comment does not continue
    ["echo 'a\\\nb' $'c\\\nd' \"e\\\nf\"", "echo 'a\\\nb' $'c\\\nd' \"ef\""],
    ["echo \\\\\nid", "echo \\\\\nid"], // an escaped backslash, then a newline
    ["echo \\\\\\\nid", "echo \\\\id"],
    ["cat <<'E'\na\\\nE\nl\\\ns", "cat <<'E'\na\\\nE\nls"], // a quoted here-document keeps them; the line after it does not
    ["cat <<E\na\\\nE\nE", "cat <<E\naE\nE"],
    ["cat <<E\\\nOF\nx\\\nEOF", "cat <<EOF\nxEOF"],
    ["cat <\\\n<E\nx\\\ny\nE", "cat <<E\nxy\nE"],
    ["echo $(ls 'a\\\nb' # c\\\n)", "echo $(ls 'a\\\nb' # c\\\n)"],
    ["echo \"$(echo 'a\\\nb')\"", "echo \"$(echo 'a\\\nb')\""], // single quotes inside $( ) inside double quotes are quotes
    ["echo \"'\\\n'\"", "echo \"''\""], // single quotes inside double quotes are not
    ["echo `ls`\\\n", undefined], // backquotes remove them even inside single quotes
    ["echo $((1\\\n+1))", undefined],
    ["case x in x) ls;; esac\\\n", undefined],
    ['echo "${x:-\'a\\\nb\'}"', undefined],
    ["echo 'open\\\n", undefined],
    ["ls\n\\rm x", "ls\n \\rm x"],
    ["ls #c\n\\rm x", "ls #c\n \\rm x"],
    ["cat <<'E'\n\\x\nE\n\\rm", "cat <<'E'\n\\x\nE\n \\rm"],
    ["echo '\n\\x'", "echo '\n\\x'"],
  ];
  for (const [command, bash] of joined) expect([command, bashText(command)]).toEqual([command, bash]);
});

const MODES: PermissionMode[] = ["default", "acceptEdits", "plan", "dontAsk", "bypassPermissions"];

test("a deny rule sees the program bash runs, in every mode, bypassPermissions included", async () => {
  const hidden = ["r\\\nm -rf x", "\\rm -rf x", '"r"m -rf x', "r''m -rf x", "ls\n\\rm -rf x", "ls #c\n\\rm x", "\\\nrm -rf x", "ls;\\\n\\rm x", "command r\\\nm x", "timeout 5 \\rm x", "ls &\\\n& rm x", "echo \"$\\\n(rm x)\""];
  // Not read with certainty: they ask, so print mode refuses them.
  const unreadable = ["$'rm' x", "r\\\nm x `ls`", "ls\u00a0; rm x", "r\u200bm x"];
  for (const mode of MODES) {
    const { engine: e } = engine({ deny: ["Bash(rm:*)"] }, mode);
    for (const command of hidden) expect([mode, command, await decide(e, Bash, { command })]).toEqual([mode, command, expect.stringContaining("denied by the rule Bash(rm:*)")]);
    for (const command of unreadable) expect([mode, command, await decide(e, Bash, { command })]).toEqual([mode, command, expect.stringMatching(/^deny: /)]);
  }
});

test("plan mode runs no command whose words bash joins into a write", async () => {
  const { engine: e } = engine({}, "plan");
  for (const command of ["tr\\\nuncate -s0 f", "sort -\\\no out f", "git log -\\\n-output=x", "rg -\\\n-pre=x y", "ls\n\\touch x", 'echo "$\\\n(touch x)"', "ls x\\\n#; touch y"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("not allowed in plan mode")]);
  }
  expect(await decide(e, Bash, { command: "git log \\\n --oneline" })).toBe("allow");
});
