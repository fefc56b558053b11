import { encodeText, openForChange, resolvePath, saveFile, STALE_REFUSAL, UNREAD_REFUSAL, defineTool, v, withDiagnostics } from "nanocode";

const FRESH = "(file state is current in your context — no need to Read it back)";

export default defineTool({
  name: "Write",
  description:
    "Write a file, creating parent directories as needed. An existing file is overwritten: you must Read it first in this conversation, and again if it changed since. Prefer Edit for changes to existing files; never create documentation files unless asked.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("The absolute path of the file to write")),
    content: v.pipe(v.string(), v.description("The content to write to the file")),
  }),
  async run({ file_path, content }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    const existing = await openForChange(ctx.files, path);
    if (existing?.freshness === "unread") throw new Error(UNREAD_REFUSAL);
    if (existing?.freshness === "stale") throw new Error(STALE_REFUSAL);
    const bytes = existing ? encodeText(content, existing.format) : new TextEncoder().encode(content);
    await saveFile(ctx, path, bytes, existing?.bytes ?? null);
    return withDiagnostics(ctx, [path], existing ? `The file ${path} has been updated successfully. ${FRESH}` : `File created successfully at: ${path} ${FRESH}`);
  },
});
