import { existsSync } from "node:fs";
import { defineCommand } from "nanocode";

export default defineCommand({
  name: "memory",
  description: "Edit a memory file (project or user NANOCODE.md) in your editor",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session || !ctx.ui) return "/memory works in the interactive session.";
    const files = session.memoryFiles();
    const pick = await ctx.ui.choose(
      "Which memory file?",
      files.map((f) => ({ label: f.label, description: existsSync(f.path) ? "" : "(new)" })),
    );
    if (pick === undefined) return;
    const file = files[pick]!;
    await ctx.ui.edit(file.path);
    return ctx.ui.style.dim(`Memory files are read when a session starts; "#note" adds a line without an editor.`);
  },
});
