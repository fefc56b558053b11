import { defineCommand } from "nanocode";

export default defineCommand({
  name: "clear",
  aliases: ["reset", "new"],
  description: "Start a new conversation (the current one stays available to /resume)",
  async run(_args, ctx) {
    if (!ctx.ui) return "/clear works in the interactive session.";
    const previous = (await ctx.session?.())?.id;
    await ctx.ui.clear();
    return ctx.ui?.style.dim(`Started a new conversation. The previous one is ${previous} (/resume).`);
  },
});
