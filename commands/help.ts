import { defineCommand } from "nanocode";

export default defineCommand({
  name: "help",
  description: "List the slash commands, custom commands, skills and tools",
  run(_args, ctx) {
    const bold = ctx.ui?.style.bold ?? ((s: string) => s);
    const dim = ctx.ui?.style.dim ?? ((s: string) => s);
    const rows = (items: { name: string; hint?: string; description: string }[]) => {
      const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
      const width = Math.max(...sorted.map((c) => c.name.length + (c.hint ? c.hint.length + 1 : 0))) + 3;
      return sorted.map((c) => `  ${`/${c.name}${c.hint ? ` ${c.hint}` : ""}`.padEnd(width)}${dim(c.description)}`);
    };
    const lines = [bold("Commands"), ...rows(ctx.registry.commands.map((c) => ({ name: c.name, hint: c.argumentHint, description: `${c.description}${c.aliases?.length ? ` (also /${c.aliases.join(", /")})` : ""}` })))];
    for (const [kind, title] of [["command", "Custom commands"], ["skill", "Skills"]] as const) {
      const items = (ctx.registry.prompts ?? []).filter((p) => p.kind === kind);
      if (items.length) lines.push("", bold(title), ...rows(items.map((p) => ({ name: p.name, hint: p.argumentHint, description: `${p.description} ${dim(`(${p.source})`)}` }))));
    }
    lines.push("", `${bold("Tools:")} ${ctx.registry.tools.map((t) => t.name).join(", ")}`);
    if (ctx.ui) lines.push("", dim("! runs a shell command · # adds a note to memory · @ attaches a file · Esc interrupts · Shift+Tab changes permission mode"));
    return lines.join("\n");
  },
});
