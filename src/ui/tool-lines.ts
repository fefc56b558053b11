import { readFileSync } from "node:fs";
import { resultText, type ToolResultBlock } from "../model/messages.ts";
import { displayPath, resolvePath } from "../fs/paths.ts";
import { countChanges, diffLines, renderDiff } from "./diff.ts";
import { type Style, truncate } from "./style.ts";

// How a tool call looks in the transcript: one compact line (`● Read src/cli.ts (120 lines)`),
// then at most a few lines of result, or a coloured diff for Edit and Write.

type Input = Record<string, unknown>;
const str = (x: unknown) => (typeof x === "string" ? x : "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const firstLine = (s: string) => s.split("\n")[0]!;


/** The call itself, e.g. `Bash npm test` or `Read src/cli.ts`. */
export function callLabel(name: string, input: unknown, cwd: string, s: Style): string {
  const i = (input ?? {}) as Input;
  const path = str(i.file_path) || str(i.notebook_path) || str(i.path);
  const shown = path ? displayPath(cwd, resolvePath(cwd, path)) : "";
  const detail = name === "Bash" ? firstLine(str(i.command)) : name === "Grep" || name === "Glob" ? `"${str(i.pattern)}"${shown ? ` in ${shown}` : ""}` : shown || str(i.description) || str(i.url) || str(i.query) || str(i.prompt);
  return `${s.bold(name)}${detail ? ` ${firstLine(detail)}` : ""}`;
}

/** A few words on the result, after the call: `(120 lines)`, `(3 files)`. */
function resultNote(name: string, input: Input, text: string): string {
  const trimmed = text.replace(/\n+$/, "");
  const lines = trimmed === "" ? 0 : trimmed.split("\n").length;
  if (name === "Read") return `(${plural(lines, "line")})`;
  if (name === "Glob") return text === "No files found" ? "(no files)" : `(${plural(lines, "file")})`;
  if (name === "Grep") {
    if (/^No (files|matches) found/.test(text)) return "(no matches)";
    const files = /^Found (\d+) files?/.exec(text);
    return files ? `(${plural(Number(files[1]), "file")})` : `(${plural(lines, "line")})`;
  }
  if (name === "Write") return `(${plural(str(input.content).split("\n").length, "line")})`;
  return "";
}

/** Transcript lines for a finished call. */
export function toolLines(name: string, input: unknown, result: ToolResultBlock, cwd: string, s: Style, columns: number): string[] {
  const i = (input ?? {}) as Input;
  const text = resultText(result);
  const label = callLabel(name, input, cwd, s);
  const bullet = result.is_error ? s.red("●") : s.green("●");
  const under = (lines: string[]) => lines.map((l, n) => `${n === 0 ? "  ⎿  " : "     "}${l}`);
  if (result.is_error) return [truncate(`${bullet} ${label}`, columns - 1), ...under(preview(text, 4, columns - 6).map((l) => s.red(l)))];
  if (name === "Edit" || name === "Write") {
    const diff = name === "Edit" ? editDiff(cwd, i) : undefined;
    const { added, removed } = diff ? countChanges(diff) : { added: str(i.content).split("\n").length, removed: 0 };
    const head = `${bullet} ${label} ${s.dim(`(${s.green(`+${added}`)} ${s.red(`-${removed}`)})`)}`;
    const body = diff ? renderDiff(diff, s, columns, { indent: "     ", maxRows: 16 }) : preview(str(i.content), 6, columns - 6).map((l) => `     ${s.green(`+ ${l}`)}`);
    return [truncate(head, columns - 1), ...body];
  }
  if (name === "TodoWrite" && Array.isArray(i.todos)) {
    const todos = i.todos as { content?: string; status?: string }[];
    return [`${bullet} ${s.bold("Update Todos")}`, ...under(todos.map((t) => (t.status === "completed" ? s.dim(s.strike(`☒ ${t.content}`)) : t.status === "in_progress" ? s.bold(`☐ ${t.content}`) : `☐ ${t.content}`)))];
  }
  const note = resultNote(name, i, text);
  const head = truncate(`${bullet} ${label}${note ? ` ${s.dim(note)}` : ""}`, columns - 1);
  if (note) return [head];
  return [head, ...under(preview(text, name === "Bash" ? 4 : 2, columns - 6).map((l) => s.dim(l)))];
}

/** The first `max` lines of `text`, each cut to `columns`, and how many more there are. */
function preview(text: string, max: number, columns: number): string[] {
  const lines = text.replace(/\n+$/, "").split("\n");
  const shown = lines.slice(0, max).map((l) => truncate(l.replaceAll("\t", "  "), columns));
  if (lines.length > max) shown.push(`… +${lines.length - max} lines`);
  return shown;
}

/** The lines an Edit changed, numbered as in the file now, with two lines of context. */
function editDiff(cwd: string, input: Input) {
  const oldText = str(input.old_string);
  const newText = str(input.new_string);
  let file = "";
  try {
    file = readFileSync(resolvePath(cwd, str(input.file_path)), "utf8");
  } catch {}
  return snippetDiff(file, newText, oldText, newText);
}

/**
 * A diff of `oldText` → `newText` placed where `anchor` is found in `file`, numbered from there,
 * with context lines taken from the file around it.
 */
export function snippetDiff(file: string, anchor: string, oldText: string, newText: string) {
  const at = anchor ? file.indexOf(anchor) : -1;
  if (at < 0) return diffLines(oldText, newText);
  const lines = file.split("\n");
  const anchorLines = anchor.split("\n");
  const startLine = file.slice(0, at).split("\n").length - 1;
  const endLine = startLine + anchorLines.length;
  const prefix = file.slice(file.lastIndexOf("\n", at - 1) + 1, at);
  const suffix = lines[endLine - 1]!.slice((anchorLines.length === 1 ? prefix.length : 0) + anchorLines.at(-1)!.length);
  const head = lines.slice(Math.max(0, startLine - 2), startLine);
  const tail = lines.slice(endLine, endLine + 2);
  const join = (middle: string) => [...head, prefix + middle + suffix, ...tail].join("\n");
  const diff = diffLines(join(oldText), join(newText));
  const offset = Math.max(0, startLine - 2);
  return diff.map((l) => ({ ...l, oldNo: l.oldNo && l.oldNo + offset, newNo: l.newNo && l.newNo + offset }));
}
