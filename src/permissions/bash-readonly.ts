// Does a shell command only read? The command is parsed for real (tree-sitter-bash) and every
// simple command, word, expansion, redirection, substitution and assignment is looked at.
// Approval needs every part to be a known read-only program with known read-only options;
// anything the analyser does not follow means "ask".

import { resolve } from "node:path";
import type { PathRead } from "./bash/options.ts";
import { type Node, withShellTree } from "./bash/parser.ts";
import { checkProgram } from "./bash/programs.ts";
import { scanWord, type Word } from "./bash/words.ts";

/** One simple command of the whole (pipelines, lists and substitutions are taken apart). */
export type ShellPart = { text: string; readOnly: boolean; why?: string };

/** A path the command reads, absolute; `path` undefined: it cannot be known before it runs. */
export type ShellRead = { path?: string; tree: boolean; repo?: boolean };

export type ShellAnalysis = {
  /** Every construct was followed; when false, no rule can approve the command, only a person. */
  understood: boolean;
  readOnly: boolean;
  /** The first reason it is not read-only. */
  why?: string;
  parts: ShellPart[];
  reads: ShellRead[];
  /** Files written through redirections (`undefined`: a target only the shell knows). */
  writes: Array<string | undefined>;
  /** It runs `cd`, which moves the session's working directory. */
  changesCwd: boolean;
};

// Environment prefixes that only change language, time zone or colours, never what runs.
const HARMLESS_ENV = /^(LANG|LANGUAGE|LC_[A-Z]+|TZ|NO_COLOR|FORCE_COLOR|CLICOLOR|COLUMNS|LINES|TERM)$/;
const WRITE_OPERATORS = new Set([">", ">>", "&>", "&>>", ">|", "<>"]);
const DUP_OPERATORS = new Set([">&", "<&", ">&-", "<&-"]);
const REDIRECTS = new Set(["file_redirect", "heredoc_redirect", "herestring_redirect"]);

function failPart(part: ShellPart, why: string): void {
  part.readOnly = false;
  part.why ??= why;
}

class Walker {
  readonly parts: ShellPart[] = [];
  readonly reads: ShellRead[] = [];
  readonly writes: Array<string | undefined> = [];
  readonly seen = new Set<number>();
  problem?: string;
  changesCwd = false;

  constructor(private cwd: string | undefined) {}

  /** A list of plain commands from the fast path: each is a program and its fixed words. */
  plain(commands: string[][]): void {
    for (const words of commands) {
      const part: ShellPart = { text: words.join(" "), readOnly: true };
      this.parts.push(part);
      const [name, ...args] = words.map((text): Word => ({ value: text, mayBeOption: text.startsWith("-"), text }));
      this.program(part, name, args);
    }
  }

  notUnderstood(why: string): void {
    this.problem ??= why;
  }

  /** Runs `body` in a subshell: a `cd` inside does not move what follows. */
  private isolated(body: () => void): void {
    const saved = this.cwd;
    body();
    this.cwd = saved;
  }

  private path(word: Word | undefined, base = this.cwd): string | undefined {
    if (!word) return base;
    const text = word.value ?? word.globBase;
    if (text === undefined) return undefined;
    if (text.startsWith("/")) return resolve(text);
    return base === undefined ? undefined : resolve(base, text);
  }

  statement(node: Node): void {
    switch (node.type) {
      case "program":
      case "compound_statement":
      case "command_substitution":
      case "process_substitution":
      case "list":
        for (const child of node.namedChildren) if (child && child.type !== "comment") this.statement(child);
        return;
      case "pipeline":
      case "subshell":
        for (const child of node.namedChildren) if (child && child.type !== "comment") this.isolated(() => this.statement(child));
        return;
      case "negated_command":
        for (const child of node.namedChildren) if (child) this.statement(child);
        return;
      case "redirected_statement":
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (REDIRECTS.has(child.type)) this.redirect(child);
          else this.statement(child);
        }
        return;
      case "command":
        return this.command(node);
      case "comment":
        return;
      default:
        this.notUnderstood(`${node.type.replaceAll("_", " ")} (${node.text.split("\n")[0]!.slice(0, 40)}) is not analysed`);
    }
  }

  /** A word's value; the commands of its substitutions are analysed as parts of the whole. */
  word(node: Node): Word {
    const scan = scanWord(node);
    if (scan.problem) this.notUnderstood(scan.problem);
    for (const substitution of scan.substitutions) this.isolated(() => this.statement(substitution));
    return scan.word;
  }

  redirect(node: Node): void {
    if (node.type === "herestring_redirect") {
      for (const child of node.namedChildren) if (child) this.word(child);
      return;
    }
    if (node.type === "heredoc_redirect") {
      for (const child of node.namedChildren) {
        if (!child || child.type === "heredoc_start" || child.type === "heredoc_end") continue;
        if (child.type === "heredoc_body") this.heredocBody(child);
        else if (REDIRECTS.has(child.type)) this.redirect(child);
        else this.statement(child);
      }
      return;
    }
    const operator = node.children.find((c) => c && !c.isNamed)?.type ?? "";
    const destination = node.childForFieldName("destination");
    if (!destination) return this.notUnderstood(`the redirection ${node.text} is not analysed`);
    const target = this.word(destination);
    if (operator === "<") this.reads.push({ path: this.path(target), tree: false });
    else if (DUP_OPERATORS.has(operator) && (destination.type === "number" || target.value === "-")) return;
    else if (WRITE_OPERATORS.has(operator) || DUP_OPERATORS.has(operator)) {
      if (target.value !== "/dev/null") this.writes.push(this.path(target));
    } else this.notUnderstood(`the redirection ${node.text} is not analysed`);
  }

  private heredocBody(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child || child.type === "heredoc_content") continue;
      this.word(child);
    }
  }

  command(node: Node): void {
    this.seen.add(node.id);
    const part: ShellPart = { text: node.text, readOnly: true };
    this.parts.push(part);
    let name: Word | undefined;
    const args: Word[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "variable_assignment") {
        const variable = child.childForFieldName("name")?.text ?? "";
        const value = child.childForFieldName("value");
        if (value) this.word(value);
        if (!HARMLESS_ENV.test(variable)) failPart(part, `the environment prefix ${variable}= can change what runs`);
      } else if (child.type === "command_name") {
        name = child.firstNamedChild ? this.word(child.firstNamedChild) : undefined;
      } else if (REDIRECTS.has(child.type)) this.redirect(child);
      else args.push(this.word(child));
    }
    this.program(part, name, args);
  }

  /** Judges one simple command once its words are known. */
  program(part: ShellPart, name: Word | undefined, args: Word[]): void {
    const fail = (why: string) => failPart(part, why);
    const program = name?.value;
    if (program === undefined) return fail(`the program name ${name?.text ?? ""} is not fixed text`);
    if (program === "cd") return this.cd(args, fail);
    const verdict = checkProgram(program, args);
    if (!verdict.ok) return fail(verdict.why);
    for (const read of verdict.reads) this.reads.push(this.resolveRead(read));
  }

  private resolveRead(read: PathRead): ShellRead {
    const base = read.base ? this.path(read.base) : this.cwd;
    // A glob reaches whatever lies below its fixed folder.
    const tree = read.tree || read.word?.globBase !== undefined;
    return { path: this.path(read.word, base), tree, ...(read.repo ? { repo: true } : {}) };
  }

  private cd(args: Word[], fail: (why: string) => void): void {
    this.changesCwd = true;
    const operands = args.filter((a) => a.value !== "-L" && a.value !== "-P" && a.value !== "--");
    if (operands.length > 1) return fail("cd with more than one operand");
    const target = operands[0];
    if (!target) this.cwd = process.env.HOME;
    else if (target.value === "-" || target.value === undefined) this.cwd = undefined;
    else this.cwd = this.path(target);
  }
}

/** Every command node of the tree: each must have been analysed, or the analyser missed a construct. */
function allCommands(root: Node): Node[] {
  return root.descendantsOfType("command").filter((n): n is Node => n !== null);
}

// Commands made only of these characters have no quotes, expansions, globs or redirections: the
// shell splits them at spaces and nothing more, so they need no parser (and its ~20 MiB of WASM).
const PLAIN_TEXT = /^[A-Za-z0-9_./,:=+ |&;-]*$/;
const PLAIN_OPERATORS = new Set(["|", "||", "&&", ";"]);
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select", "function", "time", "in", "coproc"]);

/** Splits a plain command into its simple commands, or returns undefined when it needs the real parser. */
export function splitPlain(command: string): string[][] | undefined {
  if (!PLAIN_TEXT.test(command)) return undefined;
  const commands: string[][] = [[]];
  for (const token of command.split(" ").filter(Boolean)) {
    if (PLAIN_OPERATORS.has(token)) commands.push([]);
    else if (/[|&;]/.test(token)) return undefined;
    else {
      const current = commands.at(-1)!;
      // An assignment prefix or a reserved word is grammar, not a program: leave it to the parser.
      if (current.length === 0 && (token.includes("=") || RESERVED.has(token))) return undefined;
      current.push(token);
    }
  }
  // A `cd` inside a pipeline moves only its own subshell: the parser's walk keeps that straight.
  if (command.includes("|") && commands.some((c) => c[0] === "cd")) return undefined;
  return commands.every((c) => c.length > 0) ? commands : undefined;
}

/** Analyses a command as it would run in `cwd` (paths in it are resolved from there). */
export async function analyseCommand(command: string, cwd: string): Promise<ShellAnalysis> {
  const walker = new Walker(cwd);
  const plain = splitPlain(command);
  if (plain) walker.plain(plain);
  else {
    await withShellTree(command, (root) => {
      if (!root || root.hasError) return walker.notUnderstood("the command does not parse as shell syntax");
      walker.statement(root);
      if (allCommands(root).some((n) => !walker.seen.has(n.id))) walker.notUnderstood("part of the command is not analysed");
    });
  }
  const understood = walker.problem === undefined;
  const firstPart = walker.parts.find((p) => !p.readOnly);
  const why = walker.problem ?? firstPart?.why ?? (walker.writes.length > 0 ? "it redirects output to a file" : undefined);
  const readOnly = understood && firstPart === undefined && walker.writes.length === 0 && walker.parts.length > 0;
  return { understood, readOnly, ...(why ? { why } : {}), parts: walker.parts, reads: walker.reads, writes: walker.writes, changesCwd: walker.changesCwd };
}

/** May this command run side by side with other reads? It only reads and leaves the working directory alone. */
export async function runsOnlyReads(command: string): Promise<boolean> {
  const analysis = await analyseCommand(command, "/");
  return analysis.readOnly && !analysis.changesCwd;
}
