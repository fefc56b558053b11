// Puts the terminal into the mode the REPL needs (raw keys, bracketed paste) and always puts it
// back, on exit, on a signal, or on a crash: a user must never be left with a broken terminal.

const PASTE_ON = "\x1b[?2004h";
const PASTE_OFF = "\x1b[?2004l";
const SHOW_CURSOR = "\x1b[?25h";

export type Terminal = { restore(): void };

export function enterRawMode(onData: (chunk: string) => void, onResize: () => void): Terminal {
  const stdin = process.stdin;
  stdin.setRawMode?.(true);
  stdin.setEncoding("utf8");
  stdin.on("data", onData);
  stdin.resume();
  process.stdout.on("resize", onResize);
  process.stdout.write(PASTE_ON);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdin.off("data", onData);
    process.stdout.off("resize", onResize);
    stdin.setRawMode?.(false);
    stdin.pause();
    process.stdout.write(PASTE_OFF + SHOW_CURSOR);
  };
  process.once("exit", restore);
  return { restore };
}
