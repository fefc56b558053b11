// Reads one program's arguments against its specification: which options exist (anything else
// means "ask"), which take a value, and what its operands are (files it reads, folders it walks).

import type { Word } from "./words.ts";

export type ProgramSpec = {
  /** Short options without a value, as letters: "la" allows -l, -a and -la. */
  short?: string;
  /** Short options that take a value (`-n 5`, `-n5`). */
  shortValue?: string;
  /** Long options, space-separated: `name` takes no value, `name=` needs one, `name?` may have `=value`. */
  long?: string;
  /** `-20` style counts (head, tail, git log). */
  numeric?: boolean;
  /** What the operands are: files it reads (default), folders it walks, or not paths at all. */
  operands?: "files" | "tree" | "none";
  maxOperands?: number;
  /** The first operand is a pattern or script, not a file, unless one of these options gave it. */
  patternFirst?: string;
  /** Options that make the operands walked recursively (grep -r). */
  recurse?: string;
  /** With no operand it walks the working directory (rg, find, du), or reads it when recursing. */
  walksCwd?: "always" | "recursing";
  /** No option or operand of this program writes or runs anything, so words only the shell knows are fine. */
  anyWords?: boolean;
  /** Every word is data (echo, test): none is checked as an option. */
  noOptions?: boolean;
  /** Extra checks on what was parsed; returns why the call is not read-only. */
  check?: (parsed: ParsedArgs) => string | undefined;
};

export type ParsedArgs = {
  /** Options seen, by the name written (`-n`, `--lines`), with their values. */
  options: Map<string, Array<Word | undefined>>;
  operands: Word[];
};

/**
 * A path the command reads: `word` undefined means the working directory (or `base`). `tree`: it
 * walks everything below. `repo`: it can print any file of the git repository holding the path.
 */
export type PathRead = { word?: Word; tree: boolean; repo?: boolean; base?: Word };

export type ArgsVerdict = { ok: true; parsed: ParsedArgs; reads: PathRead[] } | { ok: false; why: string };

type LongTable = Map<string, "none" | "value" | "optional">;
const longTables = new WeakMap<ProgramSpec, LongTable>();

function longTable(spec: ProgramSpec): LongTable {
  let table = longTables.get(spec);
  if (!table) {
    table = new Map();
    for (const entry of (spec.long ?? "").split(/\s+/).filter(Boolean)) {
      if (entry.endsWith("=")) table.set(entry.slice(0, -1), "value");
      else if (entry.endsWith("?")) table.set(entry.slice(0, -1), "optional");
      else table.set(entry, "none");
    }
    longTables.set(spec, table);
  }
  return table;
}

export function parseArgs(program: string, spec: ProgramSpec, args: Word[]): ArgsVerdict {
  const options = new Map<string, Array<Word | undefined>>();
  const operands: Word[] = [];
  const see = (name: string, value?: Word) => options.set(name, [...(options.get(name) ?? []), value]);
  let optionsEnded = spec.noOptions === true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === undefined) {
      if (word.mayBeOption && !spec.anyWords && !optionsEnded) return { ok: false, why: `${program}: ${word.text} could expand to an option` };
      operands.push(word);
      continue;
    }
    if (optionsEnded || text === "-" || !text.startsWith("-")) {
      operands.push(word);
      continue;
    }
    if (text === "--") {
      optionsEnded = true;
      continue;
    }
    if (text.startsWith("--")) {
      const eq = text.indexOf("=");
      const name = eq === -1 ? text.slice(2) : text.slice(2, eq);
      const kind = longTable(spec).get(name);
      if (!kind) return { ok: false, why: `${program}: option --${name} is not known to be read-only` };
      if (kind === "none" && eq !== -1) return { ok: false, why: `${program}: --${name} takes no value` };
      if (kind === "value" && eq === -1) {
        if (i + 1 >= args.length) return { ok: false, why: `${program}: --${name} needs a value` };
        see(`--${name}`, args[++i]);
      } else see(`--${name}`, eq === -1 ? undefined : { value: text.slice(eq + 1), mayBeOption: false, text });
      continue;
    }
    if (spec.numeric && /^-\d+$/.test(text)) {
      see("-#", word);
      continue;
    }
    for (let j = 1; j < text.length; j++) {
      const letter = text[j]!;
      if (spec.short?.includes(letter)) {
        see(`-${letter}`);
        continue;
      }
      if (!spec.shortValue?.includes(letter)) return { ok: false, why: `${program}: option -${letter} is not known to be read-only` };
      if (j + 1 < text.length) see(`-${letter}`, { value: text.slice(j + 1), mayBeOption: false, text });
      else if (i + 1 < args.length) see(`-${letter}`, args[++i]);
      else return { ok: false, why: `${program}: -${letter} needs a value` };
      break;
    }
  }
  if (spec.maxOperands !== undefined && operands.length > spec.maxOperands) {
    return { ok: false, why: `${program} with more than ${spec.maxOperands} operand${spec.maxOperands === 1 ? "" : "s"} may write a file` };
  }
  const parsed = { options, operands };
  const why = spec.check?.(parsed);
  if (why) return { ok: false, why: `${program}: ${why}` };
  return { ok: true, parsed, reads: pathReads(spec, parsed) };
}

const has = (parsed: ParsedArgs, names: string | undefined) => (names ?? "").split(/\s+/).some((n) => n && parsed.options.has(n));

function pathReads(spec: ProgramSpec, parsed: ParsedArgs): PathRead[] {
  const reads: PathRead[] = [];
  // Option values may name files (`grep -f list`, `sort --files0-from=f`): check them all as paths.
  for (const values of parsed.options.values()) for (const value of values) if (value) reads.push({ word: value, tree: false });
  let operands = parsed.operands;
  if (spec.patternFirst !== undefined && !has(parsed, spec.patternFirst)) operands = operands.slice(1);
  const recursing = spec.operands === "tree" || has(parsed, spec.recurse);
  if (spec.operands !== "none") for (const word of operands) reads.push({ word, tree: recursing });
  if (operands.length === 0 && (spec.walksCwd === "always" || (spec.walksCwd === "recursing" && recursing))) reads.push({ tree: recursing });
  return reads;
}

export const optionValues = (parsed: ParsedArgs, ...names: string[]): Array<Word | undefined> => names.flatMap((n) => parsed.options.get(n) ?? []);
