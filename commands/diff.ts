import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { defineCommand, FileHistory } from "nanocode";

export default defineCommand({
  name: "diff",
  description: "Show what this session changed in files (edits by Edit, Write and NotebookEdit)",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /diff works inside a session.";
    const history = FileHistory.of(session.sessionDir);
    const changes = await history.changes();
    if (changes.length === 0) return "No files changed by this session's edits yet (changes made through Bash are not tracked).";
    const first = new Map<string, (typeof changes)[number]>();
    for (const change of changes) if (!first.has(change.path)) first.set(change.path, change);
    const decoder = new TextDecoder();
    const out: string[] = [];
    for (const [path, change] of first) {
      const before = await history.contentBefore(change);
      const now = await readFile(path).catch(() => undefined);
      const label = relative(ctx.cwd, path).startsWith("..") ? path : relative(ctx.cwd, path);
      const bold = ctx.ui?.style.bold ?? ((t: string) => t);
      const state = before === null ? " (new)" : now === undefined ? " (deleted)" : "";
      out.push(bold(`${label}${state}`));
      const a = before ? decoder.decode(before) : "";
      const b = now ? decoder.decode(now) : "";
      if (a === b) out.push("  (back to how it was)");
      else if (ctx.ui) out.push(ctx.ui.diff(a, b));
      out.push("");
    }
    return out.join("\n").trimEnd();
  },
});
