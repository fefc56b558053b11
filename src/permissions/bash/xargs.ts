// xargs runs a command with words read from its input appended (or put in place of a -I string).

import { type CheckProgram, checkInner, filled } from "./inner-command.ts";
import type { ArgsVerdict, PathRead } from "./options.ts";
import type { Word } from "./words.ts";

// Options that only shape how input becomes arguments. Left out: -i/-J (other replace strings),
// -p/-o (a terminal), -l/-e (optional values), --process-slot-var (sets a variable).
const FLAGS = new Set(["-0", "-r", "-t", "-x", "--null", "--no-run-if-empty", "--verbose", "--exit"]);
const WITH_VALUE = new Set(["-n", "-L", "-P", "-s", "-d", "-a", "-I", "--max-args", "--max-lines", "--max-procs", "--max-chars", "--delimiter", "--arg-file"]);

/** What xargs appends: words only its input knows, any number of them. */
const INPUT: Word = { mayBeOption: true, multi: true, text: "(words read by xargs)" };

export function checkXargs(args: Word[], checkProgram: CheckProgram): ArgsVerdict {
  const reads: PathRead[] = [];
  let replace: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === undefined) return { ok: false, why: `xargs: ${args[i]!.text} is not fixed text` };
    if (text === "--") {
      i++;
      break;
    }
    if (!text.startsWith("-")) break;
    const [name, attached] = text.startsWith("--") ? [text.split("=")[0]!, text.includes("=") ? text.slice(text.indexOf("=") + 1) : undefined] : [text.slice(0, 2), text.length > 2 ? text.slice(2) : undefined];
    if (FLAGS.has(text)) continue;
    if (!WITH_VALUE.has(name)) return { ok: false, why: `xargs: option ${text} is not known to be read-only` };
    const value: Word | undefined = attached !== undefined ? { value: attached, mayBeOption: false, text } : args[++i];
    if (!value?.value || value.multi) return { ok: false, why: `xargs: ${name} needs one fixed value` };
    if (name === "-a" || name === "--arg-file") reads.push({ word: value, tree: false });
    if (name === "-I") replace = value.value;
  }
  // With -I each input line takes the place of the replace string, as one word; else they are appended.
  const inner = replace === undefined ? [...args.slice(i + 1), INPUT] : args.slice(i + 1).map((w) => filled(w, replace!, { mayBeOption: true, multi: false }));
  const verdict = checkInner("xargs", args[i], inner, checkProgram);
  return verdict.ok ? { ...verdict, reads: [...reads, ...verdict.reads] } : verdict;
}
