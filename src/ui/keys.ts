// Raw terminal input to key events. Terminals send each key (or escape sequence) in one write,
// so a chunk that is exactly ESC is the Esc key; bracketed paste (ESC[200~ … ESC[201~) arrives as
// one `paste` event however many chunks it spans, so a pasted block never submits line by line.

export type Key =
  | { name: "text"; text: string }
  | { name: "paste"; text: string }
  | {
      name:
        | "enter"
        | "alt-enter"
        | "newline"
        | "tab"
        | "shift-tab"
        | "backspace"
        | "delete"
        | "escape"
        | "up"
        | "down"
        | "left"
        | "right"
        | "home"
        | "end"
        | "page-up"
        | "page-down"
        | "word-left"
        | "word-right"
        | "word-backspace"
        | "word-delete";
    }
  | { name: "ctrl"; letter: string };

const SEQUENCES: Record<string, Key> = {
  "\x1b[A": { name: "up" },
  "\x1b[B": { name: "down" },
  "\x1b[C": { name: "right" },
  "\x1b[D": { name: "left" },
  "\x1bOA": { name: "up" },
  "\x1bOB": { name: "down" },
  "\x1bOC": { name: "right" },
  "\x1bOD": { name: "left" },
  "\x1b[H": { name: "home" },
  "\x1b[F": { name: "end" },
  "\x1bOH": { name: "home" },
  "\x1bOF": { name: "end" },
  "\x1b[1~": { name: "home" },
  "\x1b[4~": { name: "end" },
  "\x1b[7~": { name: "home" },
  "\x1b[8~": { name: "end" },
  "\x1b[3~": { name: "delete" },
  "\x1b[5~": { name: "page-up" },
  "\x1b[6~": { name: "page-down" },
  "\x1b[Z": { name: "shift-tab" },
  "\x1b[1;5C": { name: "word-right" },
  "\x1b[1;5D": { name: "word-left" },
  "\x1b[1;3C": { name: "word-right" },
  "\x1b[1;3D": { name: "word-left" },
  "\x1bf": { name: "word-right" },
  "\x1bb": { name: "word-left" },
  "\x1b\x7f": { name: "word-backspace" },
  "\x1bd": { name: "word-delete" },
  "\x1b\r": { name: "alt-enter" },
  "\x1b\n": { name: "alt-enter" },
  // Shift+Enter in terminals set up to send it (kitty keyboard protocol, xterm modifyOtherKeys).
  "\x1b[13;2u": { name: "alt-enter" },
  "\x1b[27;2;13~": { name: "alt-enter" },
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** Turns stdin chunks into keys; keeps state across chunks for pastes. */
export class KeyParser {
  private paste?: string;

  feed(chunk: string): Key[] {
    const keys: Key[] = [];
    let rest = chunk;
    while (rest.length > 0) {
      if (this.paste !== undefined) {
        const end = rest.indexOf(PASTE_END);
        if (end < 0) {
          this.paste += rest;
          break;
        }
        keys.push({ name: "paste", text: (this.paste + rest.slice(0, end)).replace(/\r\n?/g, "\n") });
        this.paste = undefined;
        rest = rest.slice(end + PASTE_END.length);
        continue;
      }
      if (rest.startsWith(PASTE_START)) {
        this.paste = "";
        rest = rest.slice(PASTE_START.length);
        continue;
      }
      const [key, used] = next(rest);
      if (key) {
        const last = keys.at(-1);
        if (key.name === "text" && last?.name === "text") last.text += key.text;
        else keys.push(key);
      }
      rest = rest.slice(used);
    }
    return keys;
  }
}

function next(s: string): [Key | undefined, number] {
  const c = s[0]!;
  if (c === "\x1b") {
    if (s.length === 1) return [{ name: "escape" }, 1];
    for (const length of [6, 5, 4, 3, 2]) {
      const key = SEQUENCES[s.slice(0, length)];
      if (key) return [key, length];
    }
    // An unknown CSI or SS3 sequence: skip it whole rather than type its letters.
    const csi = /^\x1b(\[[0-?]*[ -/]*[@-~]|O.)/.exec(s);
    if (csi) return [undefined, csi[0].length];
    return [{ name: "escape" }, 1];
  }
  if (c === "\r") return [{ name: "enter" }, 1];
  if (c === "\n") return [{ name: "newline" }, 1];
  if (c === "\t") return [{ name: "tab" }, 1];
  if (c === "\x7f" || c === "\b") return [{ name: "backspace" }, 1];
  if (c === "\x17") return [{ name: "word-backspace" }, 1];
  const code = c.charCodeAt(0);
  if (code < 32) return [{ name: "ctrl", letter: String.fromCharCode(code + 96) }, 1];
  const printable = /^[^\x00-\x1f\x7f]+/.exec(s)![0];
  return [{ name: "text", text: printable }, printable.length];
}
