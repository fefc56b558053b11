import { parseSpans, type Span } from "../config/json-spans.ts";

// Jupyter notebooks (.ipynb, nbformat 4): what Read shows of one, and NotebookEdit's three edits,
// made as text splices so every byte outside the edited cell stays as it was.

type Output = { output_type: string; text?: string | string[]; data?: Record<string, string | string[]>; ename?: string; evalue?: string; traceback?: string[] };
type Cell = { cell_type: string; id?: string; source: string | string[]; outputs?: Output[] };
type Notebook = { cells: Cell[]; nbformat?: number; nbformat_minor?: number; metadata?: { language_info?: { name?: string } } };

const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const ANSI = /\x1b\[[0-9;]*m/g;
const MAX_OUTPUT_CHARS = 10_000;

export type RenderedBlock = { type: "text"; text: string } | { type: "image"; source: { type: "base64"; media_type: string; data: string } };

/** The id NotebookEdit takes for a cell: its own id, else "cell-N" by position. */
export const cellId = (cell: { id?: string }, index: number) => cell.id ?? `cell-${index}`;

function outputText(output: Output): string {
  if (output.output_type === "stream") return joined(output.text);
  if (output.output_type === "error") return [`${output.ename}: ${output.evalue}`, ...(output.traceback ?? [])].join("\n").replace(ANSI, "");
  return joined(output.data?.["text/plain"]);
}

/** Every cell with its id, type, source and outputs (text, and images as image blocks). */
export function renderNotebook(text: string): RenderedBlock[] {
  const notebook = JSON.parse(text) as Notebook;
  const language = notebook.metadata?.language_info?.name ?? "python";
  const blocks: RenderedBlock[] = [];
  let pending = "";
  notebook.cells.forEach((cell, index) => {
    const id = cellId(cell, index);
    const type = cell.cell_type === "code" ? "" : `<cell_type>${cell.cell_type}</cell_type>`;
    const lang = cell.cell_type === "code" && language !== "python" ? `<language>${language}</language>` : "";
    pending += `<cell id="${id}">${type}${lang}${joined(cell.source)}</cell id="${id}">\n`;
    for (const output of cell.outputs ?? []) {
      let out = outputText(output);
      if (out.length > MAX_OUTPUT_CHARS) out = `${out.slice(0, MAX_OUTPUT_CHARS)}\n[output truncated: ${out.length} characters]`;
      if (out) pending += `${out.replace(/\n$/, "")}\n`;
      for (const media of ["image/png", "image/jpeg"]) {
        const data = output.data?.[media];
        if (!data) continue;
        blocks.push({ type: "text", text: pending });
        pending = "";
        blocks.push({ type: "image", source: { type: "base64", media_type: media, data: joined(data).replace(/\s/g, "") } });
      }
    }
  });
  if (pending) blocks.push({ type: "text", text: pending });
  return blocks;
}

export type NotebookEdit = { cellId?: string; source: string; cellType?: "code" | "markdown"; mode: "replace" | "insert" | "delete" };

/** The whitespace before position `at` on its line. */
function indentAt(text: string, at: number): string {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, at))![0];
}

/** `source` as Jupyter stores it (a list of lines), laid out like the arrays around it. */
function sourceJson(source: string, indent: string, closing: string): string {
  const lines = source.split(/(?<=\n)/).filter((l) => l !== "");
  if (lines.length === 0) return "[]";
  return `[\n${lines.map((l) => indent + JSON.stringify(l)).join(",\n")}\n${closing}]`;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Applies one edit to the notebook text; returns the new text and the id of the cell it touched. */
export function editNotebook(text: string, edit: NotebookEdit): { text: string; cellId: string } {
  const root = parseSpans(text);
  const cellsSpan = root.members?.get("cells");
  if (!cellsSpan?.items) throw new Error("Not a Jupyter notebook: no cells array.");
  const notebook = JSON.parse(text) as Notebook;
  const cells = notebook.cells;
  const index = edit.cellId === undefined ? -1 : cells.findIndex((c, i) => cellId(c, i) === edit.cellId || c.id === edit.cellId);
  if (edit.cellId !== undefined && index === -1) {
    throw new Error(`Cell with ID "${edit.cellId}" not found in notebook. Cell ids: ${cells.map((c, i) => cellId(c, i)).join(", ") || "(no cells)"}.`);
  }
  if (edit.mode === "insert") return insertCell(text, cellsSpan, notebook, index, edit);
  if (index === -1) throw new Error(`cell_id is required to ${edit.mode} a cell.`);
  const span = cellsSpan.items[index]!;
  const id = cellId(cells[index]!, index);
  if (edit.mode === "delete") {
    const items = cellsSpan.items;
    // Take the comma and whitespace that separated it from its neighbour.
    const [start, end] = index > 0 ? [items[index - 1]!.end, span.end] : items.length > 1 ? [span.start, items[1]!.start] : [span.start, span.end];
    return { text: splice(text, start, end, ""), cellId: id };
  }
  return { text: replaceCell(text, span, cells[index]!, edit), cellId: id };
}

function replaceCell(text: string, span: Span, cell: Cell, edit: NotebookEdit): string {
  const members = span.members!;
  const type = edit.cellType ?? cell.cell_type;
  // Later spans first, so earlier offsets stay valid.
  const edits: [Span, string][] = [];
  const source = members.get("source")!;
  const keyIndent = indentAt(text, source.start);
  const itemIndent = source.items?.[0] ? indentAt(text, source.items[0].start) : keyIndent + (keyIndent.slice(indentAt(text, span.start).length) || " ");
  edits.push([source, Array.isArray(cell.source) || text[source.start] === "[" ? sourceJson(edit.source, itemIndent, keyIndent) : JSON.stringify(edit.source)]);
  if (type !== cell.cell_type) edits.push([members.get("cell_type")!, JSON.stringify(type)]);
  // Changed code means old outputs no longer belong to it.
  if (type === "code") {
    const count = members.get("execution_count");
    const outputs = members.get("outputs");
    if (count) edits.push([count, "null"]);
    if (outputs) edits.push([outputs, "[]"]);
  }
  let out = text;
  for (const [s, value] of edits.sort((a, b) => b[0].start - a[0].start)) out = splice(out, s.start, s.end, value);
  return out;
}

function insertCell(text: string, cellsSpan: Span, notebook: Notebook, index: number, edit: NotebookEdit): { text: string; cellId: string } {
  if (!edit.cellType) throw new Error("cell_type is required when inserting a cell (code or markdown).");
  const items = cellsSpan.items!;
  const model = items[0];
  const cellIndent = model ? indentAt(text, model.start) : `${indentAt(text, cellsSpan.start)} `;
  const firstKey = model?.members?.values().next().value;
  const keyIndent = firstKey ? indentAt(text, firstKey.start) : `${cellIndent} `;
  const step = keyIndent.slice(cellIndent.length) || " ";
  const withIds = notebook.cells.some((c) => c.id !== undefined) || (notebook.nbformat ?? 4) > 4 || (notebook.nbformat_minor ?? 0) >= 5;
  const id = withIds ? crypto.randomUUID().replaceAll("-", "").slice(0, 8) : `cell-${index + 1}`;
  const fields: [string, string][] = [["cell_type", JSON.stringify(edit.cellType)]];
  if (edit.cellType === "code") fields.push(["execution_count", "null"]);
  if (withIds) fields.push(["id", JSON.stringify(id)]);
  fields.push(["metadata", "{}"]);
  if (edit.cellType === "code") fields.push(["outputs", "[]"]);
  fields.push(["source", sourceJson(edit.source, keyIndent + step, keyIndent)]);
  const cell = `{\n${fields.map(([k, v]) => `${keyIndent}"${k}": ${v}`).join(",\n")}\n${cellIndent}}`;
  // Inserted after the given cell, or first when no cell is given.
  const separator = items.length > 1 ? text.slice(items[0]!.end, items[1]!.start) : `,\n${cellIndent}`;
  let out: string;
  if (items.length === 0) out = splice(text, cellsSpan.start, cellsSpan.end, `[\n${cellIndent}${cell}\n${indentAt(text, cellsSpan.start)}]`);
  else if (index === -1) out = splice(text, items[0]!.start, items[0]!.start, cell + separator);
  else out = splice(text, items[index]!.end, items[index]!.end, separator + cell);
  return { text: out, cellId: id };
}
