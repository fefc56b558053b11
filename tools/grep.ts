import { stat } from "node:fs/promises";
import { defineTool, grep, resolvePath, splitGlobs, v } from "nanocode";

const DEFAULT_HEAD_LIMIT = 250;

const Input = v.object({
  pattern: v.pipe(v.string(), v.nonEmpty(), v.description("Regular expression (ripgrep syntax)")),
  path: v.optional(v.pipe(v.string(), v.description("File or folder to search (default: cwd)"))),
  glob: v.optional(v.pipe(v.string(), v.description('Only files matching this glob, e.g. "*.{ts,tsx}"'))),
  type: v.optional(v.pipe(v.string(), v.description("Only files of this ripgrep type, e.g. js, py"))),
  output_mode: v.optional(v.picklist(["content", "files_with_matches", "count"]), "files_with_matches"),
  "-i": v.optional(v.pipe(v.boolean(), v.description("Case-insensitive search"))),
  "-n": v.optional(v.pipe(v.boolean(), v.description("Line numbers (default true)"))),
  "-o": v.optional(v.boolean()),
  // The description says what -A/-B/-C are: no per-field words (the prompt has a budget).
  "-A": v.optional(v.number()),
  "-B": v.optional(v.number()),
  "-C": v.optional(v.pipe(v.number(), v.description("Lines around each match"))),
  context: v.optional(v.number()),
  multiline: v.optional(v.pipe(v.boolean(), v.description("Patterns may span lines"))),
  head_limit: v.optional(v.pipe(v.number(), v.description(`First N lines/files (default ${DEFAULT_HEAD_LIMIT}; 0: all)`))),
  offset: v.optional(v.pipe(v.number(), v.description("Skip the first N lines or files"))),
});

const lines = (n: number | undefined) => (n === undefined ? undefined : Math.max(0, Math.floor(n)));

export default defineTool({
  name: "Grep",
  description:
    'Search file contents with a regular expression (ripgrep). output_mode "files_with_matches" (default) lists matching files, newest first; "content" shows matching lines (-n numbers, -A/-B/-C context, -o only matches); "count" shows matches per file. Filter with glob or type; page with head_limit and offset.',
  input: Input,
  readOnly: true,
  async run(input, ctx) {
    const root = resolvePath(ctx.cwd, input.path ?? ".");
    if (!(await stat(root).catch(() => undefined))) throw new Error(`Path does not exist: ${root}. Note: your current working directory is ${ctx.cwd}.`);
    const around = lines(input["-C"] ?? input.context) ?? 0;
    const limit = lines(input.head_limit) ?? DEFAULT_HEAD_LIMIT;
    const query = {
      root,
      cwd: ctx.cwd,
      pattern: input.pattern,
      mode: input.output_mode,
      ignoreCase: input["-i"] ?? false,
      multiline: input.multiline ?? false,
      onlyMatching: input["-o"] ?? false,
      before: lines(input["-B"]) ?? around,
      after: lines(input["-A"]) ?? around,
      globs: input.glob ? splitGlobs(input.glob) : [],
      type: input.type,
    };
    return grep(query, { offset: lines(input.offset) ?? 0, limit: limit === 0 ? undefined : limit, numbered: input["-n"] ?? true }, ctx.signal, undefined, (path) => ctx.canRead(path));
  },
});
