// Programs that run another command (xargs, find -exec) with words they fill in themselves: the
// whole is read-only when that command is, whatever those words turn out to be.

import type { ArgsVerdict } from "./options.ts";
import type { Word } from "./words.ts";

export type CheckProgram = (name: string, args: Word[]) => ArgsVerdict;

/** What a filled-in word may be: an option (input lines can start with `-`), several words. */
export type Fill = { mayBeOption: boolean; multi: boolean };

/** `word` with every `mark` in it (`{}`) replaced by something only known when it runs. */
export function filled(word: Word, mark: string, fill: Fill): Word {
  const at = word.value?.indexOf(mark) ?? -1;
  if (at === -1) return word;
  const prefix = word.value!.slice(0, at);
  return { mayBeOption: prefix.startsWith("-") || (prefix === "" && fill.mayBeOption), multi: fill.multi, text: word.text };
}

/** `name args…` as `who` runs it: found through PATH (so never `cd`), checked like any other command. */
export function checkInner(who: string, name: Word | undefined, args: Word[], checkProgram: CheckProgram): ArgsVerdict {
  const program = name === undefined ? "echo" : name.value;
  if (program === undefined) return { ok: false, why: `${who}: the program ${name!.text} is not fixed text` };
  if (program === "cd") return { ok: false, why: `${who} cannot run cd` };
  const verdict = checkProgram(program, args);
  if (!verdict.ok) return { ok: false, why: `${who} ${program}: ${verdict.why}` };
  return { ...verdict, runs: [program, ...(verdict.runs ?? [])] };
}
