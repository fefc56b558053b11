import { defineCommand } from "nanocode";

const count = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}m` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));
const seconds = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s` : `${(ms / 1000).toFixed(1)}s`);
const dollars = (usd: number) => `$${usd >= 0.5 ? usd.toFixed(2) : usd.toFixed(4)}`;

export default defineCommand({
  name: "cost",
  description: "Show the cost and token usage of this session",
  async run(_args, ctx) {
    if (!ctx.session) return "No session: /cost works inside a session.";
    const cost = (await ctx.session()).cost();
    const lines = [
      `Total cost:            ${dollars(cost.totalUSD)}`,
      `Total duration (API):  ${seconds(cost.apiMs)}`,
      `Total duration (wall): ${seconds(cost.wallMs)}`,
    ];
    const models = Object.entries(cost.byModel);
    if (models.length) lines.push("Usage by model:");
    for (const [model, u] of models) {
      lines.push(
        `  ${model}: ${count(u.input_tokens)} input, ${count(u.output_tokens)} output, ${count(u.cache_read_input_tokens)} cache read, ${count(u.cache_creation_input_tokens)} cache write (${dollars(u.costUSD)})`,
      );
    }
    return lines.join("\n");
  },
});
