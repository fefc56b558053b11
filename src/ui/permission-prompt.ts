import { existsSync, readFileSync } from "node:fs";
import type { AskAnswer, AskRequest } from "../permissions/ask.ts";
import { displayPath, resolvePath } from "../fs/paths.ts";
import { diffLines, renderDiff } from "./diff.ts";
import type { Repl } from "./repl.ts";
import { SelectView } from "./select.ts";
import type { Style } from "./style.ts";
import { snippetDiff } from "./tool-lines.ts";

const HEADINGS: Record<string, string> = { Bash: "Bash command", Edit: "Edit file", Write: "Write file", NotebookEdit: "Edit notebook" };

/** What the prompt shows above the options: the exact command, or the diff the edit would make. */
export function questionBody(q: AskRequest, cwd: string, s: Style, columns: number): string[] {
  const input = (q.input ?? {}) as Record<string, string>;
  const lines = [s.bold(HEADINGS[q.toolName] ?? q.title), ""];
  if (q.toolName === "Bash") lines.push(...input.command!.split("\n").map((l) => `  ${l}`), ...(input.description ? [s.dim(`  ${input.description}`)] : []));
  else if ((q.toolName === "Edit" || q.toolName === "Write") && typeof input.file_path === "string") {
    const path = resolvePath(cwd, input.file_path);
    const current = existsSync(path) ? readFileSync(path, "utf8") : "";
    const diff = q.toolName === "Edit" ? snippetDiff(current, input.old_string ?? "", input.old_string ?? "", input.new_string ?? "") : diffLines(current, input.content ?? "");
    lines.push(`  ${displayPath(cwd, path)}`, ...renderDiff(diff, s, columns, { indent: "  ", maxRows: 20 }));
  } else lines.push(`  ${q.title}`, ...(q.detail && q.detail !== q.title ? [`  ${q.detail}`] : []));
  if (q.reason) lines.push("", s.dim(`  ${q.reason}`));
  lines.push("", "Do you want to proceed?");
  return lines;
}

/**
 * The permission engine's question in the REPL: shows the exact command or the diff, and options to
 * pick with arrows or number keys (the engine and the REPL's modal queue keep it to one at a time).
 */
export async function askPermission(repl: Repl, q: AskRequest, signal: AbortSignal): Promise<AskAnswer> {
  const always = q.suggestedRules.length ? `Yes, and don't ask again for ${q.suggestedRules.join(", ")}` : undefined;
  const options = [{ label: "Yes" }, ...(always ? [{ label: always }] : []), { label: "No, and tell nanocode what to do differently", input: "(type it here to go on, or Enter to stop and type it below)" }];
  const body = questionBody(q, repl.session.env.cwd, repl.style, repl.columns);
  const choice = await repl.showForTurn(new SelectView(body, options, "Enter to choose · ↑/↓ or 1-3 · Esc to refuse and stop"), signal);
  if (!choice) return { answer: "no" };
  if (choice.index === 0) return { answer: "yes" };
  if (always && choice.index === 1) return { answer: "always", rules: q.suggestedRules };
  if (choice.text.trim()) return { answer: "no", reason: choice.text.trim() };
  // No reason given: as Esc (and as in Claude Code), the turn stops and the person says what to do instead.
  repl.interrupt();
  return { answer: "no" };
}
