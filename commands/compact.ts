import { defineCommand } from "nanocode";

export default defineCommand({
  name: "compact",
  description: "Summarise the conversation to free context (optional: what the summary should focus on)",
  argumentHint: "[instructions]",
  async run(args, ctx) {
    if (!ctx.session) return "No session: /compact works inside a session.";
    return (await ctx.session()).compact(args);
  },
});
