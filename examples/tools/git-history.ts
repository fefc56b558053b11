// GitHistory: why does this code look like this? The commits that last touched a file or a range
// of its lines, with their messages (and diffs on request), without giving the model a shell.
// Copy this file into ~/.nanocode/tools/ or <project>/.nanocode/tools/; it needs no node_modules.
import { defineTool, exec, resolvePath, v } from "nanocode";

const MAX_CHARS = 20_000;

export default defineTool({
  name: "GitHistory",
  description:
    "Show the git history of a file, or of a range of its lines (start_line..end_line), newest first: hash, author, date and message of each commit, plus the diffs when with_diffs is true. Use it to learn why code is the way it is before changing it.",
  input: v.object({
    file_path: v.pipe(v.string(), v.description("The file whose history to show")),
    start_line: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("First line of the range (needs end_line)"))),
    end_line: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Last line of the range"))),
    max_commits: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10),
    with_diffs: v.optional(v.boolean(), false),
  }),
  readOnly: true,
  async run({ file_path, start_line, end_line, max_commits, with_diffs }, ctx) {
    const path = resolvePath(ctx.cwd, file_path);
    if ((start_line === undefined) !== (end_line === undefined)) return { content: "Give both start_line and end_line, or neither.", isError: true };
    const format = "--format=commit %h  %an  %ad%n%n    %s%n%b";
    const argv =
      start_line !== undefined
        ? ["git", "log", `-n${max_commits}`, "--date=short", format, `-L${start_line},${end_line}:${path}`, ...(with_diffs ? [] : ["-s"])]
        : ["git", "log", `-n${max_commits}`, "--date=short", format, "--follow", ...(with_diffs ? ["-p"] : []), "--", path];
    ctx.progress(`git log ${file_path}`);
    const { stdout, stderr, exitCode } = await exec(argv, { cwd: ctx.cwd, signal: ctx.signal, timeoutMs: 30_000 });
    if (exitCode !== 0) return { content: stderr.trim() || `git log failed (exit ${exitCode})`, isError: true };
    const text = stdout.trim() || "No commits touch this file (is it tracked by git?)";
    return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n… (cut: ask for fewer commits or a narrower line range)` : text;
  },
});
