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
    const rules = (session.settings.merged.permissions ?? {}) as Rules;
    const paint = { deny: s?.red, ask: s?.yellow, allow: s?.green };
    const lines = [`Mode: ${ctx.ui?.permissionMode ?? "see --permission-mode"} (Shift+Tab cycles default → acceptEdits → plan)`];
    for (const behavior of ["deny", "ask", "allow"] as const) {
      const list = rules[behavior] ?? [];
      const title = (paint[behavior] ?? ((t: string) => t))(`${behavior[0]!.toUpperCase()}${behavior.slice(1)} (${list.length})`);
      lines.push("", title, ...(list.length ? list.map((r) => `  ${r}`) : ["  none"]));
    }
    if (rules.additionalDirectories?.length) lines.push("", "Additional directories:", ...rules.additionalDirectories.map((d) => `  ${d}`));
    const dim = s?.dim ?? ((t: string) => t);
    lines.push("", dim('Rules live in permissions.allow|ask|deny of .nanocode/settings.json (or .claude/, or ~/.nanocode/); "Yes, and don\'t ask again" adds to .nanocode/settings.local.json.'));
    return lines.join("\n");
  },
});
