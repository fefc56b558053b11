// Reads one program's arguments against its specification: which options exist (anything else
// means "ask"), which take a value, and what its operands are (files it reads, folders it walks).

import type { Word } from "./words.ts";

export type ProgramSpec = {
  /** Short options without a value, as letters: "la" allows -l, -a and -la. */
  short?: string;
  /** Short options that take a value (`-n 5`, `-n5`). */
  shortValue?: string;
  /** Short options whose value, if any, is attached (`-I`, `-Iseconds`). */
  shortOptional?: string;
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
  /** Options that make a recursive walk follow symbolic links, which may point anywhere (grep -R, du -L). */
  follows?: string;
  /** Options whose file names further files to read (`wc --files0-from`, `sha256sum -c`): those could be anywhere. */
  listsFiles?: string;
  /** It may choose the files it reads while it runs (awk changing ARGV): those could be anywhere. */
  namesFilesItself?: (parsed: ParsedArgs) => boolean;
  /** With no operand it walks the working directory (rg, find, du), or reads it when recursing. */
  walksCwd?: "always" | "recursing";
  /** No option or operand of this program writes or runs anything, so words only the shell knows are fine. */
  anyWords?: boolean;
  /** Every word is data (echo, test): none is checked as an option. */
  noOptions?: boolean;
  /** It shows only names and metadata (sizes, times) of what it reads, never content (ls, du, stat). */
  namesOnly?: boolean;
  /** Its walks skip dot-files unless one of these options is given (rg). */
  showsHidden?: string;
  /** Extra checks on what was parsed; returns why the call is not read-only. */
  check?: (parsed: ParsedArgs) => string | undefined;
};

export type ParsedArgs = {
  /** Options seen, by the name written (`-n`, `--lines`), with their values. */
  options: Map<string, Array<Word | undefined>>;
  operands: Word[];
  /** A word only the shell knows may be an option (allowed for `anyWords` programs). */
  unknownOptions?: boolean;
};

/**
 * A path the command reads: `word` undefined means the working directory (or `base`). `tree`: it
 * walks everything below. `repo`: it can print any file of the git repository holding the path.
 * `anywhere`: what it reads cannot be known before it runs. `git`: git runs there.
 */
export type PathRead = { word?: Word; tree: boolean; repo?: boolean; base?: Word; anywhere?: boolean; git?: boolean; namesOnly?: boolean; skipsHidden?: boolean };

/** `runs`: programs it starts by name besides itself (xargs); `variables`: environment variables it prints (`*`: all of them). */
export type ArgsVerdict = { ok: true; reads: PathRead[]; runs?: string[]; variables?: string[] } | { ok: false; why: string };

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
  const parsed: ParsedArgs = { options: new Map(), operands: [] };
  const why = readWords(spec, args, parsed) ?? operandsWhy(spec, parsed.operands) ?? spec.check?.(parsed);
  if (why) return { ok: false, why: `${program}: ${why}` };
  return { ok: true, reads: pathReads(spec, parsed) };
}

/** Sorts the words into options (with their values) and operands; returns why they are not read-only. */
function readWords(spec: ProgramSpec, args: Word[], parsed: ParsedArgs): string | undefined {
  const { options, operands } = parsed;
  const see = (name: string, value?: Word) => options.set(name, [...(options.get(name) ?? []), value]);
  // An option value that may vanish or split shifts every later word into another role.
  const takeValue = (name: string, word: Word | undefined) => {
    if (word?.multi && !spec.anyWords) return `the value of ${name}, ${word.text}, may become several words or none`;
    see(name, word);
  };
  let optionsEnded = spec.noOptions === true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === undefined) {
      if (word.mayBeOption && !optionsEnded) {
        if (!spec.anyWords) return `${word.text} could expand to an option`;
        // Harmless for these programs, but then any of their options may be in force.
        parsed.unknownOptions = true;
      }
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
      if (!kind) return `option --${name} is not known to be read-only`;
      if (kind === "none" && eq !== -1) return `--${name} takes no value`;
      if (kind === "value" && eq === -1) {
        if (i + 1 >= args.length) return `--${name} needs a value`;
        const why = takeValue(`--${name}`, args[++i]);
        if (why) return why;
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
      const attached = j + 1 < text.length ? { value: text.slice(j + 1), mayBeOption: false, text } : undefined;
      // `-I[FMT]`: a value only when attached.
      if (spec.shortOptional?.includes(letter)) see(`-${letter}`, attached);
      else if (!spec.shortValue?.includes(letter)) return `option -${letter} is not known to be read-only`;
      else if (attached) see(`-${letter}`, attached);
      else if (i + 1 < args.length) {
        const why = takeValue(`-${letter}`, args[++i]);
        if (why) return why;
      } else return `-${letter} needs a value`;
      break;
    }
  }
  return undefined;
}

function operandsWhy(spec: ProgramSpec, operands: Word[]): string | undefined {
  if (spec.maxOperands === undefined) return undefined;
  // `uniq a b` writes b, and a glob or an unquoted variable can make `uniq ./*` just that.
  if (operands.some((w) => w.multi)) return `${operands.find((w) => w.multi)!.text} may become several operands, and with more than ${spec.maxOperands} it may write a file`;
  if (operands.length > spec.maxOperands) return `with more than ${spec.maxOperands} operand${spec.maxOperands === 1 ? "" : "s"} it may write a file`;
  return undefined;
}

const has = (parsed: ParsedArgs, names: string | undefined) => (names ?? "").split(/\s+/).some((n) => n && parsed.options.has(n));

function pathReads(spec: ProgramSpec, parsed: ParsedArgs): PathRead[] {
  const reads = readsOf(spec, parsed);
  const skipsHidden = spec.showsHidden !== undefined && !has(parsed, spec.showsHidden) && !parsed.unknownOptions;
  if (!spec.namesOnly && !skipsHidden) return reads;
  return reads.map((read) => ({ ...read, ...(spec.namesOnly ? { namesOnly: true } : {}), ...(skipsHidden ? { skipsHidden: true } : {}) }));
}

function readsOf(spec: ProgramSpec, parsed: ParsedArgs): PathRead[] {
  const reads: PathRead[] = [];
  const recursing = spec.operands === "tree" || has(parsed, spec.recurse) || (parsed.unknownOptions === true && spec.recurse !== undefined);
  // Following links while walking, reading the files a list names, or options we could not see:
  // what it reads is not bounded by its arguments.
  if (has(parsed, spec.listsFiles) || (recursing && has(parsed, spec.follows)) || parsed.unknownOptions || spec.namesFilesItself?.(parsed)) reads.push({ tree: true, anywhere: true });
  // Option values may name files (`grep -f list`, `sort -T dir`): check them all as paths.
  for (const values of parsed.options.values()) for (const value of values) if (value) reads.push({ word: value, tree: recursing });
  let operands = parsed.operands;
  if (spec.patternFirst !== undefined && !has(parsed, spec.patternFirst) && !parsed.unknownOptions) operands = operands.slice(1);
  if (spec.operands !== "none") for (const word of operands) reads.push({ word, tree: recursing });
  if (operands.length === 0 && (spec.walksCwd === "always" || (spec.walksCwd === "recursing" && recursing))) reads.push({ tree: recursing });
  return reads;
}

export const optionValues = (parsed: ParsedArgs, ...names: string[]): Array<Word | undefined> => names.flatMap((n) => parsed.options.get(n) ?? []);
