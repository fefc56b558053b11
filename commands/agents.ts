import { defineCommand } from "nanocode";

export default defineCommand({
  name: "agents",
  description: "List the sub-agent types the model can start, and where they are defined",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /agents works inside a session.";
    const dim = ctx.ui?.style.dim ?? ((t: string) => t);
    // Read again: agent files added or changed since the session started count from now on.
    const { types, problems } = await session.agentTypes();
    if (types.length === 0) return "No sub-agent types in this session.";
    const lines = types.map((a) => `  ${a.name}  ${a.description.split("\n")[0]} ${dim(`(${a.source}${a.tools ? `; tools: ${a.tools.join(", ")}` : ""})`)}`);
    const broken = problems.map((p) => `  ${p}`);
    return ["Agent types:", ...lines, ...(broken.length ? ["", "Not loaded:", ...broken] : []), "", dim("Add your own as Markdown with frontmatter (name, description, tools, model, effort) in .nanocode/agents/ or .claude/agents/.")].join("\n");
  },
});
