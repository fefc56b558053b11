import { stat } from "node:fs/promises";
import { defineTool, displayPath, resolvePath, v } from "nanocode";

const LIMIT = 100;
const SKIPPED = /(^|\/)(\.git|node_modules|\.hg|\.svn)\//;

export default defineTool({
  name: "Glob",
  description:
    'Find files by glob pattern, such as "**/*.ts" or "src/**/*.test.js". Returns matching paths sorted by modification time, at most 100.',
  input: v.object({
    pattern: v.pipe(v.string(), v.nonEmpty(), v.description("The glob pattern to match files against")),
    path: v.optional(v.pipe(v.string(), v.description("Folder to search (default: cwd)"))),
  }),
  readOnly: true,
  async run({ pattern, path }, ctx) {
    const root = resolvePath(ctx.cwd, path ?? ".");
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new Error(`Directory does not exist: ${root}`);
    const found: { file: string; mtime: number }[] = [];
    for await (const file of new Bun.Glob(pattern).scan({ cwd: root, absolute: true, onlyFiles: true, dot: true })) {
      if (SKIPPED.test(file)) continue;
      found.push({ file, mtime: (await stat(file).catch(() => undefined))?.mtimeMs ?? 0 });
    }
    if (found.length === 0) return "No files found";
    found.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file));
    const shown = found.slice(0, LIMIT).map((f) => displayPath(ctx.cwd, f.file));
    if (found.length > LIMIT) shown.push(`(Results are truncated: ${found.length} files matched, showing the first ${LIMIT}. Use a more specific path or pattern.)`);
    return shown.join("\n");
  },
});
