import { type CommandInfo, type Completion, complete } from "./completion.ts";
import { LineBuffer } from "./editor.ts";
import type { InputHistory } from "./history.ts";
import type { Key } from "./keys.ts";
import { type Style, truncate, width } from "./style.ts";

/** What a key asks of the REPL, beyond editing the text. */
export type InputAction =
  | { type: "submit"; text: string }
  /** Esc with nothing to close (the REPL decides: interrupt, clear, rewind). */
  | { type: "escape" }
  /** Ctrl+C (the REPL decides: interrupt, clear the line, exit). */
  | { type: "ctrl-c" }
  | { type: "exit" }
  | { type: "cycle-mode" }
  | { type: "redraw" };

export type InputSources = { commands(): readonly CommandInfo[]; files(): readonly string[] };

const MENU_ROWS = 8;
const PASTE_LINES = 12;
const PASTE_CHARS = 2000;

/** Keys that only edit the text (Emacs bindings included). */
const EDITS: Record<string, (b: LineBuffer) => void> = {
  backspace: (b) => b.backspace(),
  "ctrl-h": (b) => b.backspace(),
  delete: (b) => b.deleteForward(),
  left: (b) => b.left(),
  "ctrl-b": (b) => b.left(),
  right: (b) => b.right(),
  "ctrl-f": (b) => b.right(),
  home: (b) => b.lineStart(),
  "ctrl-a": (b) => b.lineStart(),
  end: (b) => b.lineEnd(),
  "ctrl-e": (b) => b.lineEnd(),
  "word-left": (b) => b.wordLeft(),
  "word-right": (b) => b.wordRight(),
  "word-backspace": (b) => b.deleteWordBefore(),
  "word-delete": (b) => b.deleteWordAfter(),
  "ctrl-k": (b) => b.killToEnd(),
  "ctrl-u": (b) => b.killToStart(),
};

/**
 * The input box: the line editor plus history (Up/Down, Ctrl+R), Tab completion of slash commands
 * and `@` file mentions, and multi-line entry (`\` then Enter, Alt+Enter, Ctrl+J, pasted text).
 */
export class PromptInput {
  readonly buffer = new LineBuffer();
  private menu?: Completion & { selected: number };
  private search?: { query: string; at?: number; match?: string; saved: string };
  /** Long pastes, shown as `[Pasted text #n +k lines]` and put back in full on submit. */
  private readonly pastes = new Map<string, string>();

  constructor(
    private readonly history: InputHistory,
    private readonly sources: InputSources,
  ) {}

  get text(): string {
    return this.buffer.text;
  }

  setText(text: string): void {
    this.buffer.set(text);
    this.refreshMenu();
  }

  /** Empties the input; `remember` keeps what it held in the history first, so Up brings it back. */
  clear(remember = false): void {
    const text = this.expanded();
    if (remember && text.trim()) this.history.add(text);
    this.pastes.clear();
    this.setText("");
  }

  handle(key: Key): InputAction | undefined {
    if (this.search) return this.handleSearch(key);
    if (this.menu && this.handleMenu(key)) return undefined;
    const b = this.buffer;
    const id = key.name === "ctrl" ? `ctrl-${key.letter}` : key.name;
    if (key.name === "paste" && (key.text.split("\n").length > PASTE_LINES || key.text.length > PASTE_CHARS)) b.insert(this.placeholder(key.text));
    else if (key.name === "text" || key.name === "paste") b.insert(key.text);
    else if (EDITS[id]) EDITS[id](b);
    else if (id === "enter") {
      if (!(b.cursor === b.text.length && b.text.endsWith("\\"))) return this.submit();
      b.backspace();
      b.insert("\n");
    } else if (id === "alt-enter" || id === "newline") b.insert("\n");
    else if (id === "up" || id === "ctrl-p") {
      if (!b.up()) this.recall(this.history.previous(b.text));
    } else if (id === "down" || id === "ctrl-n") {
      if (!b.down()) this.recall(this.history.next());
    } else if (id === "shift-tab") return { type: "cycle-mode" };
    else if (id === "escape") return { type: "escape" };
    else if (id === "ctrl-l") return { type: "redraw" };
    else if (id === "ctrl-r") {
      this.search = { query: "", saved: b.text };
      return undefined;
    } else if (id === "ctrl-c") return { type: "ctrl-c" };
    else if (id === "ctrl-d") {
      if (b.text === "") return { type: "exit" };
      b.deleteForward();
    }
    this.refreshMenu();
    return undefined;
  }

  /** Rows of the input (and its menu or search line), each fitting `columns`, and where the cursor is. */
  render(columns: number, s: Style, options: { placeholder?: string; dim?: boolean; maxRows?: number } = {}): { lines: string[]; cursor: { row: number; col: number } } {
    if (this.search) {
      const label = `(reverse-i-search)\`${this.search.query}': `;
      const line = truncate(s.dim(label) + (this.search.match ?? "").split("\n")[0]!, columns - 1);
      return { lines: [line], cursor: { row: 0, col: Math.min(width(label) - 3, columns - 1) } };
    }
    const text = this.buffer.text;
    const mark = text.startsWith("!") ? s.magenta("! ") : text.startsWith("#") ? s.blue("# ") : s.bold("> ");
    const room = Math.max(4, columns - 3);
    const lines: string[] = [];
    let cursor = { row: 0, col: 2 };
    const { line: cursorLine, col: cursorCol } = this.buffer.position();
    text.split("\n").forEach((logical, i) => {
      const rows = splitColumns(logical, room);
      if (i === cursorLine) {
        const before = width(logical.slice(0, cursorCol));
        const r = Math.floor(before / room);
        // At the very end of a full row the cursor starts the next one.
        if (r >= rows.length) rows.push("");
        cursor = { row: lines.length + r, col: 2 + (before % room) };
      }
      for (const row of rows) lines.push((lines.length === 0 ? mark : "  ") + (options.dim ? s.dim(row) : row));
    });
    if (text === "" && options.placeholder) lines[0] = mark + s.dim(truncate(options.placeholder, room));
    cursor.row = Math.min(cursor.row, lines.length - 1);
    // A very long input shows the rows around the cursor, so the live region fits the screen.
    const max = options.maxRows ?? Number.POSITIVE_INFINITY;
    if (lines.length > max) {
      const first = Math.min(Math.max(0, cursor.row - Math.floor(max / 2)), lines.length - max);
      const shown = lines.slice(first, first + max);
      if (first > 0) shown[0] = s.dim(`  … ${first} more lines above`);
      if (first + max < lines.length) shown[max - 1] = s.dim(`  … ${lines.length - first - max} more lines below`);
      return { lines: [...shown, ...this.menuLines(columns, s)], cursor: { ...cursor, row: cursor.row - first } };
    }
    return { lines: [...lines, ...this.menuLines(columns, s)], cursor };
  }

  private menuLines(columns: number, s: Style): string[] {
    if (!this.menu) return [];
    const { items, selected } = this.menu;
    const first = Math.max(0, Math.min(selected - Math.floor(MENU_ROWS / 2), items.length - MENU_ROWS));
    const shown = items.slice(first, first + MENU_ROWS);
    const labelWidth = Math.min(32, Math.max(...shown.map((i) => width(i.label))) + 2);
    return shown.map((item, i) => {
      const label = item.label.padEnd(labelWidth);
      const row = truncate(`  ${label}${item.description ? item.description : ""}`, columns - 1);
      return first + i === selected ? s.cyan(row) : s.dim(row);
    });
  }

  private placeholder(text: string): string {
    const token = `[Pasted text #${this.pastes.size + 1} +${text.split("\n").length} lines]`;
    this.pastes.set(token, text);
    return token;
  }

  /** The text with long pastes put back in place of their placeholders. */
  private expanded(): string {
    let text = this.buffer.text;
    for (const [token, pasted] of this.pastes) text = text.replace(token, () => pasted);
    return text;
  }

  private submit(): InputAction {
    const text = this.expanded();
    this.pastes.clear();
    this.history.add(text);
    this.buffer.set("");
    this.menu = undefined;
    return { type: "submit", text };
  }

  private recall(text: string | undefined): void {
    if (text !== undefined) this.buffer.set(text);
  }

  private handleSearch(key: Key): InputAction | undefined {
    const search = this.search!;
    const find = (before?: number) => {
      const found = this.history.search(search.query, before);
      if (found) ({ at: search.at, text: search.match } = { at: found.at, text: found.text });
    };
    if (key.name === "text" || key.name === "paste") {
      search.query += key.text;
      find();
    } else if (key.name === "backspace") {
      search.query = search.query.slice(0, -1);
      search.match = search.query ? search.match : undefined;
      if (search.query) find();
    } else if (key.name === "ctrl" && key.letter === "r") find(search.at);
    else if (key.name === "escape" || (key.name === "ctrl" && (key.letter === "g" || key.letter === "c"))) {
      this.buffer.set(search.saved);
      this.search = undefined;
    } else {
      this.buffer.set(search.match ?? search.saved);
      this.search = undefined;
      if (key.name === "enter") return this.submit();
    }
    return undefined;
  }

  /** Keys the open menu takes: Up/Down move, Tab or Enter accept, Esc closes. */
  private handleMenu(key: Key): boolean {
    const menu = this.menu!;
    if (key.name === "up" || key.name === "down") {
      menu.selected = (menu.selected + (key.name === "up" ? -1 : 1) + menu.items.length) % menu.items.length;
      return true;
    }
    if (key.name === "escape") {
      this.menu = undefined;
      return true;
    }
    if (key.name === "tab" || key.name === "enter") {
      const item = menu.items[menu.selected]!;
      const b = this.buffer;
      b.set(b.text.slice(0, menu.start) + item.value + b.text.slice(menu.end).replace(/^ /, ""), menu.start + item.value.length);
      this.menu = undefined;
      // Enter on a slash command runs it at once; on a file it only completes the mention.
      return !(key.name === "enter" && menu.start === 0 && item.value.startsWith("/"));
    }
    return false;
  }

  /** Recomputes the suggestions (also when the list of files arrives). */
  refreshMenu(): void {
    const found = complete(this.buffer.text, this.buffer.cursor, this.sources.commands(), this.sources.files());
    const selected = this.menu && found && this.menu.start === found.start ? Math.min(this.menu.selected, found.items.length - 1) : 0;
    this.menu = found ? { ...found, selected } : undefined;
  }
}

/** Cuts a line into pieces of at most `room` columns. */
function splitColumns(line: string, room: number): string[] {
  if (width(line) <= room) return [line];
  const rows: string[] = [];
  let row = "";
  for (const ch of line) {
    if (width(row + ch) > room) {
      rows.push(row);
      row = "";
    }
    row += ch;
  }
  rows.push(row);
  return rows;
}
