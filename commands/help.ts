import { defineCommand } from "nanocode";

export default defineCommand({
  name: "help",
  description: "List the slash commands and tools",
  run(_args, ctx) {
    const commands = [...ctx.registry.commands].sort((a, b) => a.name.localeCompare(b.name));
    const width = Math.max(...commands.map((c) => c.name.length + (c.argumentHint ? c.argumentHint.length + 1 : 0))) + 1;
    const lines = ["Commands:"];
    for (const c of commands) lines.push(`  ${`/${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ""}`.padEnd(width + 1)}  ${c.description}`);
    lines.push("", `Tools: ${ctx.registry.tools.map((t) => t.name).join(", ")}`);
    return lines.join("\n");
  },
});
