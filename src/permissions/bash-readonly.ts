// Does a shell command only read? The command is parsed for real (tree-sitter-bash) and every
// simple command, word, expansion, redirection, substitution and assignment is looked at.
// Approval needs every part to be a known read-only program with known read-only options;
// anything the analyser does not follow means "ask".

import { parseProblem } from "./bash/coverage.ts";
import type { Node } from "./bash/parser.ts";
import { withShellTree } from "./bash/parser.ts";
import { splitPlain } from "./bash/plain.ts";
import { bashText } from "./bash/reader.ts";
import { MUST_SEE, type ShellPart, type ShellRead, Walker } from "./bash/walker.ts";

export type { ShellPart, ShellRead } from "./bash/walker.ts";
export { splitPlain } from "./bash/plain.ts";

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
  /** Variables it expands or prints, by name (`*`: the whole environment). */
  variables: string[];
};

// Characters the parser, the shell and the person asked may each read differently: control
// characters (NUL, carriage return, escape codes), blanks other than space, tab and newline
// (U+00A0, U+2028…), invisible and direction-changing format characters, broken UTF-16.
const UNCERTAIN = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}\uFFFD]/u;
const uncertainCharacter = (text: string) => [...text].find((c) => c !== "\t" && c !== "\n" && c !== " " && UNCERTAIN.test(c));

/** A node that runs something or touches files which the walk never reached. */
function unseen(root: Node, seen: Set<number>): Node | undefined {
  return root.descendantsOfType([...MUST_SEE]).find((n): n is Node => n !== null && !seen.has(n.id));
}

/** Analyses a command as it would run in `cwd` (paths in it are resolved from there). */
export async function analyseCommand(command: string, cwd: string): Promise<ShellAnalysis> {
  const walker = new Walker(cwd);
  // bash removes line continuations before it reads words: analyse what it reads.
  const text = bashText(command);
  const plain = text === undefined ? undefined : splitPlain(text);
  const odd = uncertainCharacter(command);
  if (odd) walker.notUnderstood(`the command has the character U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}, which may not read as it looks`);
  else if (text === undefined) walker.notUnderstood("the command has line continuations, or a line starting with a backslash, inside constructs the analyser does not follow");
  else if (plain) walker.plain(plain);
  else {
    await withShellTree(text, (root) => {
      if (!root || root.hasError) return walker.notUnderstood("the command does not parse as shell syntax");
      const problem = parseProblem(root, text);
      if (problem) return walker.notUnderstood(problem);
      walker.statement(root);
      const missed = unseen(root, walker.seen);
      if (missed) walker.notUnderstood(`part of the command (${missed.text.slice(0, 40)}) is not analysed`);
    });
  }
  const understood = walker.problem === undefined;
  const firstPart = walker.parts.find((p) => !p.readOnly);
  const why = walker.problem ?? firstPart?.why ?? (walker.writes.length > 0 ? "it redirects output to a file" : undefined);
  const readOnly = understood && firstPart === undefined && walker.writes.length === 0 && walker.parts.length > 0;
  return { understood, readOnly, ...(why ? { why } : {}), parts: walker.parts, reads: walker.reads, writes: walker.writes, changesCwd: walker.changesCwd, variables: [...new Set(walker.variables)] };
}

/** May this command run side by side with other reads? It only reads and leaves the working directory alone. */
export async function runsOnlyReads(command: string): Promise<boolean> {
  const analysis = await analyseCommand(command, "/");
  return analysis.readOnly && !analysis.changesCwd;
}
