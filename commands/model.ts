import { defineCommand } from "nanocode";

export default defineCommand({
  name: "model",
  argumentHint: "[alias or id]",
  description: "Show or change the model for the rest of the session",
  async run(args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /model works inside a session.";
    let wanted = args.trim();
    if (!wanted && ctx.ui) {
      const models = session.models;
      const pick = await ctx.ui.choose(
        `Model for this session (now ${session.model})`,
        models.map((m) => ({ label: m.alias ? `${m.alias} (${m.id})` : m.id, description: `${Math.round(m.contextWindow / 1000)}k context` })),
      );
      if (pick === undefined) return `Kept ${session.model}.`;
      wanted = models[pick]!.id;
    }
    if (!wanted) return `Model: ${session.model}`;
    return `Model set to ${session.setModel(wanted)}.`;
  },
});
