import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { memoryTargets } from "../context/memory-targets.ts";
import { fsErrorText, readConfigText } from "../fs/fs-error.ts";
import { displayPath } from "../fs/paths.ts";
import type { Repl } from "./repl.ts";
import { SelectView } from "./select.ts";

/** Appends `- note` to a memory file, on a line of its own; only to a regular file (a FIFO there would block). */
export function appendMemory(path: string, note: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const file = readConfigText(path);
  if ("problem" in file) throw new Error(file.problem);
  const text = "text" in file ? file.text : "";
  appendFileSync(path, `${text === "" || text.endsWith("\n") ? "" : "\n"}- ${note}\n`);
}

/** `#note`: asks which memory file to add it to, then adds it. */
export async function rememberLine(note: string, repl: Repl): Promise<void> {
  const cwd = repl.session.env.cwd;
  const targets = memoryTargets(cwd);
  const choice = await repl.show(new SelectView([`Where should nanocode remember "${note}"?`], targets.map((t) => ({ label: t.label }))));
  if (!choice) return repl.print(repl.style.dim("  Not saved."));
  const target = targets[choice.index]!;
  try {
    appendMemory(target.path, note);
  } catch (error) {
    return repl.print(["", repl.style.red(`✗ Not saved: ${fsErrorText(error, target.path) ?? (error as Error).message}`)]);
  }
  repl.print(["", repl.style.green(`✓ Noted in ${displayPath(cwd, target.path)}`)]);
}
