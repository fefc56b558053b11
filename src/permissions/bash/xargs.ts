// xargs runs a command with words read from its input appended: read-only when that command is,
// whatever those words turn out to be (they may even be options).

import type { ArgsVerdict, PathRead } from "./options.ts";
import type { Word } from "./words.ts";

// Options that only shape how input becomes arguments. Left out: -I/-i/-J (replace strings),
// -p/-o (a terminal), -l/-e (optional values), --process-slot-var (sets a variable).
const FLAGS = new Set(["-0", "-r", "-t", "-x", "--null", "--no-run-if-empty", "--verbose", "--exit"]);
const WITH_VALUE = new Set(["-n", "-L", "-P", "-s", "-d", "-a", "--max-args", "--max-lines", "--max-procs", "--max-chars", "--delimiter", "--arg-file"]);

/** What xargs appends: words only its input knows. */
const INPUT: Word = { mayBeOption: true, multi: true, text: "(words read by xargs)" };

export function checkXargs(args: Word[], checkProgram: (name: string, args: Word[]) => ArgsVerdict): ArgsVerdict {
  const reads: PathRead[] = [];
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
    if (!value || value.multi) return { ok: false, why: `xargs: ${name} needs one fixed value` };
    if (name === "-a" || name === "--arg-file") reads.push({ word: value, tree: false });
  }
  const program = args[i]?.value ?? "echo";
  if (args[i] && args[i]!.value === undefined) return { ok: false, why: `xargs: the program ${args[i]!.text} is not fixed text` };
  if (program === "cd") return { ok: false, why: "xargs cannot run cd" };
  const verdict = checkProgram(program, [...args.slice(i + 1), INPUT]);
  if (!verdict.ok) return { ok: false, why: `xargs ${program}: ${verdict.why}` };
  return { ok: true, parsed: verdict.parsed, reads: [...reads, ...verdict.reads], runs: [program, ...(verdict.runs ?? [])] };
}
