// The analyser's reading checked against bash's own: every command it approves runs under bash in
// an empty temporary folder where no program can be found (PATH leads nowhere) and every builtin
// is replaced by a function; both record the words they were called with. Each call bash makes
// must be one the analyser found, with the same program and words.

import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { analyseCommand, type ShellPart } from "../../src/permissions/bash-readonly.ts";
import { corpus } from "../support/corpus.ts";
import { tempDir } from "../support/tmp.ts";
import { HARMLESS } from "./cases/shell-harmless.ts";

// Sourced by bash before the command: every builtin (but the two the recorder needs) and every
// program not found records the words it was called with, then fails or succeeds as STATUS says.
const BUILTINS = Bun.spawnSync(["/bin/bash", "-c", "compgen -b"]).stdout.toString().split("\n").filter((b) => b && b !== "builtin" && b !== "return");
const PRELUDE = [
  `__record() { builtin printf '%s\\0' "$#" "$@" >> "$RECORD"; return "$STATUS"; }`,
  `command_not_found_handle() { __record "$@"; }`,
  ...BUILTINS.map((name) => `function ${name} { __record '${name}' "$@"; }`),
].join("\n");

let runs = 0;

/** The calls bash makes running `command` in `dir`, each as its words. */
async function bashCalls(command: string, dir: string, status: number): Promise<string[][]> {
  // Each run its own record: a process substitution may still be writing after bash has exited.
  const record = join(outside, `record-${runs++}`);
  const env = { PATH: join(outside, "nowhere"), HOME: homedir(), BASH_ENV: join(outside, "prelude"), RECORD: record, STATUS: String(status) };
  const bash = Bun.spawn(["/bin/bash", "-c", command], { cwd: dir, env, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 });
  // The output ends when every process holding it has, process substitutions included.
  await new Response(bash.stdout).text();
  const fields = existsSync(record) ? readFileSync(record, "utf8").split("\0").slice(0, -1) : [];
  const calls: string[][] = [];
  for (let i = 0; i < fields.length; i += Number(fields[i]) + 1) calls.push(fields.slice(i + 1, i + 1 + Number(fields[i])));
  return calls;
}

// A word the analyser gives as written because only the shell knows it: an expansion, a
// substitution, a glob or brace expansion. From there on bash's words may differ in number.
const SHELL_KNOWN = /[$`{*?[]|^[<>]\(/;

/** Does bash's call match the analyser's part? `[`'s closing `]` is not among the analyser's words. */
function sameCall(call: string[], part: ShellPart): boolean {
  const argv = part.program === "[" ? [...part.argv, "]"] : part.argv;
  for (let i = 0; i < argv.length; i++) {
    if (call[i] === argv[i]) continue;
    return i > 0 && SHELL_KNOWN.test(argv[i]!);
  }
  return call.length === argv.length;
}

const outside = tempDir("nanocode-bash-reading-");
writeFileSync(join(outside, "prelude"), PRELUDE);

test("bash runs exactly the programs and words the analyser approved", async () => {
  const commands = [...new Set([...corpus("bash-readonly-yes.txt"), ...HARMLESS])];
  expect(commands.filter((c) => c.includes("\\\n")).length).toBeGreaterThan(20);
  // The files the commands read through `<`, so that bash gets as far as running them.
  const dir = tempDir("nanocode-bash-reading-");
  writeFileSync(join(dir, "x"), "");
  const mismatches: string[] = [];
  let compared = 0;
  const check = async (command: string) => {
    const analysis = await analyseCommand(command, dir);
    expect([command, analysis.readOnly]).toEqual([command, true]);
    // A program named by its path would run for real: those are left out.
    if (analysis.parts.some((p) => p.program?.includes("/"))) return;
    compared++;
    // Succeeding, then failing where that reaches a part not seen yet (the other side of `&&`, `||`).
    const calls = await bashCalls(command, dir, 0);
    if (analysis.parts.some((p) => !calls.some((call) => sameCall(call, p)))) calls.push(...(await bashCalls(command, dir, 1)));
    for (const call of calls) if (!analysis.parts.some((p) => sameCall(call, p))) mismatches.push(`${JSON.stringify(command)}: bash ran ${JSON.stringify(call)}, the analyser saw ${JSON.stringify(analysis.parts.map((p) => p.argv))}`);
    const unseen = analysis.parts.filter((p) => !calls.some((call) => sameCall(call, p)));
    for (const part of unseen) mismatches.push(`${JSON.stringify(command)}: the analyser saw ${JSON.stringify(part.argv)}, bash never ran it (${JSON.stringify(calls)})`);
  };
  // Two commands at a time (four bash processes): the machine running the suite may have two cores.
  const queue = [...commands];
  await Promise.all([0, 1].map(async () => {
    for (let command = queue.shift(); command !== undefined; command = queue.shift()) await check(command);
  }));
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThan(300);
}, 120_000);
