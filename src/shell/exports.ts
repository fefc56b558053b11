// Shell helpers tools get from the `nanocode` module (Bash, users' tools).
export { notifyModel } from "../tasks/notifications.ts";
export { lastLine, MAX_INLINE_CHARS, outputForModel } from "./output.ts";
export { killGroup, runShell, userShell } from "./run-shell.ts";
