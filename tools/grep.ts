import { stat } from "node:fs/promises";
import { defineTool, displayPath, resolvePath, v } from "nanocode";

const Input = v.object({
  pattern: v.pipe(v.string(), v.nonEmpty(), v.description("Regular expression (ripgrep syntax)")),
  path: v.optional(v.pipe(v.string(), v.description("File or folder to search (default: cwd)"))),
  glob: v.optional(v.pipe(v.string(), v.description('Only files matching this glob, e.g. "*.{ts,tsx}"'))),
  type: v.optional(v.pipe(v.string(), v.description("Only files of this ripgrep type, e.g. js, py"))),
  output_mode: v.optional(v.picklist(["content", "files_with_matches", "count"]), "files_with_matches"),
  "-i": v.optional(v.pipe(v.boolean(), v.description("Case-insensitive search"))),
  "-n": v.optional(v.pipe(v.boolean(), v.description("Line numbers (default true)"))),
  "-A": v.optional(v.pipe(v.number(), v.description("Lines after each match"))),
  "-B": v.optional(v.pipe(v.number(), v.description("Lines before each match"))),
  "-C": v.optional(v.pipe(v.number(), v.description("Lines before and after each match"))),
  multiline: v.optional(v.pipe(v.boolean(), v.description("Patterns may span lines"))),
  head_limit: v.optional(v.pipe(v.number(), v.description("Return only the first N lines or files"))),
  offset: v.optional(v.pipe(v.number(), v.description("Skip the first N lines or files"))),
});
type Input = v.InferOutput<typeof Input>;

function ripgrepArgs(input: Input, target: string): string[] {
  const args = ["--no-config", "--sort", "path", "--hidden", "--glob", "!.git", "--max-columns", "500", "--color", "never"];
  if (input.output_mode === "files_with_matches") args.push("--files-with-matches");
  else if (input.output_mode === "count") args.push("--count", "--with-filename");
  else {
    args.push("--no-heading", "--with-filename");
    if (input["-n"] !== false) args.push("--line-number");
    if (input["-C"] !== undefined) args.push("-C", String(input["-C"]));
    if (input["-A"] !== undefined) args.push("-A", String(input["-A"]));
    if (input["-B"] !== undefined) args.push("-B", String(input["-B"]));
  }
  if (input["-i"]) args.push("--ignore-case");
  if (input.multiline) args.push("--multiline", "--multiline-dotall");
  if (input.type) args.push("--type", input.type);
  if (input.glob) for (const g of input.glob.split(/\s+/).filter(Boolean)) args.push("--glob", g);
  args.push("--regexp", input.pattern);
  if (target !== ".") args.push("--", target);
  return args;
}

async function byNewest(cwd: string, files: string[]): Promise<string[]> {
  const stamped = await Promise.all(files.map(async (f) => ({ f, t: (await stat(resolvePath(cwd, f)).catch(() => undefined))?.mtimeMs ?? 0 })));
  return stamped.sort((a, b) => b.t - a.t || a.f.localeCompare(b.f)).map((s) => s.f);
}

function page<T>(items: T[], input: Input): T[] {
  const from = input.offset ?? 0;
  return items.slice(from, input.head_limit === undefined ? undefined : from + input.head_limit);
}

export default defineTool({
  name: "Grep",
  description:
    'Search file contents with a regular expression (ripgrep). output_mode "files_with_matches" (default) lists matching files, newest first; "content" shows matching lines (with -n line numbers, -A/-B/-C context); "count" shows matches per file. Filter with glob or type; page with head_limit and offset.',
  input: Input,
  readOnly: true,
  async run(input, ctx) {
    const root = resolvePath(ctx.cwd, input.path ?? ".");
    if (!(await stat(root).catch(() => undefined))) throw new Error(`Path does not exist: ${root}`);
    const rg = Bun.which("rg");
    if (!rg) throw new Error("ripgrep (rg) is not installed; install it to use Grep, or use Bash with grep.");
    const target = displayPath(ctx.cwd, root);
    const proc = Bun.spawn([rg, ...ripgrepArgs(input, target)], { cwd: ctx.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const abort = () => proc.kill();
    ctx.signal.addEventListener("abort", abort, { once: true });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    ctx.signal.removeEventListener("abort", abort);
    if (code === 2 && out === "") throw new Error(`Grep failed: ${err.trim().split("\n")[0]}`);
    const lines = out.split("\n").filter((l) => l !== "");

    if (input.output_mode === "files_with_matches") {
      if (lines.length === 0) return "No files found";
      const files = page(await byNewest(ctx.cwd, lines), input);
      return `Found ${files.length} file${files.length === 1 ? "" : "s"}\n${files.join("\n")}`;
    }
    if (input.output_mode === "count") {
      if (lines.length === 0) return "No matches found";
      const shown = page(lines, input);
      const total = shown.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(":") + 1) || 0), 0);
      return `${shown.join("\n")}\n\nFound ${total} total occurrence${total === 1 ? "" : "s"} across ${shown.length} file${shown.length === 1 ? "" : "s"}.`;
    }
    if (lines.length === 0) return "No matches found";
    return page(lines, input).join("\n");
  },
});
