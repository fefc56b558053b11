import { stat } from "node:fs/promises";
import { defineTool, displayPath, globFiles, resolvePath, v } from "nanocode";

const LIMIT = 100;

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
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new Error(`Directory does not exist: ${root}. Note: your current working directory is ${ctx.cwd}.`);
    // Oldest first, as Claude Code 2.1.328 lists them; .gitignore'd files, .git and node_modules skipped.
    const found = (await globFiles(root, pattern)).filter((f) => ctx.canRead(f.path));
    if (found.length === 0) return "No files found";
    const shown = found.slice(0, LIMIT).map((f) => displayPath(ctx.cwd, f.path));
    if (found.length > LIMIT) shown.push("(Results are truncated. Consider using a more specific path or pattern.)");
    return shown.join("\n");
  },
});
