import type { ToolContext } from "../registry/define.ts";

/**
 * A write's result with the language servers' diagnostics of the files it touched appended, for
 * Edit, Write, NotebookEdit and users' tools; "changed" (Bash): the files open in a server that
 * changed on disk. Waits no longer than the session's bound; a session with no language server
 * adds nothing and waits for nothing.
 */
export async function withDiagnostics(ctx: Pick<ToolContext, "agent" | "signal">, paths: string[] | "changed", result: string): Promise<string> {
  const code = ctx.agent?.code;
  if (!code) return result;
  const block = await (paths === "changed" ? code.afterCommand(ctx.signal) : code.afterEdit(paths, ctx.signal)).catch(() => "");
  return block ? `${result}\n\n${block}` : result;
}
