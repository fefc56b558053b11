import { width } from "./style.ts";

/** Where the screen writes: a terminal (process.stdout) or a fake one in tests. */
export type Output = { write(text: string): unknown; columns?: number; rows?: number };

/**
 * The terminal as the REPL uses it: finished output is appended above (written once, so the
 * terminal's scrollback holds the transcript), and a small live region at the bottom (spinner,
 * input line, menus, status line) is redrawn in place. Writes are batched into one frame per tick,
 * wrapped in synchronized-update marks so terminals that know them never show half a frame.
 */
export class Screen {
  private pendingOut: string[] = [];
  private live: string[] = [];
  private cursor = { row: 0, col: 0 };
  /** Rows of the live region drawn last, and the row the cursor was left on. */
  private drawn = { rows: [] as string[], cursorRow: 0 };
  private scheduled = false;
  private closed = false;
  /** The last lines printed, to repaint the screen after a resize. */
  private readonly recent: string[] = [];
  private repaint = false;

  constructor(private readonly out: Output) {}

  get columns(): number {
    return Math.max(20, this.out.columns ?? 80);
  }

  get rows(): number {
    return Math.max(10, this.out.rows ?? 24);
  }

  /** Appends finished lines above the live region. */
  print(lines: string | string[]): void {
    this.pendingOut.push(...(typeof lines === "string" ? lines.split("\n") : lines));
    this.schedule();
  }

  /**
   * Sets the live region: `lines` must each fit in one row (callers wrap them); the terminal
   * cursor is put at `cursor` (row, column within the region) so typing shows where it goes.
   */
  setLive(lines: string[], cursor = { row: lines.length - 1, col: width(lines.at(-1) ?? "") }): void {
    this.live = lines;
    this.cursor = cursor;
    this.schedule();
  }

  /**
   * The terminal was resized. Terminals re-wrap (or not) what they show in ways of their own, so
   * where the live rows now are is unknown: the visible screen is repainted instead, from the last
   * lines printed (the scrollback above it is left alone), with the live rows below them.
   */
  resized(): void {
    this.repaint = true;
    this.schedule();
  }

  /** Draws now (tests and exit); normally frames are drawn once per tick. */
  flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    let out = this.pendingOut;
    this.pendingOut = [];
    this.recent.push(...out);
    this.recent.splice(0, this.recent.length - 2000);
    let frame = "\x1b[?2026h";
    if (this.repaint) {
      this.repaint = false;
      out = this.tail(this.rows - this.live.length);
      frame += "\x1b[H\x1b[2J";
    } else {
      if (this.drawn.cursorRow > 0) frame += `\x1b[${this.drawn.cursorRow}A`;
      frame += "\r\x1b[J";
    }
    for (const line of out) frame += `${line}\x1b[K\r\n`;
    frame += this.live.join("\r\n");
    const last = this.live.length - 1;
    const row = Math.min(Math.max(0, this.cursor.row), Math.max(0, last));
    if (last - row > 0) frame += `\x1b[${last - row}A`;
    frame += `\r${this.cursor.col > 0 ? `\x1b[${this.cursor.col}C` : ""}`;
    frame += "\x1b[?2026l";
    this.drawn = { rows: [...this.live], cursorRow: row };
    this.out.write(frame);
  }

  /** Leaves the live region on screen, the cursor below it, and stops drawing. */
  close(keepLive = false): void {
    if (!keepLive) this.live = [];
    this.flush();
    const below = this.live.length - 1 - this.drawn.cursorRow;
    if (this.live.length) this.out.write(`${below > 0 ? `\x1b[${below}B` : ""}\r\n`);
    this.closed = true;
  }

  /** The last printed lines that fit in `rows` rows at the current width. */
  private tail(rows: number): string[] {
    let used = 0;
    let from = this.recent.length;
    while (from > 0) {
      const need = Math.max(1, Math.ceil(width(this.recent[from - 1]!) / this.columns));
      if (used + need > rows) break;
      used += need;
      from--;
    }
    return this.recent.slice(from);
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
