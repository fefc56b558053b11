import { defineCommand } from "nanocode";

type Hook = { type?: string; command?: string; timeout?: number };
type Matcher = { matcher?: string; hooks?: Hook[] };

export default defineCommand({
  name: "hooks",
  description: "Show the hooks configured for each event",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /hooks works inside a session.";
    const hooks = (session.settings.merged.hooks ?? {}) as Record<string, Matcher[]>;
    const dim = ctx.ui?.style.dim ?? ((t: string) => t);
    const events = Object.entries(hooks).filter(([, list]) => Array.isArray(list) && list.length);
    if (events.length === 0) return `No hooks configured. ${dim("Add them under \"hooks\" in .nanocode/settings.json, e.g. {\"PostToolUse\": [{\"matcher\": \"Edit|Write\", \"hooks\": [{\"type\": \"command\", \"command\": \"npm run lint\"}]}]}")}`;
    const lines: string[] = [];
    for (const [event, matchers] of events) {
      lines.push(event);
      for (const m of matchers) {
        for (const hook of m.hooks ?? []) lines.push(`  ${dim(m.matcher ? `[${m.matcher}]` : "[all]")} ${hook.command ?? hook.type ?? "?"}${hook.timeout ? dim(` (timeout ${hook.timeout}s)`) : ""}`);
      }
    }
    return lines.join("\n");
  },
});
