// What one shell word will be when it runs: a known string, or something only the shell knows
// (a variable, a substitution, a glob). Nested substitutions are handed back to be analysed.

import { homedir } from "node:os";
import type { Node } from "./parser.ts";

export type Word = {
  /** The word's value when it is fixed text (quotes removed, escapes applied). */
  value?: string;
  /** For a glob (`src/*.ts`): the fixed folder part it expands inside, `""` for the working directory. */
  globBase?: string;
  /** The glob goes into subfolders (`*\/x`, `**`), not just the folder it starts in. */
  globDeep?: boolean;
  /** Could it expand to something starting with `-` (so a program would take it as an option)? */
  mayBeOption: boolean;
  /**
   * May it become zero or several words (word splitting of an unquoted expansion, `"$@"`, a glob,
   * brace expansion)? A program then sees a different number of arguments than the command shows.
   */
  multi?: boolean;
  /** For a glob: what follows `globBase`, the part that picks names there (`*.ts`, `.e*`, `*\/key`). */
  glob?: string;
  /** A process substitution, `<(…)`: a pipe the shell makes (/dev/fd/N), not a file anyone names. */
  pipe?: boolean;
  /** The source text, for messages. */
  text: string;
};

export type WordScan = {
  word: Word;
  /** Command and process substitutions inside the word: their commands run too. */
  substitutions: Node[];
  /** Why the word cannot be judged at all (an expansion form we do not follow). */
  problem?: string;
  /** The shell variables it expands (`$HOME` and `"${TOKEN}"` give HOME and TOKEN; `$1`, `$?` their digit or sign). */
  variables: string[];
};

// `$NAME`, `${NAME}`, `$1`, `$@`…: they read a value and run nothing.
const PLAIN_EXPANSION = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])$/;
// `$@` (also quoted) makes one word per positional parameter.
const ALL_PARAMETERS = /^\$\{?@\}?$/;
const GLOB_CHAR = /[*?[]/;
// Unquoted, each of these ends a word for bash: a word of the parser holding one is two to bash.
export const METACHARACTER = /[ \t\n;&|()<>]/;

/**
 * Removes backslash escapes of an unquoted word; returns where the first unescaped glob
 * character is, and the first metacharacter bash would end the word at.
 */
function unescapeBare(raw: string): { text: string; firstGlob: number; breaks?: string } {
  let text = "";
  let firstGlob = -1;
  let breaks: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length) {
      // A backslash-newline is a line continuation: the shell removes both (`--out\⏎put` is `--output`).
      if (raw[++i] !== "\n") text += raw[i];
      continue;
    }
    if (firstGlob === -1 && GLOB_CHAR.test(c)) firstGlob = text.length;
    if (METACHARACTER.test(c)) breaks ??= c;
    text += c;
  }
  return { text, firstGlob, ...(breaks === undefined ? {} : { breaks }) };
}

/** Inside double quotes only `\$ \` \" \\` and a newline are escapes. */
const unescapeQuoted = (raw: string) => raw.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === "\n" ? "" : c));

/** `split`: an unquoted expansion, which word splitting may cut into several words. */
type Piece = { text?: string; glob?: number; dynamic?: boolean; split?: boolean };

/** The unquoted text of a word, quoted parts replaced by a space: what brace expansion sees. */
function unquotedText(node: Node): string {
  if (node.type === "word") return node.text;
  if (node.type === "concatenation") return node.namedChildren.map((c) => (c ? unquotedText(c) : "")).join("");
  return " ";
}

export function scanWord(node: Node): WordScan {
  // `<(…)` becomes a /dev/fd path, never an option.
  if (node.type === "process_substitution") return { word: { mayBeOption: false, pipe: true, text: node.text }, substitutions: [node], variables: [] };
  const substitutions: Node[] = [];
  const variables: string[] = [];
  let problem: string | undefined;
  const pieces: Piece[] = [];

  const visit = (n: Node, quoted: boolean): void => {
    switch (n.type) {
      case "word":
      case "number": {
        if (quoted) return void pieces.push({ text: unescapeQuoted(n.text) });
        const { text, firstGlob, breaks } = unescapeBare(n.text);
        if (breaks !== undefined) problem ??= `bash ends the word ${JSON.stringify(n.text.slice(0, 40))} at ${JSON.stringify(breaks)}, the parser does not`;
        // zsh expands a leading `=cmd` to the path of cmd.
        if (pieces.length === 0 && n.text.startsWith("=")) return void pieces.push({ dynamic: true });
        if (pieces.length === 0 && n.text.startsWith("~")) {
          // `~` and `~/x` are the home folder; `~user` is somebody else's.
          // A quoted part before the first `/` (`~'x'`) keeps the tilde literal.
          const quotedNext = !text.includes("/") && n.parent?.type === "concatenation" && n.nextSibling !== null;
          if ((text !== "~" && !text.startsWith("~/")) || quotedNext) return void pieces.push({ dynamic: true });
          return void pieces.push({ text: homedir() + text.slice(1), ...(firstGlob === -1 ? {} : { glob: homedir().length + firstGlob - 1 }) });
        }
        return void pieces.push(firstGlob === -1 ? { text } : { text, glob: firstGlob });
      }
      case "ansi_c_string":
      case "translated_string":
        return void pieces.push({ dynamic: true });
      case "raw_string":
        return void pieces.push({ text: n.text.slice(1, -1) });
      case "string_content":
        return void pieces.push({ text: unescapeQuoted(n.text) });
      case "string": {
        // tree-sitter gives no child to some of a string's text (its newlines): take it from the source.
        const gap = (from: number, to: number) => {
          const text = n.text.slice(from - n.startIndex, to - n.startIndex);
          if (/(^|[^\\])(\\\\)*[$`]/.test(text)) problem ??= `the parser did not read ${JSON.stringify(text.slice(0, 40))} in ${n.text.slice(0, 40)}`;
          if (text) pieces.push({ text: unescapeQuoted(text) });
        };
        let at = n.startIndex + 1;
        for (const child of n.namedChildren) {
          if (!child) continue;
          gap(at, child.startIndex);
          visit(child, true);
          at = child.endIndex;
        }
        gap(at, n.endIndex - 1);
        return;
      }
      case "concatenation":
        for (const child of n.children) {
          // A token with no node of its own (a lone `$`) is a piece bash reads and the walk would skip.
          if (child && !child.isNamed) problem ??= `${child.text} in ${n.text.slice(0, 40)} is not something the analyser follows`;
          else if (child) visit(child, quoted);
        }
        return;
      case "simple_expansion":
      case "expansion":
        if (!PLAIN_EXPANSION.test(n.text)) problem ??= `the expansion ${n.text} is not a plain variable`;
        else variables.push(n.text.replace(/^\$\{?|\}$/g, ""));
        return void pieces.push({ dynamic: true, split: !quoted || ALL_PARAMETERS.test(n.text) });
      case "command_substitution":
      case "process_substitution":
        substitutions.push(n);
        return void pieces.push({ dynamic: true, split: !quoted });
      case "brace_expression":
        // `{1..5}`: several words.
        return void pieces.push({ dynamic: true, split: true });
      default:
        problem ??= `${n.type.replaceAll("_", " ")} (${n.text.slice(0, 40)}) is not something the analyser follows`;
        pieces.push({ dynamic: true });
    }
  };
  visit(node, false);

  let prefix = "";
  let dynamic = false;
  let globAt = -1;
  for (const piece of pieces) {
    if (piece.dynamic) {
      dynamic = true;
      break;
    }
    if (piece.glob !== undefined && globAt === -1) globAt = prefix.length + piece.glob;
    prefix += piece.text;
  }
  const text = node.text;
  // `{-o,x}` becomes two words, `-o x`, and `{a..c}` three: brace expansion makes words we do not predict.
  if (BRACE_EXPANSION.test(unquotedText(node))) return { word: { mayBeOption: true, multi: true, text }, substitutions, problem, variables };
  if (!dynamic && globAt === -1) return { word: { value: prefix, mayBeOption: prefix.startsWith("-"), text }, substitutions, problem, variables };
  // What the word starts with is known up to the first expansion or glob character; word splitting
  // of an unquoted expansion can start a new word anywhere, with anything.
  const split = pieces.some((p) => p.split);
  const known = globAt === -1 ? prefix : prefix.slice(0, globAt);
  const mayBeOption = split || known === "" || known.startsWith("-");
  const multi = split || globAt !== -1;
  if (!dynamic) {
    const globBase = known.slice(0, known.lastIndexOf("/") + 1);
    return { word: { globBase, globDeep: prefix.slice(globAt).includes("/") || prefix.includes("**"), glob: prefix.slice(globBase.length), mayBeOption, multi, text }, substitutions, problem, variables };
  }
  return { word: { mayBeOption, multi, text }, substitutions, problem, variables };
}

const BRACE_EXPANSION = /(^|[^\\$])\{[^{}]*(,|\.\.)[^{}]*\}/;
