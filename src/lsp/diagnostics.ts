// How diagnostics reach the model after an edit: one line each, errors first, what the edit broke
// before what was already broken, and a count of what was cut.
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { displayPath } from "../fs/paths.ts";

const MAX_ERRORS = 20;
const MAX_WARNINGS = 5;
const MAX_MESSAGE = 300;
const SEVERITY: Record<number, string> = { 1: "error", 2: "warning" };

/** One file's diagnostics after an edit, and those it had before (undefined: not known). */
export type FileDiagnostics = { uri: string; now: Diagnostic[]; before?: Diagnostic[] };

/** The same problem, wherever the edit moved it to. */
const identity = (d: Diagnostic) => `${d.severity}\0${d.source}\0${d.code}\0${JSON.stringify(d.message)}`;

/** `now` split into what the edit brought and what was there before it (a multiset difference: two equal errors stay two). */
export function splitByAge(now: Diagnostic[], before: Diagnostic[] | undefined): { added: Diagnostic[]; kept: Diagnostic[] } {
  if (!before) return { added: now, kept: [] };
  const left = new Map<string, number>();
  for (const d of before) left.set(identity(d), (left.get(identity(d)) ?? 0) + 1);
  const added: Diagnostic[] = [];
  const kept: Diagnostic[] = [];
  for (const d of now) {
    const n = left.get(identity(d)) ?? 0;
    if (n > 0) {
      left.set(identity(d), n - 1);
      kept.push(d);
    } else added.push(d);
  }
  return { added, kept };
}

export function diagnosticLine(cwd: string, uri: string, d: Diagnostic): string {
  const path = uri.startsWith("file:") ? displayPath(cwd, fileURLToPath(uri)) : uri;
  const message = (typeof d.message === "string" ? d.message : d.message.value).replace(/\s*\n\s*/g, " ").trim();
  const origin = [d.source, d.code].filter((x) => x !== undefined && x !== "").join("/");
  const cut = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${cut}${origin ? ` (${origin})` : ""}`;
}

/**
 * The block appended to an Edit/Write/NotebookEdit result; "" when there is nothing to say
 * (hints and information are left out). The edited files come first, then other files it broke.
 */
export function formatDiagnostics(cwd: string, files: FileDiagnostics[]): string {
  const added: string[][] = [[], []];
  const kept: string[][] = [[], []];
  for (const file of files) {
    const serious = file.now.filter((d) => (d.severity ?? 1) <= 2);
    const split = splitByAge(serious, file.before?.filter((d) => (d.severity ?? 1) <= 2));
    for (const [into, list] of [[added, split.added], [kept, split.kept]] as const) {
      for (const d of list) into[(d.severity ?? 1) - 1]!.push(diagnosticLine(cwd, file.uri, d));
    }
  }
  const shown: string[] = [];
  let cut = 0;
  const take = (lines: string[], room: number) => {
    const fits = Math.max(0, Math.min(lines.length, room));
    shown.push(...lines.slice(0, fits));
    cut += lines.length - fits;
    return fits;
  };
  let errorRoom = MAX_ERRORS;
  let warningRoom = MAX_WARNINGS;
  errorRoom -= take(added[0]!, errorRoom);
  warningRoom -= take(added[1]!, warningRoom);
  const newCount = shown.length;
  take(kept[0]!, errorRoom);
  take(kept[1]!, warningRoom);
  if (shown.length === 0 && cut === 0) return "";
  const lines = shown.slice(0, newCount);
  if (shown.length > newCount) lines.push("Already there before this edit:", ...shown.slice(newCount));
  if (cut > 0) lines.push(`(${cut} more)`);
  return `<diagnostics>\n${lines.join("\n")}\n</diagnostics>`;
}
