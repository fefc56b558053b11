import { defineCommand } from "nanocode";

export default defineCommand({
  name: "config",
  description: "Show the settings in effect and the files they come from",
  async run(_args, ctx) {
    const s = await ctx.session?.();
    if (!s) return "No session: /config works inside a session.";
    const { merged, files, problems } = s.settings;
    const dim = ctx.ui?.style.dim ?? ((t: string) => t);
    const lines = ["Settings files (later ones win):", ...(files.length ? files.map((f) => `  ${f.scope.padEnd(8)} ${f.path}`) : [dim("  none (create .nanocode/settings.json or ~/.nanocode/settings.json)")])];
    lines.push("", "In effect:", ...JSON.stringify(merged, null, 2).split("\n").map((l) => `  ${l}`));
    if (problems.length) lines.push("", "Problems:", ...problems.map((p) => `  ${p}`));
    lines.push("", dim(`Session-only changes: /model, /permissions, Shift+Tab. Now: model ${s.model}, mode ${ctx.ui?.permissionMode ?? "as started"}.`));
    return lines.join("\n");
  },
});
