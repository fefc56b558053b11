import { readdir, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { defineTool, resolvePath, v } from "nanocode";

const MAX_LINES = 2000;
const MAX_LINE_CHARS = 2000;

/** Up to three names in the same folder that look like the one that was asked for. */
async function nearNames(path: string): Promise<string[]> {
  const want = basename(path).toLowerCase();
  const stem = want.replace(/\.[^.]*$/, "");
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  return names.filter((n) => n.toLowerCase().includes(stem.slice(0, 3)) || stem.includes(n.toLowerCase().replace(/\.[^.]*$/, ""))).slice(0, 3);
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8000);
  return head.includes(0);
}

export default defineTool({
  name: "Read",
  description:
    "Read a file from the local filesystem. file_path should be absolute. Returns up to 2000 lines by default, numbered like `cat -n` (number, tab, line); use offset (first line, 1-based) and limit for large files. Lines over 2000 characters are cut. Read a file before you Edit or Write it.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("Absolute path of the file to read")),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), undefined),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), undefined),
  }),
  readOnly: true,
  async run({ file_path, offset, limit }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      const near = await nearNames(path);
      const hint = near.length ? ` Did you mean ${near.map((n) => `${dirname(path)}/${n}`).join(", ")}?` : "";
      return { content: `File does not exist. Note: your current working directory is ${ctx.cwd}.${hint}`, isError: true };
    }
    if (info.isDirectory()) return { content: `EISDIR: illegal operation on a directory, read '${path}'`, isError: true };
    const bytes = await Bun.file(path).bytes();
    if (looksBinary(bytes)) return { content: `${path} is a binary file (${info.size} bytes); Read shows text files only.`, isError: true };
    const text = new TextDecoder().decode(bytes);
    if (text.length === 0) {
      ctx.files.record(path, text, info.mtimeMs);
      return "<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>";
    }
    const lines = text.split(/\r?\n/);
    const start = Math.max(1, offset ?? 1);
    const count = limit ?? MAX_LINES;
    const shown = lines.slice(start - 1, start - 1 + count);
    if (shown.length === 0) return `<system-reminder>Warning: the file has ${lines.length} lines; offset ${start} is past its end.</system-reminder>`;
    ctx.files.record(path, text, info.mtimeMs, start > 1 || start - 1 + count < lines.length);
    const body = shown
      .map((line, i) => `${start + i}\t${line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} chars]` : line}`)
      .join("\n");
    const rest = lines.length - (start - 1 + shown.length);
    return rest > 0 && limit === undefined ? `${body}\n\n(Showing lines ${start}-${start + shown.length - 1} of ${lines.length}; use offset and limit to read more.)` : body;
  },
});
