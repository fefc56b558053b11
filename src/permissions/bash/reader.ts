// The command as bash's reader hands it to the parser, for tree-sitter to parse. bash drops every
// backslash-newline before it splits words, except inside single quotes, $'…' strings, comments
// and the bodies of here-documents whose delimiter is quoted; tree-sitter keeps some of them, so
// `tr\⏎uncate`, `"$\⏎(cmd)"` or `ls x\⏎#; cmd` meant one thing to the parser and another to
// bash. And tree-sitter takes the newline before a line starting with a backslash into the word
// (`ls⏎\rm x` became ls with two arguments): a blank goes between them, which bash skips there.
// Where this depends on constructs not followed here (backquotes, arithmetic, `${…}` with quotes,
// `case`, `[[`), there is no text.

import { METACHARACTER } from "./words.ts";

const BLANK = /[ \t]/;

type Heredoc = { delimiter: string; quoted: boolean; stripTabs: boolean };

/** Thrown where joining would need a construct this reader does not follow. */
class Unfollowed extends Error {}

/**
 * The command as bash's parser gets it (backslash-newlines removed where bash removes them), with
 * a blank before a backslash that starts a line; undefined when either is in a construct not
 * followed here.
 */
export function bashText(command: string): string | undefined {
  if (!command.includes("\\\n") && !command.includes("\n\\")) return command;
  try {
    return new Reader(command).all();
  } catch (error) {
    if (error instanceof Unfollowed) return undefined;
    throw error;
  }
}

class Reader {
  private at = 0;
  private out = "";
  private pending: Heredoc[] = [];

  constructor(private readonly raw: string) {}

  all(): string {
    this.code(false);
    return this.out;
  }

  private peek(offset = 0): string {
    return this.raw[this.at + offset] ?? "";
  }

  /** Skips line continuations; true when the reader is at a character. */
  private skipContinuations(): boolean {
    while (this.peek() === "\\" && this.peek(1) === "\n") this.at += 2;
    return this.at < this.raw.length;
  }

  /** The next `count` characters as bash reads them (continuations skipped), without taking them. */
  private ahead(count: number): string {
    let text = "";
    for (let i = this.at; i < this.raw.length && text.length < count; i++) {
      if (this.raw[i] === "\\" && this.raw[i + 1] === "\n") i++;
      else text += this.raw[i];
    }
    return text;
  }

  private take(count = 1): string {
    const text = this.raw.slice(this.at, this.at + count);
    this.out += text;
    this.at += count;
    return text;
  }

  /** Takes `count` characters, skipping the continuations between them. */
  private takeJoined(count: number): void {
    for (let i = 0; i < count && this.skipContinuations(); i++) this.take();
  }

  /** Copies raw text up to (not including) `end`, or to the end of the command. */
  private literalUntil(end: string): void {
    const stop = this.raw.indexOf(end, this.at);
    this.take((stop === -1 ? this.raw.length : stop) - this.at);
  }

  /** Commands: the whole text, or the inside of `$(…)` up to its `)` when `nested`. */
  private code(nested: boolean): void {
    let depth = 0;
    while (this.skipContinuations()) {
      const c = this.peek();
      // A `#` starts a comment only where a word starts.
      const wordStart = this.out === "" || METACHARACTER.test(this.out.at(-1)!);
      if (wordStart && /^(case(?!\w)|\[\[|\(\()/.test(this.ahead(5))) throw new Unfollowed();
      if (c === "#" && wordStart) this.literalUntil("\n");
      else if (c === "\n") {
        this.take();
        this.heredocBodies();
        if (this.peek() === "\\") this.out += " ";
      } else if (c === "(") {
        depth++;
        this.take();
      } else if (c === ")") {
        if (nested && depth === 0) return;
        depth--;
        this.take();
      } else if (this.ahead(3) === "<<<") this.takeJoined(3);
      else if (this.ahead(2) === "<<") this.heredocStart();
      else this.quotedOrPlain();
    }
    if (nested) throw new Unfollowed();
  }

  /** A quoted string, an expansion, an escaped character or one plain character. */
  private quotedOrPlain(): void {
    const c = this.peek();
    if (c === "\\") this.take(2);
    else if (c === "'") this.singleQuoted(false);
    else if (c === '"') this.doubleQuoted();
    else if (c === "$") this.dollar(false);
    else if (c === "`") throw new Unfollowed();
    else this.take();
  }

  /** `'…'` keeps everything; `$'…'` also lets a backslash escape the quote. */
  private singleQuoted(escapes: boolean): void {
    this.take();
    while (this.at < this.raw.length && this.peek() !== "'") this.take(escapes && this.peek() === "\\" ? 2 : 1);
    if (this.at >= this.raw.length) throw new Unfollowed();
    this.take();
  }

  private doubleQuoted(): void {
    this.take();
    while (this.skipContinuations() && this.peek() !== '"') {
      const c = this.peek();
      if (c === "\\") this.take(2);
      else if (c === "$") this.dollar(true);
      else if (c === "`") throw new Unfollowed();
      else this.take();
    }
    if (this.at >= this.raw.length) throw new Unfollowed();
    this.take();
  }

  /** After a `$`: `$'…'` and `$"…"` are strings only outside double quotes. */
  private dollar(inQuotes: boolean): void {
    this.take();
    this.skipContinuations();
    const c = this.peek();
    if (c === "'" && !inQuotes) this.singleQuoted(true);
    else if (c === '"' && !inQuotes) this.doubleQuoted();
    else if (c === "[") throw new Unfollowed();
    else if (c === "(") {
      this.take();
      if (this.ahead(1) === "(") throw new Unfollowed();
      this.code(true);
      if (this.peek() !== ")") throw new Unfollowed();
      this.take();
    } else if (c === "{") this.braced();
  }

  /** `${…}`: followed only when it holds no quotes, expansions or continuations. */
  private braced(): void {
    const end = this.raw.indexOf("}", this.at);
    const inside = end === -1 ? "" : this.raw.slice(this.at, end + 1);
    if (end === -1 || /['"`$\\{]/.test(inside.slice(1))) throw new Unfollowed();
    this.take(inside.length);
  }

  /** `<<word` or `<<-word`: the body follows the end of the line. */
  private heredocStart(): void {
    this.takeJoined(2);
    this.skipContinuations();
    const stripTabs = this.peek() === "-";
    if (stripTabs) this.take();
    while (this.skipContinuations() && BLANK.test(this.peek())) this.take();
    let delimiter = "";
    let quoted = false;
    while (this.skipContinuations() && !METACHARACTER.test(this.peek())) {
      const c = this.peek();
      if (c === "$" || c === "`") throw new Unfollowed();
      if (c === "\\") {
        quoted = true;
        delimiter += this.take(2).slice(1);
      } else if (c === "'" || c === '"') {
        quoted = true;
        const start = this.out.length;
        if (c === "'") this.singleQuoted(false);
        else this.doubleQuoted();
        delimiter += this.out.slice(start + 1, -1);
        if (c === '"' && delimiter.includes("\\")) throw new Unfollowed();
      } else delimiter += this.take();
    }
    if (delimiter === "") throw new Unfollowed();
    this.pending.push({ delimiter, quoted, stripTabs });
  }

  /** The bodies of the here-documents started on the line just ended, each up to its delimiter line. */
  private heredocBodies(): void {
    for (const { delimiter, quoted, stripTabs } of this.pending.splice(0)) {
      while (this.at < this.raw.length) {
        const start = this.out.length;
        if (quoted) this.literalUntil("\n");
        else while (this.skipContinuations() && this.peek() !== "\n") this.take(this.peek() === "\\" ? 2 : 1);
        const line = this.out.slice(start);
        if (this.at < this.raw.length) this.take();
        if ((stripTabs ? line.replace(/^\t+/, "") : line) === delimiter) break;
      }
    }
  }
}
