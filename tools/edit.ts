import { stat } from "node:fs/promises";
import { atomicWrite, defineTool, resolvePath, v } from "nanocode";

function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

export default defineTool({
  name: "Edit",
  description:
    "Replace an exact string in a file. Read the file first. old_string must match the file exactly (indentation included) and be unique unless replace_all is true; give more surrounding context to make it unique. An empty old_string creates a new file.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("Absolute path of the file to modify")),
    old_string: v.pipe(v.string(), v.description("The text to replace")),
    new_string: v.pipe(v.string(), v.description("The text to replace it with (must differ from old_string)")),
    replace_all: v.optional(v.pipe(v.boolean(), v.description("Replace every occurrence of old_string")), false),
  }),
  async run({ file_path, old_string, new_string, replace_all }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    if (old_string === new_string) throw new Error("No changes to make: old_string and new_string are exactly the same.");
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      if (old_string !== "") throw new Error(`File does not exist: ${path}. Use an empty old_string to create it, or Write.`);
      const mtime = await atomicWrite(path, new_string);
      ctx.files.record(path, new_string, mtime);
      return `File created successfully at: ${path}`;
    }
    const current = await Bun.file(path).text();
    const refusal = await ctx.files.overwriteRefusal(path, current);
    if (refusal) throw new Error(refusal);
    if (old_string === "") throw new Error("Cannot create a file that already exists: give the old_string to replace.");
    const matches = countOf(current, old_string);
    if (matches === 0) throw new Error(`String to replace not found in file.\nString: ${old_string}`);
    if (matches > 1 && !replace_all) {
      throw new Error(
        `Found ${matches} matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, please provide more context to uniquely identify the instance.\nString: ${old_string}`,
      );
    }
    const updated = replace_all ? current.replaceAll(old_string, () => new_string) : current.replace(old_string, () => new_string);
    const mtime = await atomicWrite(path, updated);
    ctx.files.record(path, updated, mtime);
    return `The file ${path} has been updated successfully. (file state is current in your context — no need to Read it back)`;
  },
});
