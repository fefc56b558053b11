import { stat } from "node:fs/promises";
import { atomicWrite, defineTool, resolvePath, v } from "nanocode";

const FRESH = "(file state is current in your context — no need to Read it back)";

export default defineTool({
  name: "Write",
  description:
    "Write a file to the local filesystem, creating parent directories as needed. Overwrites an existing file, which you must Read first. Prefer Edit for changes to existing files.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("Absolute path of the file to write")),
    content: v.pipe(v.string(), v.description("The full content of the file")),
  }),
  async run({ file_path, content }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error(`${path} is a directory.`);
    if (existing) {
      const refusal = await ctx.files.overwriteRefusal(path, await Bun.file(path).text());
      if (refusal) throw new Error(refusal);
    }
    const mtime = await atomicWrite(path, content);
    ctx.files.record(path, content, mtime);
    return existing ? `The file ${path} has been updated successfully. ${FRESH}` : `File created successfully at: ${path} ${FRESH}`;
  },
});
