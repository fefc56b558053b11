import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { decodeText, defineTool, IMAGE_TYPES, imageForModel, looksBinary, MAX_RESULT_CHARS, nearNames, numberedLines, pdfForModel, renderNotebook, resolvePath, type ToolContent, v } from "nanocode";

/** Larger files are not loaded whole into memory: Grep and Bash can look into them. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Images, PDFs and notebooks go to the model as what they are, not as text lines. */
async function special(path: string, bytes: Uint8Array, pages: string | undefined): Promise<ToolContent | undefined> {
  const ext = extname(path).toLowerCase();
  const imageType = IMAGE_TYPES[ext];
  if (imageType) {
    const image = await imageForModel(bytes, imageType);
    const block = { type: "image" as const, source: { type: "base64" as const, media_type: image.mediaType, data: image.data } };
    return image.note ? [block, { type: "text", text: image.note }] : [block];
  }
  if (ext === ".pdf") {
    const pdf = await pdfForModel(bytes, pages);
    return [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: pdf.data } }, { type: "text", text: pdf.note }];
  }
  if (ext === ".ipynb") return renderNotebook(decodeText(bytes).text);
  return undefined;
}

export default defineTool({
  name: "Read",
  description: `Read a file. file_path must be absolute. By default returns up to 2000 lines from the start, numbered like \`cat -n\` (line number, tab, line); for long files give offset (the first line to read, 1-based) and limit. Lines longer than 2000 characters are cut.`,
  input: v.object({
    file_path: v.pipe(v.string(), v.description("The absolute path of the file to read")),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.description("The first line to read (1-based), for files too large to read at once"))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("How many lines to read"))),
    pages: v.optional(v.pipe(v.string(), v.description('PDF page range, e.g. "1-5" (at most 20 pages)'))),
    allow_large: v.optional(v.pipe(v.boolean(), v.description("Return content over the size limit (about 25,000 tokens)"))),
  }),
  readOnly: true,
  async run({ file_path, offset, limit, pages, allow_large }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      const near = await nearNames(path);
      const hint = near.length ? `\nDid you mean ${near.join(" or ")}?` : "";
      return { content: `File does not exist. Note: your current working directory is ${ctx.cwd}.${hint}`, isError: true };
    }
    if (info.isDirectory()) return { content: `EISDIR: illegal operation on a directory, read '${path}'`, isError: true };
    if (info.size > MAX_FILE_BYTES) {
      return { content: `File is too large to Read (${(info.size / 1024 / 1024).toFixed(0)} MB). Search it with Grep, or look at parts with Bash (head, tail, sed -n '100,200p').`, isError: true };
    }
    const bytes = await Bun.file(path).bytes();
    const media = await special(path, bytes, pages);
    if (media) {
      ctx.files.record(path, bytes, info.mtimeMs);
      return media;
    }
    if (looksBinary(bytes)) {
      return { content: `This tool cannot read binary files. ${path} appears to be a binary file (${info.size} bytes). Use a tool suited to its format through Bash (e.g. xxd, file, unzip -l).`, isError: true };
    }
    const { text } = decodeText(bytes);
    if (text.length === 0) {
      ctx.files.record(path, bytes, info.mtimeMs);
      return "<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>";
    }
    const view = numberedLines(text, offset, limit);
    if ("error" in view) return view.error;
    if (view.content.length > MAX_RESULT_CHARS && !allow_large) {
      const tokens = Math.ceil(view.content.length / 4);
      return {
        content: `File content (about ${tokens} tokens) exceeds the maximum allowed (${MAX_RESULT_CHARS / 4} tokens). Read a part of it with offset and limit, search it with Grep, or pass allow_large: true to read it anyway.`,
        isError: true,
      };
    }
    ctx.files.record(path, bytes, info.mtimeMs, view.partial);
    // Its language server (if any) starts now, so diagnostics are ready by the time the file is edited.
    ctx.agent?.code?.touch(path);
    return view.content;
  },
});
