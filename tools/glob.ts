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
    // Files the permission rules hide are left out; asking stops once one more than the limit is found.
    const shown: string[] = [];
    let more = false;
    for (const f of await globFiles(root, pattern)) {
      if (!ctx.canRead(f.path)) continue;
      if (shown.length === LIMIT) {
        more = true;
        break;
      }
      shown.push(displayPath(ctx.cwd, f.path));
    }
    if (shown.length === 0) return "No files found";
    if (more) shown.push("(Results are truncated. Consider using a more specific path or pattern.)");
    return shown.join("\n");
  },
});
