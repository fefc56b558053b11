import { editNotebook, encodeText, openForChange, resolvePath, saveFile, STALE_REFUSAL, UNREAD_REFUSAL, defineTool, v, withDiagnostics } from "nanocode";

export default defineTool({
  name: "NotebookEdit",
  description:
    "Replace, insert or delete one cell of a Jupyter notebook (.ipynb) by cell_id (as Read shows it). insert adds after cell_id (first without it) and needs cell_type. Read the notebook first.",
  input: v.object({
    notebook_path: v.pipe(v.string(), v.description("Absolute path of the .ipynb file")),
    cell_id: v.optional(v.string()),
    new_source: v.string(),
    cell_type: v.optional(v.picklist(["code", "markdown"])),
    edit_mode: v.optional(v.picklist(["replace", "insert", "delete"]), "replace"),
  }),
  async run({ notebook_path, cell_id, new_source, cell_type, edit_mode }, ctx) {
    const path = resolvePath(ctx.cwd, notebook_path);
    if (!path.endsWith(".ipynb")) throw new Error("File must be a Jupyter notebook (.ipynb file). For other files use Edit.");
    const file = await openForChange(ctx.files, path);
    if (!file) throw new Error(`Notebook file does not exist: ${path}`);
    if (file.freshness === "unread") throw new Error(UNREAD_REFUSAL);
    if (file.freshness === "stale") throw new Error(STALE_REFUSAL);
    const edited = editNotebook(file.text, { cellId: cell_id, source: new_source, cellType: cell_type, mode: edit_mode });
    await saveFile(ctx, path, encodeText(edited.text, file.format), file.bytes);
    const done = edit_mode === "delete" ? `Deleted cell ${edited.cellId}` : `${edit_mode === "insert" ? "Inserted" : "Updated"} cell ${edited.cellId} with ${new_source}`;
    return withDiagnostics(ctx, [path], done);
  },
});
