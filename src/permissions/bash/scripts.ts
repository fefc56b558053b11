// Programs that take a little language of their own: sed scripts, awk programs, find expressions.
// Each is read conservatively: only constructs known to read are accepted.

import { type CheckProgram, checkInner, filled } from "./inner-command.ts";
import type { ArgsVerdict, PathRead } from "./options.ts";
import type { Word } from "./words.ts";

/**
 * A sed script that only prints: addresses, `p d q Q n N = l g G h H x b t T : { } !`, `s///` with
 * print-only flags, and `y///`. `w`, `W`, `r`, `R`, `e` and the `e`/`w` flags of `s` are refused.
 */
export function sedScriptWhy(script: string): string | undefined {
  let i = 0;
  const at = () => script[i];
  const skipBlank = () => {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
  };
  const delimited = (delimiter: string, regex: boolean) => {
    // Reads up to the next unescaped delimiter; returns false when the script ends first. In a
    // regular expression sed skips bracket expressions (`s/[/]/x/` replaces slashes): one that holds
    // the delimiter is refused, as sed versions disagree on it.
    while (i < script.length && script[i] !== delimiter) {
      if (script[i] === "\\") i++;
      else if (regex && script[i] === "[") {
        const end = bracketEnd(script, i);
        if (end === -1 || script.slice(i, end).includes(delimiter)) return false;
        i = end;
      }
      if (script[i] === "\n") return false;
      i++;
    }
    if (i >= script.length) return false;
    i++;
    return true;
  };
  const address = () => {
    if (at() === "/" || at() === "\\") {
      const delimiter = at() === "\\" ? script[++i]! : "/";
      i++;
      if (!delimited(delimiter, true)) return false;
      while (at() === "I" || at() === "M") i++;
    } else if (at() === "$") i++;
    else while (i < script.length && /[0-9~+]/.test(script[i]!)) i++;
    return true;
  };
  while (true) {
    skipBlank();
    if (i >= script.length) return undefined;
    if (at() === "#") {
      while (i < script.length && at() !== "\n") i++;
      continue;
    }
    if (!address()) return "the script has an unterminated address";
    if (at() === ",") {
      i++;
      if (!address()) return "the script has an unterminated address";
    }
    while (at() === " " || at() === "!") i++;
    const command = at();
    i++;
    if (command === undefined) return "the script ends after an address";
    if ("pdDqQnN=lgGhHxzF{}".includes(command)) {
      if ((command === "q" || command === "Q") && /[0-9]/.test(at() ?? "")) while (/[0-9]/.test(at() ?? "")) i++;
      continue;
    }
    if (command === "b" || command === "t" || command === "T" || command === ":") {
      while (i < script.length && !/[;\n}]/.test(at()!)) i++;
      continue;
    }
    if (command === "s" || command === "y") {
      const delimiter = at();
      if (delimiter === undefined || delimiter === "\\" || delimiter === "\n") return `the ${command} command has no delimiter`;
      i++;
      if (!delimited(delimiter, command === "s") || !delimited(delimiter, false)) return `the ${command} command is unterminated or ambiguous`;
      if (command === "s") {
        while (i < script.length && /[gpiImM0-9]/.test(at()!)) i++;
        if (at() === "w" || at() === "e") return `the s///${at()} flag ${at() === "w" ? "writes a file" : "runs a command"}`;
      }
      continue;
    }
    return `the sed command "${command}" is not known to be read-only`;
  }
}

/** Where the bracket expression starting at `start` (`[`) ends (its `]`), or -1. */
function bracketEnd(text: string, start: number): number {
  let i = start + 1;
  if (text[i] === "^") i++;
  if (text[i] === "]") i++;
  for (; i < text.length && text[i] !== "\n"; i++) {
    if (text[i] === "]") return i;
    // `[:alpha:]`, `[=a=]`, `[.-.]` inside a bracket expression end at their own `:]`, `=]`, `.]`.
    if (text[i] === "[" && ":=.".includes(text[i + 1] ?? "")) {
      const close = text.indexOf(`${text[i + 1]}]`, i + 2);
      if (close === -1) return -1;
      i = close + 1;
    }
  }
  return -1;
}

// awk can run commands (`system`), read files (`getline`) and load code (`@load`, `@include`);
// none of these may appear, even where they would be harmless.
const AWK_UNSAFE = /system|getline|@|close|ENVIRON|PROCINFO/;
/** gawk's special file names that open a network connection: `/inet/tcp/…`, `/inet4/…`, `/inet6/…`. */
export const AWK_NETWORK = /\/inet[46]?\//;

export function awkProgramWhy(program: string): string | undefined {
  // A backslash-newline continues a line: `sys\⏎tem` must not hide `system`.
  const text = program.replaceAll("\\\n", "");
  const found = AWK_UNSAFE.exec(text);
  if (found) return `the awk program uses "${found[0]}", which can run commands or touch files`;
  if (AWK_NETWORK.test(text)) return "the awk program names an /inet/ file, which gawk opens as a network connection";
  return awkRedirectionWhy(text);
}

/**
 * awk reads the files named in ARGV, which the program may change while it runs (`ARGV[1] = "a" "b"`,
 * `ARGC++`, or through gawk's SYMTAB): then the files it reads cannot be known from the command.
 */
export const awkNamesFiles = (program: string) => /ARGV|ARGC|SYMTAB/.test(program.replaceAll("\\\n", ""));

/**
 * Inside an action `>` and `|` send print's output to a file or a command; in a pattern
 * (`$3 > 100`, `a || b`) they only compare. Strings and comments are set aside first; a `/`
 * (a regular expression could hold braces) makes the braces uncertain, so then any counts.
 */
function awkRedirectionWhy(program: string): string | undefined {
  const bare = program.replace(/"(\\.|[^"\\\n])*"/g, '""').replace(/#[^\n]*/g, "");
  if (!/[>|]/.test(bare)) return undefined;
  const why = 'the awk program uses ">" or "|" where it can write a file or run a command';
  if (/[/"]/.test(bare.replaceAll('""', ""))) return why;
  let depth = 0;
  for (const c of bare) {
    if (c === "{") depth++;
    else if (c === "}") depth--;
    if (depth < 0 || (depth > 0 && (c === ">" || c === "|"))) return why;
  }
  return undefined;
}

// find's expression: tests and read-only actions with how many arguments each takes.
const FIND_PRIMARIES: Record<string, number> = Object.fromEntries([
  ...["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname"].map((p) => [p, 1]),
  ...["-type", "-xtype", "-size", "-perm", "-user", "-group", "-uid", "-gid", "-links", "-inum", "-samefile", "-fstype", "-used"].map((p) => [p, 1]),
  ...["-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-newer", "-anewer", "-cnewer", "-maxdepth", "-mindepth", "-regextype", "-printf"].map((p) => [p, 1]),
  ...["-empty", "-nouser", "-nogroup", "-readable", "-writable", "-executable", "-prune", "-print", "-print0", "-ls", "-quit", "-true", "-false"].map((p) => [p, 0]),
  ...["-not", "!", "-a", "-and", "-o", "-or", ",", "(", ")", "-depth", "-d", "-xdev", "-mount", "-noleaf", "-daystart", "-follow"].map((p) => [p, 0]),
  ...["-ignore_readdir_race", "-noignore_readdir_race", "-nowarn", "-warn"].map((p) => [p, 0]),
]);

/**
 * `find [-H|-L|-P] [paths…] [expression]`: only tests, printing actions, and `-exec`/`-execdir`
 * of a read-only command; the paths are walked.
 */
export function checkFind(args: Word[], checkProgram: CheckProgram): ArgsVerdict {
  let i = 0;
  const reads: PathRead[] = [];
  const roots: PathRead[] = [];
  const runs: string[] = [];
  const variables: string[] = [];
  // The walk shows names, unless a command it runs reads the files it finds.
  let content = false;
  for (; i < args.length && ["-H", "-L", "-P", "-O0", "-O1", "-O2", "-O3"].includes(args[i]!.value ?? ""); i++) {
    // Following symbolic links, the walk can go anywhere.
    if (args[i]!.value === "-L") reads.push({ tree: true, anywhere: true });
  }
  for (; i < args.length; i++) {
    const word = args[i]!;
    if (word.value === undefined ? word.mayBeOption : /^[-(!]/.test(word.value) || word.value === ")") break;
    roots.push({ word, tree: true });
  }
  if (roots.length === 0) roots.push({ tree: true });
  while (i < args.length) {
    const word = args[i]!;
    const name = word.value;
    if (name === undefined) return { ok: false, why: `find: ${word.text} in the expression is not fixed text` };
    if (name === "-exec" || name === "-execdir") {
      const end = args.findIndex((w, j) => j > i && (w.value === ";" || w.value === "+"));
      if (end === -1) return { ok: false, why: `find: ${name} has no ; or + at its end` };
      // `{}` becomes a path below a starting point (never an option); with + as many as fit.
      const found = new Set<Word>();
      const inner = args.slice(i + 2, end).map((w) => {
        const word = filled(w, "{}", { mayBeOption: false, multi: args[end]!.value === "+" });
        if (w.value === "{}") found.add(word);
        return word;
      });
      const verdict = checkInner(`find ${name}`, args[i + 1], inner, checkProgram);
      if (!verdict.ok) return verdict;
      runs.push(...(verdict.runs ?? []));
      variables.push(...(verdict.variables ?? []));
      // A bare `{}` is a file the walk found: it reads what lies below the starting points.
      const own = verdict.reads.filter((r) => !r.word || !found.has(r.word));
      content ||= verdict.reads.some((r) => r.word && found.has(r.word) && !r.namesOnly);
      // -execdir runs it in each folder it finds: its own relative paths could be anywhere below.
      reads.push(...(name === "-execdir" && own.length > 0 ? [{ tree: true, anywhere: true }] : own));
      i = end + 1;
      continue;
    }
    const arity = FIND_PRIMARIES[name] ?? (/^-newer[amcBt][amcBt]$/.test(name) ? 1 : undefined);
    if (arity === undefined) return { ok: false, why: `find: ${name} is not known to be read-only` };
    if (arity > 0 && i + arity >= args.length) return { ok: false, why: `find: ${name} needs a value` };
    if (["-newer", "-anewer", "-cnewer", "-samefile"].includes(name)) reads.push({ word: args[i + 1]!, tree: false });
    if (name === "-follow") reads.push({ tree: true, anywhere: true });
    i += 1 + arity;
  }
  return { ok: true, reads: [...(content ? roots : roots.map((r) => ({ ...r, namesOnly: true }))), ...reads], runs, variables };
}
