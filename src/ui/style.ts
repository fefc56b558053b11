// Colours and emphasis for the terminal. One Style object is made per output: with NO_COLOR set
// (or an output that is not a terminal) every function returns its text unchanged, so the same
// rendering code serves coloured and plain output.

export type Paint = (text: string) => string;

export type Style = {
  readonly color: boolean;
  bold: Paint;
  dim: Paint;
  italic: Paint;
  underline: Paint;
  strike: Paint;
  inverse: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  blue: Paint;
  magenta: Paint;
  cyan: Paint;
  gray: Paint;
  /** Background colours for diffs. */
  addedBg: Paint;
  removedBg: Paint;
};

const sgr = (open: number | string, close: number): Paint => (text) => (text === "" ? "" : `\x1b[${open}m${text}\x1b[${close}m`);

const COLORED: Style = {
  color: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  italic: sgr(3, 23),
  underline: sgr(4, 24),
  strike: sgr(9, 29),
  inverse: sgr(7, 27),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  magenta: sgr(35, 39),
  cyan: sgr(36, 39),
  gray: sgr(90, 39),
  addedBg: sgr("48;5;22", 49),
  removedBg: sgr("48;5;52", 49),
};

const same: Paint = (text) => text;
const PLAIN: Style = Object.fromEntries(Object.keys(COLORED).map((k) => [k, k === "color" ? false : same])) as unknown as Style;

/** Colour unless NO_COLOR is set (any value, as no-color.org says) or the output is not a terminal. */
export function styleFor(isTTY: boolean, env: Record<string, string | undefined> = process.env): Style {
  return isTTY && !env.NO_COLOR && env.TERM !== "dumb" ? COLORED : PLAIN;
}

export const plainStyle = PLAIN;
export const colorStyle = COLORED;

/** Columns `text` takes on screen (escape codes take none, wide characters two). */
export const width = (text: string) => Bun.stringWidth(text);

/** `text` cut to `max` columns, with an ellipsis when cut. Escape codes are dropped when cutting. */
export function truncate(text: string, max: number): string {
  if (width(text) <= max) return text;
  let out = "";
  for (const ch of Bun.stripANSI(text)) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Word-wraps `text` (escape codes kept) to `columns`; long words are broken, leading spaces of wrapped lines dropped. */
export function wrap(text: string, columns: number): string[] {
  if (columns < 2 || width(text) <= columns) return [text];
  return Bun.wrapAnsi(text, columns, { hard: true }).split("\n");
}
