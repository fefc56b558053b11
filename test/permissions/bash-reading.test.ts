// The analyser's reading checked against bash's own: every command it approves runs under bash in
// an empty temporary folder where no program can be found (PATH leads nowhere) and every builtin
// is replaced by a function; both record the words they were called with. Each call bash makes
// must be one the analyser found, with the same program and words.

import { expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { analyseCommand, type ShellPart } from "../../src/permissions/bash-readonly.ts";
import { corpus } from "../support/corpus.ts";
import { tempDir } from "../support/tmp.ts";
import { HARMLESS } from "./cases/shell-harmless.ts";

// Sourced by bash before the command: every builtin (but the two the recorder needs) and every
// program not found records the words it was called with, then fails or succeeds as STATUS says.
const BUILTINS = Bun.spawnSync(["/bin/bash", "-c", "compgen -b"]).stdout.toString().split("\n").filter((b) => b && b !== "builtin" && b !== "return");
const PRELUDE = [
  // One record per process: two sides of a pipe writing to one file could interleave.
  `__record() { builtin printf '%s\\0' "$#" "$@" >> "$RECORD-$BASHPID"; return "$STATUS"; }`,
  `command_not_found_handle() { __record "$@"; }`,
  ...BUILTINS.map((name) => `function ${name} { __record '${name}' "$@"; }`),
].join("\n");

let runs = 0;

/** The calls bash makes running `command` in `dir`, each as its words. */
async function bashCalls(command: string, dir: string, status: number): Promise<string[][]> {
  // Each run its own records: a process substitution may still be writing after bash has exited.
  const record = join(outside, `record-${runs++}`);
  const env = { PATH: join(outside, "nowhere"), HOME: homedir(), BASH_ENV: join(outside, "prelude"), RECORD: record, STATUS: String(status) };
  const bash = Bun.spawn(["/bin/bash", "-c", command], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"], timeout: 5000 });
  // Error output ends when every process holding it has, process substitutions included (their
  // standard output is a pipe of their own).
  await new Response(bash.stderr).text();
  const calls: string[][] = [];
  for (const name of readdirSync(outside).filter((n) => n.startsWith(`${basename(record)}-`))) {
    const fields = readFileSync(join(outside, name), "utf8").split("\0").slice(0, -1);
    for (let i = 0; i < fields.length; i += Number(fields[i]) + 1) calls.push(fields.slice(i + 1, i + 1 + Number(fields[i])));
  }
  return calls;
}

// A word the analyser gives as written because only the shell knows it: an expansion, a
// substitution, a glob or brace expansion. From there on bash's words may differ in number.
const SHELL_KNOWN = /[$`{*?[]|^[<>]\(/;

/** Does bash's call match the analyser's part? The closing `]` of a `[ … ]` test is not among the analyser's words (of `\[ … ]`, a plain command, it is). */
function sameCall(call: string[], part: ShellPart): boolean {
  const argv = part.program === "[" && part.argv.at(-1) !== "]" ? [...part.argv, "]"] : part.argv;
  for (let i = 0; i < argv.length; i++) {
    if (call[i] === argv[i]) continue;
    return i > 0 && SHELL_KNOWN.test(argv[i]!);
  }
  return call.length === argv.length;
}

const outside = tempDir("nanocode-bash-reading-");
writeFileSync(join(outside, "prelude"), PRELUDE);
// The folder the commands run in; `x` is there for those that read it through `<`, so that bash gets as far as running them.
const dir = tempDir("nanocode-bash-reading-");
writeFileSync(join(dir, "x"), "");

/**
 * How bash's reading of an approved command differs from the analyser's: calls bash made that the
 * analyser did not see, and (`all`) parts the analyser saw that bash never ran.
 */
async function differences(command: string, parts: ShellPart[], all: boolean): Promise<string[]> {
  // Succeeding, then failing where that reaches a part not seen yet (the other side of `&&`, `||`).
  const calls = await bashCalls(command, dir, 0);
  if (parts.some((p) => !calls.some((call) => sameCall(call, p)))) calls.push(...(await bashCalls(command, dir, 1)));
  const saw = JSON.stringify(parts.map((p) => p.argv));
  const found = calls.filter((call) => !parts.some((p) => sameCall(call, p))).map((call) => `${JSON.stringify(command)}: bash ran ${JSON.stringify(call)}, the analyser saw ${saw}`);
  if (!all) return found;
  // On a loaded machine a run was seen to miss the call of a process substitution (diff <(sort a)
  // <(sort b) recorded no sort b): a part missed is looked for in one more run before it counts.
  if (parts.some((p) => !calls.some((call) => sameCall(call, p)))) calls.push(...(await bashCalls(command, dir, 0)), ...(await bashCalls(command, dir, 1)));
  const unseen = parts.filter((p) => !calls.some((call) => sameCall(call, p)));
  return [...found, ...unseen.map((part) => `${JSON.stringify(command)}: the analyser saw ${JSON.stringify(part.argv)}, bash never ran it (${JSON.stringify(calls)})`)];
}

/** Runs `check` on each command, two at a time (four bash processes): the machine running the suite may have two cores. */
async function eachCommand(commands: string[], check: (command: string) => Promise<void>): Promise<void> {
  const queue = [...commands];
  await Promise.all([0, 1].map(async () => {
    for (let command = queue.shift(); command !== undefined; command = queue.shift()) await check(command);
  }));
}

// A program named by its path would run for real: such commands are left out.
const byPath = (parts: ShellPart[]) => parts.some((p) => p.program?.includes("/"));

test("bash runs exactly the programs and words the analyser approved", async () => {
  const commands = [...new Set([...corpus("bash-readonly-yes.txt"), ...HARMLESS])];
  expect(commands.filter((c) => c.includes("\\\n")).length).toBeGreaterThan(20);
  const mismatches: string[] = [];
  let compared = 0;
  await eachCommand(commands, async (command) => {
    const analysis = await analyseCommand(command, dir);
    expect([command, analysis.readOnly]).toEqual([command, true]);
    if (byPath(analysis.parts)) return;
    compared++;
    mismatches.push(...(await differences(command, analysis.parts, true)));
  });
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThan(300);
}, 120_000);

test("with a line continuation anywhere in a harmless command, what the analyser approves is what bash runs", async () => {
  // Every eighth command, a continuation at each place in it: some still read, some split a word or an option.
  const mutants = HARMLESS.filter((_, i) => i % 8 === 0).flatMap((c) => [...c].map((_, at) => `${c.slice(0, at)}\\\n${c.slice(at)}`));
  const mismatches: string[] = [];
  let approved = 0;
  await eachCommand(mutants, async (command) => {
    const analysis = await analyseCommand(command, dir);
    if (!analysis.readOnly || byPath(analysis.parts)) return;
    approved++;
    mismatches.push(...(await differences(command, analysis.parts, false)));
  });
  expect(mismatches).toEqual([]);
  expect(approved).toBeGreaterThan(400);
}, 120_000);
