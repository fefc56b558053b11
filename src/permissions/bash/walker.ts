// Walks the parsed command: every statement, simple command, word, substitution, redirection and
// assignment is looked at, and what each part reads, writes and runs is collected.

import { heredocProblem } from "./heredoc.ts";
import { testWords } from "./test-words.ts";
import { pathTexts } from "./operands.ts";
import type { PathRead } from "./options.ts";
import type { Node } from "./parser.ts";
import { changeDirectory, joinRaw, type Outcome, type Places, sequence, stay, union } from "./places.ts";
import { globPicks } from "./glob-match.ts";
import { checkProgram } from "./programs.ts";
import { scanWord, type Word } from "./words.ts";

/**
 * One simple command of the whole (pipelines, lists and substitutions are taken apart). `program`:
 * the program's name when it is fixed text; `argv`: its words as the program gets them, quotes
 * removed (words only the shell knows as written); `runs`: the programs it starts by name (its
 * own, and the one xargs runs).
 */
export type ShellPart = {
  text: string;
  readOnly: boolean;
  why?: string;
  program?: string;
  argv: string[];
  /** Some word of it is known only when it runs (a variable, a substitution, a glob). */
  dynamic?: boolean;
  runs: string[];
  /** Every path its words may name (undefined: a word only the shell knows), for a program the analysis does not follow. */
  touches?: Array<string | undefined>;
};

/**
 * A path the command reads, absolute; `path` undefined: it cannot be known before it runs. `repo`:
 * any file of the git repository holding it; `git`: git runs there (and uses the repository it finds).
 * `glob`: the names it picks in the folder `path` (`*.ts`); `namesOnly`: it shows names and
 * metadata there, not content; `skipsHidden`: its walk leaves out dot-files.
 */
export type ShellRead = { path?: string; tree: boolean; repo?: boolean; git?: boolean; glob?: string; namesOnly?: boolean; skipsHidden?: boolean };

// Environment prefixes that only change language, time zone or colours, never what runs.
const HARMLESS_ENV = /^(LANG|LANGUAGE|LC_[A-Z]+|TZ|NO_COLOR|FORCE_COLOR|CLICOLOR|COLUMNS|LINES|TERM)$/;
const WRITE_OPERATORS = new Set([">", ">>", "&>", "&>>", ">|", "<>"]);
const DUP_OPERATORS = new Set([">&", "<&", ">&-", "<&-"]);
const REDIRECTS = new Set(["file_redirect", "heredoc_redirect", "herestring_redirect"]);
const HEREDOC_PARTS = new Set(["heredoc_start", "heredoc_body", "heredoc_end", ...REDIRECTS]);
// bash opens a network connection for these names in a redirection, whether or not they exist;
// any word naming one asks, wherever it is used.
const NETWORK_FILE = /^\/dev\/+(tcp|udp)(\/|$)/;
const NETWORK_NAME = /\/dev\/+(tcp|udp)\//;
/** Nodes that run something or touch files: each must be seen by the walk, or the command is not understood. */
export const MUST_SEE = new Set(["command", "command_substitution", "process_substitution", ...REDIRECTS, "test_command"]);

function failPart(part: ShellPart, why: string): void {
  part.readOnly = false;
  part.why ??= why;
}

export class Walker {
  readonly parts: ShellPart[] = [];
  readonly reads: ShellRead[] = [];
  readonly writes: Array<string | undefined> = [];
  /** Shell variables the command expands and environment variables its programs print (`*`: all). */
  readonly variables: string[] = [];
  readonly seen = new Set<number>();
  problem?: string;
  changesCwd = false;
  private places: Places;

  constructor(cwd: string) {
    this.places = [cwd];
  }

  notUnderstood(why: string): void {
    this.problem ??= why;
  }

  /** A list of plain commands from the fast path: each is a program and its fixed words. */
  plain(commands: Array<{ operator?: string; words: string[] }>): void {
    sequence(
      this.places,
      commands.map(({ operator, words }) => ({
        operator,
        run: (from) => this.at(from, () => this.simple(words.join(" "), ...this.fixedWords(words))),
      })),
    );
  }

  private fixedWords(words: string[]): [Word | undefined, Word[]] {
    const [name, ...args] = words.map((text): Word => ({ value: text, mayBeOption: text.startsWith("-"), text }));
    return [name, args];
  }

  /** Runs `body` with the shell in `from`; returns where it leaves the shell. */
  private at(from: Places, body: () => Outcome): Outcome {
    this.places = from;
    return body();
  }

  /** Runs `body` in a subshell: a `cd` inside does not move what follows. */
  private isolated(body: () => unknown): Outcome {
    const saved = this.places;
    body();
    this.places = saved;
    return stay(saved);
  }

  /** The absolute paths a word may name, one per folder the shell may be in (undefined: unknown). */
  private paths(word: Word | undefined, bases: Places = this.places): Array<string | undefined> {
    const text = word === undefined ? "" : (word.value ?? word.globBase);
    if (text === undefined || bases === undefined) return [text?.startsWith("/") ? text : undefined];
    if (text.startsWith("/")) return [text];
    return bases.map((base) => joinRaw(base, text));
  }

  /** Statements run in turn: each after the first is joined to it by the operator just before it. */
  private steps(children: Node[]) {
    return children.map((child) => ({ operator: child.previousSibling?.isNamed ? ";" : child.previousSibling?.type, run: (places: Places) => this.at(places, () => this.statement(child)) }));
  }

  statement(node: Node): Outcome {
    const from = this.places;
    const children = node.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
    switch (node.type) {
      case "program":
      case "compound_statement":
      case "command_substitution":
      case "process_substitution":
      case "list":
        return sequence(from, this.steps(children));
      case "pipeline":
        return this.isolated(() => {
          for (const child of children) this.isolated(() => this.statement(child));
        });
      // One shell runs its statements in turn (`(cd x; cat y)` reads x/y); its cd stays inside.
      case "subshell":
        return this.isolated(() => sequence(from, this.steps(children)));
      case "negated_command": {
        // `!x` with no blank is one word to bash, a negation to the parser.
        if (node.firstChild && children[0] && node.firstChild.endIndex === children[0].startIndex) this.notUnderstood(`${node.text.slice(0, 40)} is one word to bash`);
        const outcome = children[0] ? this.statement(children[0]) : stay(from);
        return { ok: outcome.failed, failed: outcome.ok };
      }
      case "redirected_statement": {
        const body = children.find((c) => !REDIRECTS.has(c.type));
        // `cat <<EOF && cd x`: the parser puts what follows a here-document's start inside it.
        const after = children.filter((c) => c.type === "heredoc_redirect").flatMap((r) => r.namedChildren.filter((c): c is Node => c !== null && !HEREDOC_PARTS.has(c.type)));
        const steps = [...(body ? [body] : []), ...after].map((child) => {
          const operator = child.previousSibling?.isNamed === false ? child.previousSibling.type : ";";
          return { operator, run: (places: Places) => this.at(places, () => (operator === "|" ? this.isolated(() => this.statement(child)) : this.statement(child))) };
        });
        const outcome = sequence(from, steps);
        // The parser hangs `a && cd x && cat > f` on the whole list, bash on its last command:
        // the file is opened wherever the shell may be by then.
        this.places = body?.type === "command" ? from : union(from, union(outcome.ok, outcome.failed));
        for (const child of children) if (REDIRECTS.has(child.type)) this.redirect(child);
        this.places = from;
        return outcome;
      }
      case "command":
        return this.command(node);
      case "test_command":
        return this.test(node);
      default:
        this.notUnderstood(`${node.type.replaceAll("_", " ")} (${node.text.split("\n")[0]!.slice(0, 40)}) is not analysed`);
        return stay(undefined);
    }
  }

  /** A word's value; the commands of its substitutions are analysed as parts of the whole. */
  word(node: Node): Word {
    const scan = scanWord(node);
    if (scan.problem) this.notUnderstood(scan.problem);
    this.variables.push(...scan.variables);
    // `*.ts` becomes an option only when a name it picks starts with `-`; when the command runs,
    // nothing has had a chance to add one.
    if (scan.word.glob !== undefined && scan.word.globBase === "" && scan.word.mayBeOption) {
      const paths = this.paths(scan.word);
      if (paths.every((dir) => dir !== undefined && globPicks(dir, scan.word.glob!).every((e) => !e.name.startsWith("-")))) scan.word.mayBeOption = false;
    }
    // The shell lists the folder a glob expands in: even `echo secrets/*` reads names there.
    if (scan.word.globBase !== undefined) for (const path of this.paths(scan.word)) this.reads.push({ path, tree: scan.word.globDeep === true, namesOnly: true });
    for (const substitution of scan.substitutions) {
      this.seen.add(substitution.id);
      // Inside backquotes bash removes one level of backslashes before parsing (\` nests another
      // substitution); the parser does not.
      if (substitution.text.startsWith("`") && substitution.text.slice(1, -1).includes("\\")) this.notUnderstood(`backslashes inside ${substitution.text.slice(0, 40)} are read differently by bash`);
      this.isolated(() => this.statement(substitution));
    }
    return scan.word;
  }

  redirect(node: Node): void {
    this.seen.add(node.id);
    // bash takes only digits before the operator as a descriptor: `head -20<x` gives head -20.
    const descriptor = node.children.find((c) => c?.type === "file_descriptor");
    if (descriptor && !/^\d+$/.test(descriptor.text)) return this.notUnderstood(`${descriptor.text} before ${node.text.slice(descriptor.text.length, 40)} is a word to bash, not a descriptor`);
    if (node.type === "herestring_redirect") {
      for (const child of node.namedChildren) if (child) this.word(child);
      return;
    }
    if (node.type === "heredoc_redirect") {
      const problem = heredocProblem(node);
      if (problem) this.notUnderstood(problem);
      // Statements after the start are walked with the statement the here-document belongs to.
      for (const child of node.namedChildren) {
        if (child?.type === "heredoc_body") for (const part of child.namedChildren) part && part.type !== "heredoc_content" && this.word(part);
        else if (child && REDIRECTS.has(child.type)) this.redirect(child);
      }
      return;
    }
    const operator = node.children.find((c) => c && !c.isNamed)?.type ?? "";
    // `ls >/dev/null x`: bash gives x to the command; the parser hangs it on the redirection.
    const [destination, ...more] = node.childrenForFieldName("destination");
    if (more.length > 0) return this.notUnderstood(`the words after ${node.text.slice(0, 40)} belong to the command for bash, not to the redirection`);
    if (!destination) return operator === ">&-" || operator === "<&-" ? undefined : this.notUnderstood(`the redirection ${node.text} is not analysed`);
    const target = this.word(destination);
    if (operator === "<") {
      // `< /dev/tcp/host/port` connects to the network; a name only the shell knows could be that.
      if (target.value === undefined || target.multi) return this.notUnderstood(`the redirection ${node.text} reads from a name only the shell knows`);
      if (NETWORK_FILE.test(target.value) || this.paths(target).some((p) => p && NETWORK_FILE.test(p))) return this.notUnderstood(`${node.text} opens a network connection`);
      for (const path of this.paths(target)) this.reads.push({ path, tree: false });
    } else if (DUP_OPERATORS.has(operator) && (destination.type === "number" || target.value === "-")) return;
    else if (WRITE_OPERATORS.has(operator) || DUP_OPERATORS.has(operator)) {
      if (target.value !== "/dev/null") this.writes.push(...this.paths(target));
    } else this.notUnderstood(`the redirection ${node.text} is not analysed`);
  }

  command(node: Node): Outcome {
    this.seen.add(node.id);
    let name: Word | undefined;
    const args: Word[] = [];
    const prefixes: string[] = [];
    // Two words with no blank between them are one to bash (`echo }\\ls`).
    const words = node.namedChildren.filter((c): c is Node => c !== null && !REDIRECTS.has(c.type));
    if (words.some((w, i) => i > 0 && w.startIndex === words[i - 1]!.endIndex)) this.notUnderstood(`${node.text.slice(0, 40)} has words the parser splits where bash does not`);
    // A bare token among the words (`echo $ x`, `$"…"`): bash reads a word there, the walk would skip it.
    const bare = node.children.find((c) => c && !c.isNamed);
    if (bare) this.notUnderstood(`${bare.text} in ${node.text.slice(0, 40)} is not something the analyser follows`);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "variable_assignment") {
        const variable = child.childForFieldName("name")?.text ?? "";
        const value = child.childForFieldName("value");
        if (value) this.word(value);
        if (!HARMLESS_ENV.test(variable)) prefixes.push(variable);
      } else if (child.type === "command_name") {
        name = child.firstNamedChild ? this.word(child.firstNamedChild) : undefined;
      } else if (REDIRECTS.has(child.type)) this.redirect(child);
      else args.push(this.word(child));
    }
    const outcome = this.simple(node.text, name, args);
    const part = this.parts.at(-1)!;
    if (prefixes.length > 0) failPart(part, `the environment prefix ${prefixes[0]}= can change what runs`);
    return outcome;
  }

  /** `[ … ]`: the `[` builtin with the words between the brackets. */
  private test(node: Node): Outcome {
    this.seen.add(node.id);
    return this.simple(node.text, { value: "[", mayBeOption: false, text: "[" }, testWords(node, this));
  }

  /** Judges one simple command once its words are known; returns where it leaves the shell. */
  private simple(text: string, name: Word | undefined, args: Word[]): Outcome {
    const program = name?.value;
    const network = [name, ...args].find((w) => w && NETWORK_NAME.test(w.value ?? w.text));
    if (network) this.notUnderstood(`${network.text} names a network connection`);
    const words = [name, ...args];
    const dynamic = words.some((w) => w !== undefined && (w.value === undefined || w.multi === true));
    const part: ShellPart = { text, readOnly: true, ...(program === undefined ? {} : { program }), argv: words.map((w) => w?.value ?? w?.text ?? ""), ...(dynamic ? { dynamic } : {}), runs: program === undefined ? [] : [program] };
    this.parts.push(part);
    if (program === "cd") {
      this.changesCwd = true;
      const outcome = changeDirectory(args, this.places);
      if (outcome) return outcome;
      failPart(part, "cd with more than one operand");
      return stay(this.places);
    }
    const why = program === undefined ? `the program name ${name?.text ?? ""} is not fixed text` : this.judge(part, program, args);
    if (why) failPart(part, why);
    part.touches = [...(program === undefined ? [undefined] : []), ...args.flatMap((word) => (word.value === undefined ? this.paths(word) : pathTexts(word.value).flatMap((text) => this.paths({ ...word, value: text }))))];
    return stay(this.places);
  }

  /** Why this program call is not read-only; collects what it reads and runs when it is. */
  private judge(part: ShellPart, program: string, args: Word[]): string | undefined {
    const verdict = checkProgram(program, args);
    if (!verdict.ok) return verdict.why;
    part.runs.push(...(verdict.runs ?? []));
    this.variables.push(...(verdict.variables ?? []));
    for (const read of verdict.reads) this.reads.push(...this.resolveRead(read));
    return undefined;
  }

  private resolveRead(read: PathRead): ShellRead[] {
    if (read.anywhere) return [{ tree: true }];
    // `<(…)` is a pipe from its own commands, whose reads are theirs.
    if (read.word?.pipe) return [];
    const bases = read.base ? this.paths(read.base) : this.places;
    // A glob reaches whatever lies below its fixed folder.
    const tree = read.tree || read.word?.globBase !== undefined;
    const known = bases?.every((b) => b !== undefined) ? (bases as string[]) : undefined;
    // A program that walks what it is given walks below every folder its glob picks.
    const glob = read.word?.glob === undefined ? undefined : read.tree ? `${read.word.glob}/**` : read.word.glob;
    const flags = { repo: read.repo, git: read.git, glob, namesOnly: read.namesOnly, skipsHidden: read.skipsHidden };
    const set = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined && value !== false));
    return this.paths(read.word, known).map((path) => ({ path, tree, ...set }));
  }
}
