import { encodeText, nearNames, openForChange, replaceIn, resolvePath, saveFile, STALE_REFUSAL, UNREAD_REFUSAL, defineTool, v, withDiagnostics } from "nanocode";

const UPDATED = (path: string) => `The file ${path} has been updated successfully. (file state is current in your context — no need to Read it back)`;

export default defineTool({
  name: "Edit",
  description:
    "Replace an exact string in a file you have Read in this conversation. old_string must match the file exactly (indentation included, without Read's line-number prefix) and be unique in it: add surrounding lines to make it unique, or set replace_all to change every occurrence (e.g. a rename). An empty old_string creates a new file.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("The absolute path of the file to modify")),
    old_string: v.pipe(v.string(), v.description("The text to replace")),
    new_string: v.pipe(v.string(), v.description("The text to replace it with (must differ from old_string)")),
    replace_all: v.optional(v.pipe(v.boolean(), v.description("Replace every occurrence (default false)")), false),
  }),
  async run(input, ctx) {
    // The model sees files with "\n" line endings (a CRLF file is converted back when written).
    const [old_string, new_string] = [input.old_string, input.new_string].map((s) => s.replaceAll("\r\n", "\n")) as [string, string];
    const { file_path, replace_all } = input;
    const path = resolvePath(ctx.cwd, file_path);
    if (old_string === new_string) throw new Error("No changes to make: old_string and new_string are exactly the same.");
    if (path.endsWith(".ipynb")) throw new Error("File is a Jupyter Notebook. Use the NotebookEdit tool to edit this file.");
    const file = await openForChange(ctx.files, path);
    if (!file) {
      if (old_string === "") {
        await saveFile(ctx, path, new TextEncoder().encode(new_string), null);
        return withDiagnostics(ctx, [path], `File created successfully at: ${path}`);
      }
      const near = await nearNames(path);
      throw new Error(`File does not exist: ${path}.${near.length ? ` Did you mean ${near.join(" or ")}?` : ""} Note: your current working directory is ${ctx.cwd}.`);
    }
    if (file.freshness === "unread") throw new Error(UNREAD_REFUSAL);
    let updated: string;
    let count = 1;
    if (old_string === "") {
      if (file.text.trim() !== "") throw new Error("Cannot create new file - file already exists. Give the old_string to replace.");
      updated = new_string;
    } else {
      const result = replaceIn(file.text, old_string, new_string, replace_all);
      if ("error" in result) throw new Error(result.error);
      ({ updated, count } = result);
    }
    // The model decided on what it saw; if the file moved on since, only an unambiguous edit goes through.
    if (file.freshness === "stale" && (count !== 1 || replace_all)) throw new Error(STALE_REFUSAL);
    await saveFile(ctx, path, encodeText(updated, file.format), file.bytes);
    const notes = [UPDATED(path)];
    if (replace_all) notes.push(`Replaced ${count} occurrence${count === 1 ? "" : "s"}.`);
    if (file.freshness === "stale") notes.push("Note: the file had changed on disk since you last read it; old_string still matched exactly once, so the edit was applied to the current content. Read it again before further edits that depend on the changed parts.");
    return withDiagnostics(ctx, [path], notes.join("\n"));
  },
});
