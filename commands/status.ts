import { defineCommand } from "nanocode";

export default defineCommand({
  name: "status",
  description: "Show the session, model, permission mode, settings files and extensions in use",
  async run(_args, ctx) {
    const s = await ctx.session?.().catch(() => undefined);
    const dim = ctx.ui?.style.dim ?? ((t: string) => t);
    const row = (label: string, value: string) => `  ${dim(label.padEnd(18))}${value}`;
    const lines = [row("Working directory", ctx.cwd)];
    if (s) {
      lines.push(row("Session", s.id), row("Model", s.model), row("Permission mode", ctx.ui?.permissionMode ?? s.modes?.current ?? "default"), row("Messages", String(s.messages.length)));
      lines.push(row("API", `${s.provider.name}${s.provider.endpoint ? ` (${s.provider.endpoint})` : ""}`));
      const files = s.settings.files;
      lines.push(row("Settings files", files.length ? files.map((f) => `${f.path} (${f.scope})`).join("\n" + " ".repeat(20)) : "none"));
      if (s.settings.problems.length) lines.push(row("Settings problems", String(s.settings.problems.length) + " (see /doctor)"));
    }
    lines.push(row("Tools", `${ctx.registry.tools.length} (${ctx.registry.tools.filter((t) => t.name.startsWith("mcp__")).length} from MCP servers)`));
    lines.push(row("Commands", `${ctx.registry.commands.length} built-in or modules, ${(ctx.registry.prompts ?? []).length} skills and Markdown commands`));
    return lines.join("\n");
  },
});
