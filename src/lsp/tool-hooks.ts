import type { ToolContext } from "../registry/define.ts";

/**
 * A write's result with the language servers' diagnostics of the files it touched appended, for
 * Edit, Write, NotebookEdit and users' tools. Waits no longer than the session's bound; a session
 * with no language server adds nothing and waits for nothing.
 */
export async function withDiagnostics(ctx: Pick<ToolContext, "agent" | "signal">, paths: string[], result: string): Promise<string> {
  const block = await ctx.agent?.code?.afterEdit(paths, ctx.signal).catch(() => "");
  return block ? `${result}\n\n${block}` : result;
}
