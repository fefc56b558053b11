import { defineCommand } from "nanocode";

export default defineCommand({
  name: "skills",
  description: "List the skills and Markdown commands available, and where they come from",
  run(_args, ctx) {
    const items = ctx.registry.prompts ?? [];
    if (items.length === 0) return "No skills or custom commands. Add skills/<name>/SKILL.md or commands/<name>.md under .nanocode/ or .claude/ (or in ~/.nanocode/).";
    const dim = ctx.ui?.style.dim ?? ((t: string) => t);
    const lines: string[] = [];
    for (const [kind, title] of [["skill", "Skills"], ["command", "Custom commands"]] as const) {
      const own = items.filter((i) => i.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
      if (own.length) lines.push(`${title}:`, ...own.map((i) => `  /${i.name}${i.title && i.title !== i.name ? ` (${i.title})` : ""}${i.argumentHint ? ` ${i.argumentHint}` : ""}  ${i.description} ${dim(`(${i.source})`)}`), "");
    }
    return lines.join("\n").trimEnd();
  },
});
