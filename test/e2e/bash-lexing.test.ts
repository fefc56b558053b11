// Commands bash reads differently from a plain parse (line continuations, escaped names after a
// newline, odd characters), issued as Bash calls through the compiled binary in print mode: none
// runs unasked, deny rules catch what bash would run in bypassPermissions mode, and plan mode
// runs none of them. Each does real damage under bash (test/permissions/lexing.test.ts).

import { afterAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expectNoneRuns, runShellCalls, shellProject, snapshot, stopShellServer } from "../support/shell-calls.ts";
import { LEXING_ATTACKS, UNCERTAIN_CHARACTERS } from "../permissions/cases/attacks-lexing.ts";

afterAll(stopShellServer);

// The issue's examples: a continuation inside double quotes, before a `#`, splitting a program
// name or an option, and a newline followed by an escaped command.
const ISSUE = ['echo "$\\\n(touch pwned)"', "ls x\\\n#; touch pwned", "tr\\\nuncate -s0 file.txt", "sort -\\\no pwned names.txt", "ls\n\\touch pwned", "rg -\\\n-pre=rm foo", "git log -\\\n-output=pwned -1"];

test("in default mode none runs: each is denied and listed, and the folder is untouched", async () => {
  const commands = [...new Set([...ISSUE, ...Object.values(LEXING_ATTACKS).flat(), ...UNCERTAIN_CHARACTERS.filter((c) => !c.includes("\0"))])];
  await expectNoneRuns(commands, shellProject());
}, 120_000);

test("bypassPermissions: a Bash(rm:*) deny rule catches rm however the command spells it", async () => {
  const dir = shellProject();
  const commands = ["r\\\nm file.txt", "\\rm file.txt", '"r"m file.txt', "r''m file.txt", "command r\\\nm file.txt", "ls\n\\rm file.txt", 'echo "$\\\n(rm file.txt)"', "ls &\\\n& \\r\\m file.txt", "$'rm' file.txt"];
  const { results } = await runShellCalls([...commands, "touch made"], dir, { args: ["--permission-mode", "bypassPermissions", "--disallowedTools", "Bash(rm:*)"] });
  expect(existsSync(join(dir, "file.txt"))).toBe(true);
  expect(commands.filter((_, i) => !/^Permission to (run|use)/.test(results[i]!))).toEqual([]);
  // Bypass is on: what no rule denies runs.
  expect(existsSync(join(dir, "made"))).toBe(true);
}, 120_000);

test("plan mode runs no command whose words bash joins into a write; a joined read runs", async () => {
  const dir = shellProject();
  const before = snapshot(dir);
  const commands = ["tr\\\nuncate -s0 file.txt", "sort -\\\no pwned names.txt", "ls\n\\touch pwned", 'echo "$\\\n(touch pwned)"', "git log -\\\n-output=pwned -1"];
  const { results } = await runShellCalls([...commands, "git log \\\n  --format=%s -1"], dir, { args: ["--permission-mode", "plan"] });
  expect(snapshot(dir)).toEqual(before);
  expect(commands.filter((_, i) => !/not allowed in plan mode|^Permission to run/.test(results[i]!))).toEqual([]);
  expect(results.at(-1)).toBe("two");
}, 120_000);
