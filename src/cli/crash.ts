// What the user sees of an error nothing else caught: one line naming the cause (for a file-system
// error, the path and what is wrong with it), never a stack trace: the binary's frames point into
// minified chunks and tell a user nothing. NANOCODE_DEBUG=1 adds the stack for a bug report.

import { fsErrorText } from "../fs/fs-error.ts";

/** The first line of an error's message, or its file-system meaning. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return fsErrorText(error) ?? (message.split("\n")[0] || (error as Error)?.name || "unknown error");
}

/** Writes the one line for an error that reached the top, with the stack only under NANOCODE_DEBUG. */
export function reportUncaught(error: unknown, what = "internal error"): void {
  const stack = process.env.NANOCODE_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  process.stderr.write(`nanocode: ${what}: ${errorLine(error)}${stack}\n`);
}
