// The text being typed: a string with a cursor, multi-line, and the editing moves of a shell line
// editor (Emacs keys). Pure state: the prompt view draws it, tests drive it directly.

const WORD = /[\p{L}\p{N}_]/u;

export class LineBuffer {
  text = "";
  cursor = 0;

  set(text: string, cursor = text.length): void {
    this.text = text;
    this.cursor = cursor;
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    const size = charBefore(this.text, this.cursor).length;
    this.text = this.text.slice(0, this.cursor - size) + this.text.slice(this.cursor);
    this.cursor -= size;
  }

  deleteForward(): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + charAt(this.text, this.cursor).length);
  }

  left(): void {
    this.cursor -= charBefore(this.text, this.cursor).length;
  }

  right(): void {
    this.cursor += charAt(this.text, this.cursor).length;
  }

  lineStart(): void {
    this.cursor = this.text.lastIndexOf("\n", this.cursor - 1) + 1;
  }

  lineEnd(): void {
    const end = this.text.indexOf("\n", this.cursor);
    this.cursor = end < 0 ? this.text.length : end;
  }

  wordLeft(): void {
    let i = this.cursor;
    while (i > 0 && !WORD.test(this.text[i - 1]!)) i--;
    while (i > 0 && WORD.test(this.text[i - 1]!)) i--;
    this.cursor = i;
  }

  wordRight(): void {
    let i = this.cursor;
    while (i < this.text.length && !WORD.test(this.text[i]!)) i++;
    while (i < this.text.length && WORD.test(this.text[i]!)) i++;
    this.cursor = i;
  }

  deleteWordBefore(): void {
    const end = this.cursor;
    this.wordLeft();
    this.text = this.text.slice(0, this.cursor) + this.text.slice(end);
  }

  deleteWordAfter(): void {
    const start = this.cursor;
    this.wordRight();
    this.text = this.text.slice(0, start) + this.text.slice(this.cursor);
    this.cursor = start;
  }

  /** Ctrl+K: deletes to the end of the line (or the newline when at its end). */
  killToEnd(): void {
    const end = this.text.indexOf("\n", this.cursor);
    const stop = end < 0 ? this.text.length : end === this.cursor ? end + 1 : end;
    this.text = this.text.slice(0, this.cursor) + this.text.slice(stop);
  }

  /** Ctrl+U: deletes to the start of the line. */
  killToStart(): void {
    const start = this.text.lastIndexOf("\n", this.cursor - 1) + 1;
    this.text = this.text.slice(0, start) + this.text.slice(this.cursor);
    this.cursor = start;
  }

  /** The cursor's line and column (in characters of that line). */
  position(): { line: number; col: number } {
    const before = this.text.slice(0, this.cursor).split("\n");
    return { line: before.length - 1, col: before.at(-1)!.length };
  }

  /** Moves to the line above (false when already on the first), keeping the column when it can. */
  up(): boolean {
    return this.moveLine(-1);
  }

  down(): boolean {
    return this.moveLine(1);
  }

  private moveLine(delta: number): boolean {
    const lines = this.text.split("\n");
    const { line, col } = this.position();
    const target = line + delta;
    if (target < 0 || target >= lines.length) return false;
    let offset = 0;
    for (let i = 0; i < target; i++) offset += lines[i]!.length + 1;
    this.cursor = offset + Math.min(col, lines[target]!.length);
    return true;
  }
}

// Surrogate pairs move and delete as one character.
const charBefore = (s: string, i: number) => (i >= 2 && /[\uDC00-\uDFFF]/.test(s[i - 1] ?? "") ? s.slice(i - 2, i) : s.slice(Math.max(0, i - 1), i));
const charAt = (s: string, i: number) => (/[\uD800-\uDBFF]/.test(s[i] ?? "") ? s.slice(i, i + 2) : s.slice(i, i + 1));
