import { defineCommand } from "nanocode";

type Rules = { allow?: string[]; ask?: string[]; deny?: string[]; defaultMode?: string; additionalDirectories?: string[] };

export default defineCommand({
  name: "permissions",
  aliases: ["allowed-tools"],
  description: "Show the permission mode and the allow, ask and deny rules in effect",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /permissions works inside a session.";
    const s = ctx.ui?.style;
    const { merged, files } = session.settings;
    const rules = (merged.permissions ?? {}) as Rules;
    const paint = { deny: s?.red, ask: s?.yellow, allow: s?.green };
    const dim = s?.dim ?? ((t: string) => t);
    const lines = [`Mode: ${ctx.ui?.permissionMode ?? session.modes?.current ?? "default"}${ctx.ui ? " (Shift+Tab cycles default → acceptEdits → plan)" : ""}`];
    for (const behavior of ["deny", "ask", "allow"] as const) {
      // Each rule with the file it comes from: `/path` in a rule is relative to that file's root.
      const list = files.flatMap((f) => ((f.settings.permissions ?? {}) as Rules)[behavior]?.map((rule) => `  ${rule}  ${dim(f.path)}`) ?? []);
      const title = (paint[behavior] ?? ((t: string) => t))(`${behavior[0]!.toUpperCase()}${behavior.slice(1)} (${list.length})`);
      lines.push("", title, ...(list.length ? list : ["  none"]));
    }
    if (rules.additionalDirectories?.length) lines.push("", "Additional directories:", ...rules.additionalDirectories.map((d) => `  ${d}`));
    lines.push("", dim('Rules live in permissions.allow|ask|deny of .nanocode/settings.json (or .claude/, or ~/.nanocode/); "Yes, and don\'t ask again" adds to .nanocode/settings.local.json.'));
    return lines.join("\n");
  },
});
